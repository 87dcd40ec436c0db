import type { UserPreferences } from '@herald/contracts';
import { DELIVERY_CHOICES, LOCALES, TIME_ZONES } from './card-choices.js';

export type Notice = { text: string; color: 'Good' | 'Attention' | 'Default' };

const hint = (text: string) => ({ type: 'TextBlock', text, isSubtle: true, size: 'Small', wrap: true, spacing: 'None' });

/**
 * The settings card, saved by Action.Execute `settings.save` and answered with itself, updated
 * in place: notifications on/off, time zone and language, quiet hours, and each topic's delivery
 * (at once, an hourly or daily digest, or off), with a row to add a topic.
 */
export function settingsCard(preferences: UserPreferences, notice?: Notice): Record<string, unknown> {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: 'Your settings', weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'Input.Toggle', id: 'notifications', title: 'Notifications from apps', value: preferences.notifications, valueOn: 'on', valueOff: 'off' },
      hint('Off: nothing from integrated apps reaches you until you turn them on. Answers to your own messages still come.'),
      ...zoneAndLanguage(preferences),
      ...quietHours(preferences),
      ...topics(preferences),
      ...(notice ? [{ type: 'TextBlock', text: notice.text, color: notice.color, wrap: true }] : []),
      hint('Topics you follow: type "subscriptions".'),
    ],
    actions: [{ type: 'Action.Execute', title: 'Save', verb: 'settings.save' }],
  };
}

function zoneAndLanguage(preferences: UserPreferences) {
  const zones = withOwn(TIME_ZONES, preferences.timeZone).map((zone) => ({ title: zone.replaceAll('_', ' '), value: zone }));
  const locales = Object.entries(LOCALES).map(([value, title]) => ({ title, value }));
  if (preferences.locale && !(preferences.locale in LOCALES)) locales.unshift({ title: preferences.locale, value: preferences.locale });
  return [
    { type: 'Input.ChoiceSet', id: 'timeZone', label: 'Time zone', style: 'filtered', choices: zones, ...(preferences.timeZone ? { value: preferences.timeZone } : { placeholder: 'Choose your time zone' }) },
    { type: 'Input.ChoiceSet', id: 'locale', label: 'Language', style: 'compact', choices: locales, ...(preferences.locale ? { value: preferences.locale } : {}) },
  ];
}

function quietHours(preferences: UserPreferences) {
  const quiet = preferences.quietHours;
  return [
    { type: 'Input.Toggle', id: 'quietHours', title: 'Quiet hours', value: quiet ? 'on' : 'off', valueOn: 'on', valueOff: 'off', separator: true },
    {
      type: 'ColumnSet',
      columns: [
        { type: 'Column', width: 'stretch', items: [{ type: 'Input.Time', id: 'quietStart', label: 'From', value: quiet?.start ?? '22:00' }] },
        { type: 'Column', width: 'stretch', items: [{ type: 'Input.Time', id: 'quietEnd', label: 'Until', value: quiet?.end ?? '07:00' }] },
      ],
    },
    hint('Notifications that come in your quiet hours wait until they end (your time zone). Critical ones still come.'),
  ];
}

function topics(preferences: UserPreferences) {
  const rows = Object.entries(preferences.topics)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([topic, preference]) => ({ type: 'Input.ChoiceSet', id: `topic.${topic}`, label: topic, style: 'compact', choices: DELIVERY_CHOICES, value: preference.subscribed ? preference.delivery : 'off' }));
  return [
    { type: 'TextBlock', text: 'Topics', weight: 'Bolder', wrap: true, separator: true },
    ...rows,
    {
      type: 'ColumnSet',
      columns: [
        { type: 'Column', width: 'stretch', items: [{ type: 'Input.Text', id: 'newTopic', label: 'Add a topic', placeholder: 'e.g. deploys', maxLength: 64 }] },
        { type: 'Column', width: 'stretch', items: [{ type: 'Input.ChoiceSet', id: 'newTopicDelivery', label: 'Delivery', style: 'compact', choices: DELIVERY_CHOICES, value: 'now' }] },
      ],
    },
  ];
}

function withOwn(list: readonly string[], own: string | undefined): string[] {
  return own && !list.includes(own) ? [own, ...list] : [...list];
}
