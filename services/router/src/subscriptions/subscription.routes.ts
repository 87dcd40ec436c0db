import { deriveId, topicSchema, type OutboundActivity } from '@herald/contracts';
import { botTranslatorFor } from '@herald/i18n';
import type { Route } from '../dispatch/route.js';

const say = (text: string): OutboundActivity => ({ type: 'message', textFormat: 'plain', text });
const flags = { quiet: false, teamAllowed: false };
const argumentOf = (command: string) => command.split(' ').slice(1).join(' ');

/** `subscriptions`: the topics the person follows. */
export const subscriptionsRoute: Route = {
  name: 'subscriptions',
  selector: { activityType: 'message', command: 'subscriptions' },
  flags,
  help: { usage: 'subscriptions', description: 'help.command.subscriptions' },
  handle: async ({ activity }, { subscriptions }) => {
    const t = botTranslatorFor(activity);
    const topics = await subscriptions.topicsOf(activity);
    return say(topics.length > 0 ? t('subscriptions.list', { topics: topics.join(', ') }) : t('subscriptions.none'));
  },
};

/** `subscribe <topic>` / `unsubscribe <topic>`, recorded as TopicSubscribed / TopicUnsubscribed. */
function changeRoute(subscribe: boolean): Route {
  const verb = subscribe ? 'subscribe' : 'unsubscribe';
  return {
    name: verb,
    selector: { activityType: 'message', command: verb },
    flags,
    help: { usage: verb, argument: 'help.argument.topic', description: subscribe ? 'help.command.subscribe' : 'help.command.unsubscribe' },
    handle: async ({ activity, command }, { subscriptions, causeId, now }) => {
      const t = botTranslatorFor(activity);
      const topic = topicSchema.safeParse(argumentOf(command));
      if (!topic.success) return say(t('subscriptions.which', { verb }));
      const changed = await subscriptions.change(activity, topic.data, subscribe, { id: deriveId('ChangeSubscription', causeId), now });
      if (subscribe) return say(t(changed ? 'subscriptions.subscribed' : 'subscriptions.alreadySubscribed', { topic: topic.data }));
      return say(t(changed ? 'subscriptions.unsubscribed' : 'subscriptions.alreadyOff', { topic: topic.data }));
    },
  };
}

export const subscribeRoute = changeRoute(true);
export const unsubscribeRoute = changeRoute(false);
