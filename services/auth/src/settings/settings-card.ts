import type { UserPreferences } from '@herald/contracts';
import type { BotTranslate } from '@herald/i18n';
import { DELIVERY_CHOICES, LOCALES, TIME_ZONES } from './card-choices.js';

export type Notice = { text: string; color: 'Good' | 'Attention' | 'Default' };

const hint = (text: string) => ({ type: 'TextBlock', text, isSubtle: true, size: 'Small', wrap: true, spacing: 'None' });

/**
 * The settings card, saved by Action.Execute `settings.save` and answered with itself, updated
 * in place: notifications on/off, time zone and language, quiet hours, and each topic's delivery
 * (at once, an hourly or daily digest, or off), with a row to add a topic. In the person's
 * language (`t`); the languages offered are named in their own.
 */
export function settingsCard(preferences: UserPreferences, t: BotTranslate, notice?: Notice): Record<string, unknown> {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: t('settings.title'), weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'Input.Toggle', id: 'notifications', title: t('settings.notifications'), value: preferences.notifications, valueOn: 'on', valueOff: 'off' },
      hint(t('settings.notifications.hint')),
      ...zoneAndLanguage(preferences, t),
      ...quietHours(preferences, t),
      ...topics(preferences, t),
      ...(notice ? [{ type: 'TextBlock', text: notice.text, color: notice.color, wrap: true }] : []),
      hint(t('settings.topics.hint')),
    ],
    actions: [{ type: 'Action.Execute', title: t('settings.save'), verb: 'settings.save' }],
  };
}

function zoneAndLanguage(preferences: UserPreferences, t: BotTranslate) {
  const zones = withOwn(TIME_ZONES, preferences.timeZone).map((zone) => ({ title: zone.replaceAll('_', ' '), value: zone }));
  const locales = Object.entries(LOCALES).map(([value, title]) => ({ title, value }));
  if (preferences.locale && !(preferences.locale in LOCALES)) locales.unshift({ title: preferences.locale, value: preferences.locale });
  return [
    { type: 'Input.ChoiceSet', id: 'timeZone', label: t('settings.timeZone'), style: 'filtered', choices: zones, ...(preferences.timeZone ? { value: preferences.timeZone } : { placeholder: t('settings.timeZone.placeholder') }) },
    { type: 'Input.ChoiceSet', id: 'locale', label: t('settings.language'), style: 'compact', choices: locales, ...(preferences.locale ? { value: preferences.locale } : {}) },
  ];
}

function quietHours(preferences: UserPreferences, t: BotTranslate) {
  const quiet = preferences.quietHours;
  return [
    { type: 'Input.Toggle', id: 'quietHours', title: t('settings.quietHours'), value: quiet ? 'on' : 'off', valueOn: 'on', valueOff: 'off', separator: true },
    {
      type: 'ColumnSet',
      columns: [
        { type: 'Column', width: 'stretch', items: [{ type: 'Input.Time', id: 'quietStart', label: t('settings.quietHours.from'), value: quiet?.start ?? '22:00' }] },
        { type: 'Column', width: 'stretch', items: [{ type: 'Input.Time', id: 'quietEnd', label: t('settings.quietHours.until'), value: quiet?.end ?? '07:00' }] },
      ],
    },
    hint(t('settings.quietHours.hint')),
  ];
}

function topics(preferences: UserPreferences, t: BotTranslate) {
  const deliveries = deliveryChoices(t);
  const rows = Object.entries(preferences.topics)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([topic, preference]) => ({ type: 'Input.ChoiceSet', id: `topic.${topic}`, label: topic, style: 'compact', choices: deliveries, value: preference.subscribed ? preference.delivery : 'off' }));
  return [
    { type: 'TextBlock', text: t('settings.topics'), weight: 'Bolder', wrap: true, separator: true },
    ...rows,
    {
      type: 'ColumnSet',
      columns: [
        { type: 'Column', width: 'stretch', items: [{ type: 'Input.Text', id: 'newTopic', label: t('settings.topics.add'), placeholder: t('settings.topics.add.placeholder'), maxLength: 64 }] },
        { type: 'Column', width: 'stretch', items: [{ type: 'Input.ChoiceSet', id: 'newTopicDelivery', label: t('settings.topics.delivery'), style: 'compact', choices: deliveries, value: 'now' }] },
      ],
    },
  ];
}

/** The delivery choices, titled in the person's language. */
function deliveryChoices(t: BotTranslate) {
  return DELIVERY_CHOICES.map((value) => ({ title: t(`settings.delivery.${value}`), value }));
}

function withOwn(list: readonly string[], own: string | undefined): string[] {
  return own && !list.includes(own) ? [own, ...list] : [...list];
}
