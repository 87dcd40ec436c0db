/**
 * Every stream, subject and durable consumer name on Herald's bus, in one place.
 * Names here are relative to a prefix: `herald` in production; each test file uses its own,
 * so tests never share a stream. `busNames(prefix)` turns them into absolute names.
 */
export const SUBJECTS = {
  /** Event ActivityReceived: an authenticated activity from Teams. */
  activityReceived: 'gateway.activity.received',
  /** Command SendActivity, for the notifier. */
  sendActivity: 'notifier.command.send-activity',
  deliverySucceeded: 'notifier.delivery.succeeded',
  deliveryFailed: 'notifier.delivery.failed',
  /** Every delivery outcome. */
  deliveries: 'notifier.delivery.>',
  /** Conversation aggregates: one subject per conversation, `router.conversation.<subject token of its id>`. */
  conversations: 'router.conversation.>',
  conversation: (token: string) => `router.conversation.${token}`,
  /** Topic subscriptions: one subject per subscriber, `router.subscription.<subject token of its key>`. */
  subscriptions: 'router.subscription.>',
  subscription: (token: string) => `router.subscription.${token}`,
  /** Request/reply (core NATS): invokes the router answers (card actions, dialogs, search, file consent). */
  routerInvoke: 'router.invoke',
  /** Request/reply (core NATS): sign-in invokes the auth service answers. */
  authInvoke: 'auth.invoke',
} as const;

export const STREAMS = {
  /** Activities from Teams, as the gateway stored them (limits retention: replayable). */
  inbound: { name: 'INBOUND', subjects: ['gateway.activity.>'] },
  /** Commands for the notifier. */
  outbound: { name: 'OUTBOUND', subjects: ['notifier.command.>'] },
  /** What happened to each outbound activity. */
  deliveries: { name: 'DELIVERIES', subjects: ['notifier.delivery.>'] },
  /** Conversation events (installs, service URLs, members, channels, teams), one subject per conversation. */
  conversations: { name: 'CONVERSATIONS', subjects: ['router.conversation.>'] },
  /** Topic subscriptions of each person. */
  subscriptions: { name: 'SUBSCRIPTIONS', subjects: ['router.subscription.>'] },
  /** Messages a consumer gave up on, copied there before `term`. */
  deadLetter: { name: 'DEAD_LETTER', subjects: ['dead-letter.>'] },
} as const;

/** Durable consumers, named `<service>-<purpose>`. */
export const CONSUMERS = {
  routerDispatch: 'router-dispatch',
  routerConversations: 'router-conversations',
  routerConversationRefs: 'router-conversation-refs',
  routerWelcome: 'router-welcome',
  routerTopicSubscriptions: 'router-topic-subscriptions',
  notifierSend: 'notifier-send',
  notifierDeliveryLog: 'notifier-delivery-log',
  notifierTopicSubscriptions: 'notifier-topic-subscriptions',
} as const;

export type StreamKey = keyof typeof STREAMS;

export function busNames(prefix = 'herald') {
  const subject = (relative: string) => `${prefix}.${relative}`;
  const stream = (key: StreamKey) => ({
    name: `${prefix.toUpperCase()}_${STREAMS[key].name}`,
    subjects: STREAMS[key].subjects.map(subject),
  });
  return {
    prefix,
    subject,
    stream,
    deadLetterSubject: (consumer: string) => subject(`dead-letter.${consumer}`),
  };
}
export type BusNames = ReturnType<typeof busNames>;
