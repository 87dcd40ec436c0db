import { deriveId, topicSchema, type OutboundActivity } from '@herald/contracts';
import { cardMessage } from '../cards/adaptive-card.js';
import type { Route } from '../dispatch/route.js';
import { changeFromCard } from './subscription-card-action.js';

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
    help: { usage: `${verb} <topic>`, description: subscribe ? 'Get notifications about a topic' : 'Stop notifications about a topic' },
    handle: async ({ activity, command }, { subscriptions, causeId, now }) => {
      const topic = topicSchema.safeParse(argumentOf(command));
      if (!topic.success) return say(`Which topic? Type "${verb} <topic>", e.g. "${verb} builds" (letters, digits, - _ .).`);
      const changed = await subscriptions.change(activity, topic.data, subscribe, { id: deriveId('ChangeSubscription', causeId), now });
      if (subscribe) return say(changed ? `Subscribed to ${topic.data}.` : `You were already subscribed to ${topic.data}.`);
      return say(changed ? `Unsubscribed from ${topic.data}.` : `You weren't subscribed to ${topic.data}.`);
    },
  };
}

export const subscribeRoute = changeRoute(true);
export const unsubscribeRoute = changeRoute(false);

/** Action.Submit of a subscribe / unsubscribe card: record it, then replace the card (PUT). */
function submitRoute(subscribe: boolean): Route {
  const verb = subscribe ? 'subscribe' : 'unsubscribe';
  return {
    name: `${verb}-card`,
    selector: { activityType: 'message', cardVerb: verb },
    flags: { quiet: true, teamAllowed: false, replacesCard: true },
    handle: async ({ activity }, { subscriptions, causeId, now }) => cardMessage(await changeFromCard(subscriptions, activity, subscribe, { id: causeId, now })),
  };
}

export const subscribeCardRoute = submitRoute(true);
export const unsubscribeCardRoute = submitRoute(false);
