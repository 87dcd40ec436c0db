import { deriveId, topicSchema, type OutboundActivity } from '@herald/contracts';
import type { Route } from '../dispatch/route.js';

const say = (text: string): OutboundActivity => ({ type: 'message', textFormat: 'plain', text });
const flags = { quiet: false, teamAllowed: false };
const argumentOf = (command: string) => command.split(' ').slice(1).join(' ');

/** `subscriptions`: the topics the person follows. */
export const subscriptionsRoute: Route = {
  name: 'subscriptions',
  selector: { activityType: 'message', command: 'subscriptions' },
  flags,
  help: { usage: 'subscriptions', description: 'The topics you get notifications about' },
  handle: async ({ activity }, { subscriptions }) => {
    const topics = await subscriptions.topicsOf(activity);
    return say(topics.length > 0 ? `You're subscribed to: ${topics.join(', ')}.` : "You're not subscribed to any topic. Try: subscribe <topic>");
  },
};

/** `subscribe <topic>` / `unsubscribe <topic>`, recorded as TopicSubscribed / TopicUnsubscribed. */
function changeRoute(subscribe: boolean): Route {
  const verb = subscribe ? 'subscribe' : 'unsubscribe';
  return {
    name: verb,
    selector: { activityType: 'message', command: verb },
    flags,
    help: { usage: `${verb} <topic>`, description: subscribe ? 'Get notifications about a topic' : 'Stop notifications about a topic (also when an app sends them to you)' },
    handle: async ({ activity, command }, { subscriptions, causeId, now }) => {
      const topic = topicSchema.safeParse(argumentOf(command));
      if (!topic.success) return say(`Which topic? Type "${verb} <topic>", e.g. "${verb} builds" (letters, digits, - _ .).`);
      const changed = await subscriptions.change(activity, topic.data, subscribe, { id: deriveId('ChangeSubscription', causeId), now });
      if (subscribe) return say(changed ? `Subscribed to ${topic.data}.` : `You were already subscribed to ${topic.data}.`);
      return say(changed ? `Unsubscribed from ${topic.data}: you won't get notifications about it.` : `You had already turned ${topic.data} off.`);
    },
  };
}

export const subscribeRoute = changeRoute(true);
export const unsubscribeRoute = changeRoute(false);
