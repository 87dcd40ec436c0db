import type { DeliveryMode, PreferenceChanges, UserPreferences } from '@herald/contracts';
import { topicOf } from './user-preferences.js';

type TopicChange = NonNullable<PreferenceChanges['topics']>[string];
const MODES: readonly string[] = ['now', 'hourly', 'daily'];

/**
 * What the person set on the settings card (Action.Execute merges the inputs into the data), as
 * a change: every input present is taken as it came (the decider checks it); anything absent or
 * unreadable is left as it is. Cards sent before preferences had only `notificationsPaused`.
 */
export function changesFromCard(data: Record<string, unknown>, current: UserPreferences): PreferenceChanges {
  const text = (name: string) => (typeof data[name] === 'string' ? data[name].trim() : undefined);
  const notifications = onOff(data['notifications']) ?? invert(onOff(data['notificationsPaused']));
  const timeZone = text('timeZone') || undefined;
  const locale = text('locale') || undefined;
  const quiet = onOff(data['quietHours']);
  const quietHours = quiet === 'off' ? null : quiet === 'on' ? { start: time(text('quietStart')), end: time(text('quietEnd')) } : undefined;
  const topics = topicChanges(data, current, text('newTopic'), text('newTopicDelivery'));
  return {
    ...(notifications ? { notifications } : {}),
    ...(timeZone ? { timeZone } : {}),
    ...(locale ? { locale } : {}),
    ...(quietHours !== undefined ? { quietHours } : {}),
    ...(Object.keys(topics).length > 0 ? { topics } : {}),
  };
}

function topicChanges(data: Record<string, unknown>, current: UserPreferences, newTopic: string | undefined, newDelivery: string | undefined): Record<string, TopicChange> {
  const topics: Record<string, TopicChange> = {};
  for (const [id, value] of Object.entries(data)) {
    if (!id.startsWith('topic.') || typeof value !== 'string') continue;
    const topic = id.slice('topic.'.length);
    if (topicOf(current.topics, topic)) Object.assign(topics, { [topic]: topicChange(value) });
  }
  if (newTopic) topics[newTopic.toLowerCase()] = topicChange(newDelivery ?? 'now');
  return Object.fromEntries(Object.entries(topics).filter(([, change]) => Object.keys(change).length > 0));
}

/** A delivery choice: `off` unsubscribes; a mode subscribes with that mode. */
function topicChange(choice: string): TopicChange {
  if (choice === 'off') return { subscribed: false };
  return MODES.includes(choice) ? { subscribed: true, delivery: choice as DeliveryMode } : {};
}

function onOff(value: unknown): 'on' | 'off' | undefined {
  if (value === 'on' || value === 'true' || value === true) return 'on';
  if (value === 'off' || value === 'false' || value === false) return 'off';
  return undefined;
}

function invert(value: 'on' | 'off' | undefined): 'on' | 'off' | undefined {
  return value === undefined ? undefined : value === 'on' ? 'off' : 'on';
}

/** Input.Time answers `HH:mm` (some clients `HH:mm:ss`). */
function time(value: string | undefined): string {
  return /^\d\d:\d\d:\d\d$/.test(value ?? '') ? value!.slice(0, 5) : (value ?? '');
}
