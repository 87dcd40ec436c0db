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
  /** Command ExpireRecipientsExport: an offered export's answer time is up (OUTBOUND, published by the notifier's scheduler). */
  expireExport: 'notifier.command.expire-export',
  /** Command SendDigest: a person's digest period ended; its one card goes out (OUTBOUND). */
  sendDigest: 'notifier.command.send-digest',
  deliverySucceeded: 'notifier.delivery.succeeded',
  deliveryFailed: 'notifier.delivery.failed',
  /** Every delivery outcome. */
  deliveries: 'notifier.delivery.>',
  /** Notification events (requested, resolved, each recipient settled): one subject per notification. */
  notifications: 'notifier.notification.>',
  notification: (token: string) => `notifier.notification.${token}`,
  /** Requested and resolved only (one token deep): what the resolver reads. */
  notificationRequests: 'notifier.notification.*',
  /** RecipientSettled events of one notification. */
  notificationSettled: (token: string) => `notifier.notification.${token}.settled`,
  /** Command DeliveryRequested: one per recipient, over a fixed number of partitions. */
  deliveryRequests: 'notifier.deliver.>',
  deliveryRequest: (partition: number) => `notifier.deliver.${partition}`,
  /** What the member API says of each person Herald has a personal chat with: `notifier.person.<token>`. */
  people: 'notifier.person.>',
  person: (token: string) => `notifier.person.${token}`,
  /** Send-slot claims of the per-tenant rate governor: `notifier.rate.<tenant>.<slot>`. */
  rateSlots: 'notifier.rate',
  /** Core NATS (not stored): a tenant paused after a 429, `{ tenant, untilMs }`, for every notifier replica. */
  ratePause: 'notifier.rate-pause',
  /** Slot claims of the Graph governor, shared by every replica: `graph.rate.<kind>.tenant.<tenant>.<slot>` and `graph.rate.<kind>.all.<slot>`. */
  graphSlots: 'graph.rate',
  /** Core NATS (not stored): Graph answered 429 for a tenant, `{ kind, tenant, untilMs }`, for every replica's GraphGovernor. */
  graphPause: 'graph.rate-pause',
  /** Directory users of each tenant (graph-sync): `graph.directory.<tenant token>.<user token>`. */
  directory: 'graph.directory.>',
  directoryUser: (tenant: string, user: string) => `graph.directory.${tenant}.${user}`,
  /** Request/reply (core NATS): sync a tenant's directory now, answered once done or when already running. */
  syncDirectoryRequest: 'graph.request.sync-directory',
  /** Request/reply (core NATS): a page of a group's transitive members (notifier → graph-sync). */
  groupMembersRequest: 'graph.request.group-members',
  /** Request/reply (core NATS): groups by display name, for the audience picker (gateway → graph-sync). */
  groupSearchRequest: 'graph.request.group-search',
  /** Request/reply (core NATS): the bot's personal chat with an Entra user, installed first when missing (notifier → graph-sync). */
  personalChatRequest: 'graph.request.personal-chat',
  /** Request/reply (core NATS): a notification's live status (gateway → notifier). */
  notificationStatusRequest: 'notifier.request.notification-status',
  /** Request/reply (core NATS): a page of a notification's recipients (gateway → notifier). */
  notificationRecipientsRequest: 'notifier.request.notification-recipients',
  /** Console messages (drafts to sent): one subject per message, `console.message.<subject token of its id>`. */
  consoleMessages: 'console.message.>',
  consoleMessage: (token: string) => `console.message.${token}`,
  /** Recipient exports to an author's OneDrive: one subject per export, `console.export.<subject token of its id>`. */
  consoleExports: 'console.export.>',
  consoleExport: (token: string) => `console.export.${token}`,
  /** Request/reply (core NATS): a page of a tenant's console messages (gateway → notifier). */
  consoleMessagesRequest: 'notifier.request.console-messages',
  /** Request/reply (core NATS): the estimated reach of an audience (gateway → notifier). */
  consoleReachRequest: 'notifier.request.console-reach',
  /** Request/reply (core NATS): the teams Herald is installed in, with channels (gateway → notifier). */
  consoleTeamsRequest: 'notifier.request.console-teams',
  /** Request/reply (core NATS): acknowledgements and reactions of a notification (gateway → notifier). */
  notificationEngagementRequest: 'notifier.request.notification-engagement',
  /** Conversation aggregates: one subject per conversation, `router.conversation.<subject token of its id>`. */
  conversations: 'router.conversation.>',
  conversation: (token: string) => `router.conversation.${token}`,
  /** ConversationActive markers: `router.activity.<subject token of the conversation id>`, the latest kept per conversation. */
  conversationActivities: 'router.activity.>',
  conversationActivity: (token: string) => `router.activity.${token}`,
  /** Topic subscriptions: one subject per subscriber, `router.subscription.<subject token of its key>`. */
  subscriptions: 'router.subscription.>',
  subscription: (token: string) => `router.subscription.${token}`,
  /** Interaction events (reactions, edits, deletions, file consent, dialogs, failed sign-ins): `router.interaction.<kind>`. */
  interactions: 'router.interaction.>',
  interaction: (kind: string) => `router.interaction.${kind}`,
  /** Request/reply (core NATS): invokes the router answers (card actions, dialogs, search, file consent). */
  routerInvoke: 'router.invoke',
  /** Each person's settings: one subject per person, `auth.settings.<subject token of the user key>`. */
  userSettings: 'auth.settings.>',
  userSetting: (token: string) => `auth.settings.${token}`,
  /** Request/reply (core NATS): the settings card, shown or saved (router → auth). */
  settingsRequest: 'auth.request.settings',
  /** Request/reply (core NATS): a person's preferences, read or set by an app through the API (gateway → auth). */
  preferencesRequest: 'auth.request.preferences',
  /** Request/reply (core NATS): card actions with verbs Herald does not own, for integrating apps (router → whoever serves it). */
  appCardAction: 'apps.request.card-action',
  /** Request/reply (core NATS): sign-in invokes the auth service answers. */
  authInvoke: 'auth.invoke',
  /** Request/reply (core NATS): the answer to `signin` (an OAuth card) and `signout` (router → auth). */
  signinRequest: 'auth.request.signin',
  signoutRequest: 'auth.request.signout',
  /** Request/reply (core NATS): a 6-digit sign-in code the person typed (router → auth). */
  signinCodeRequest: 'auth.request.signin-code',
  /** The user aggregate (links to signed-in accounts): `auth.user.<subject token of the Teams user id>`. */
  users: 'auth.user.>',
  user: (token: string) => `auth.user.${token}`,
  /** One SSO token exchange (`value.id`): `.claimed` by the replica doing it, `.settled` with its answer. */
  tokenExchangeClaimed: (token: string) => `auth.exchange.${token}.claimed`,
  tokenExchangeSettled: (token: string) => `auth.exchange.${token}.settled`,
  /** OAuth fallback codes: `.issued` when the browser sign-in completed, `.used` once redeemed. */
  signinCodeIssued: (token: string) => `auth.exchange.code.${token}.issued`,
  signinCodeUsed: (token: string) => `auth.exchange.code.${token}.used`,
  /** One marker per sign-in code a person tried, `<person>.<window>.<n>`: five per ten minutes at most. */
  signinCodeAttempt: (person: string, window: number, n: number) => `auth.exchange.attempt.${person}.${window}.${n}`,
} as const;

export const STREAMS = {
  /** Activities from Teams, as the gateway stored them (limits retention: replayable). */
  inbound: { name: 'INBOUND', subjects: ['gateway.activity.>'] },
  /** Commands for the notifier. */
  outbound: { name: 'OUTBOUND', subjects: ['notifier.command.>'] },
  /** What happened to each outbound activity. */
  deliveries: { name: 'DELIVERIES', subjects: ['notifier.delivery.>'] },
  /** Notifications from integrating apps and what became of each recipient. */
  notifications: { name: 'NOTIFICATIONS', subjects: ['notifier.notification.>'] },
  /** Per-recipient delivery work (work queue: a message leaves once handled). */
  deliveryRequests: { name: 'DELIVERY_REQUESTS', subjects: ['notifier.deliver.>'] },
  /** Profiles of the people Herald has personal chats with (UPN, role). */
  people: { name: 'PEOPLE', subjects: ['notifier.person.>'] },
  /** Claimed send slots of the rate governor (memory, one minute). */
  rateSlots: { name: 'RATE_SLOTS', subjects: ['notifier.rate.>'] },
  /** Claimed slots of the Graph governor (app installs per tenant and in all; memory, one minute). */
  graphSlots: { name: 'GRAPH_SLOTS', subjects: ['graph.rate.>'] },
  /** Each tenant's directory users, as graph-sync read them from Graph's users/delta. */
  directory: { name: 'DIRECTORY', subjects: ['graph.directory.>'] },
  /** Conversation events (installs, service URLs, members, channels, teams), one subject per conversation. */
  conversations: { name: 'CONVERSATIONS', subjects: ['router.conversation.>'] },
  /** Each conversation's latest inbound activity (one message per subject). */
  conversationActivity: { name: 'CONVERSATION_ACTIVITY', subjects: ['router.activity.>'] },
  /** Topic subscriptions of each person. */
  subscriptions: { name: 'SUBSCRIPTIONS', subjects: ['router.subscription.>'] },
  /** Each person's settings (auth). */
  settings: { name: 'SETTINGS', subjects: ['auth.settings.>'] },
  /** Links of Teams users to the accounts they signed in with (auth). */
  users: { name: 'USERS', subjects: ['auth.user.>'] },
  /** SSO token exchanges in progress or done, so each is done once across replicas (one hour). */
  tokenExchanges: { name: 'TOKEN_EXCHANGES', subjects: ['auth.exchange.>'] },
  /** What people did to Herald's messages and dialogs. */
  interactions: { name: 'INTERACTIONS', subjects: ['router.interaction.>'] },
  /** The messages console: authors' messages (drafts to sent) and recipient exports. */
  console: { name: 'CONSOLE', subjects: ['console.>'] },
  /** Messages a consumer gave up on, copied there before `term`. */
  deadLetter: { name: 'DEAD_LETTER', subjects: ['dead-letter.>'] },
  /** Dead letters an operator sent back to their consumer (`replay.<durable>`, work queue). */
  replay: { name: 'REPLAY', subjects: ['replay.>'] },
} as const;

/** Durable consumers, named `<service>-<purpose>`. */
export const CONSUMERS = {
  routerDispatch: 'router-dispatch',
  routerConversations: 'router-conversations',
  routerWelcome: 'router-welcome',
  routerInteractions: 'router-interactions',
  notifierSend: 'notifier-send',
  notifierResolve: 'notifier-resolve',
  notifierDeliver: 'notifier-deliver',
  notifierChangeDelivered: 'notifier-change-delivered',
  notifierProfilePeople: 'notifier-profile-people',
  notifierSendDigest: 'notifier-send-digest',
  /** Recipient exports: the file consent card offered when requested, the answer uploaded or declined, the offer expired. */
  notifierOfferExports: 'notifier-offer-exports',
  notifierExportAnswers: 'notifier-export-answers',
  notifierExpireExports: 'notifier-expire-exports',
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
    replaySubject: (consumer: string) => subject(`replay.${consumer}`),
  };
}
export type BusNames = ReturnType<typeof busNames>;
