/**
 * Herald's own texts in chats and cards (router and auth), in English: the reference catalog
 * every other language follows key for key. ICU MessageFormat; `'` is literal unless it
 * quotes a `{`.
 */
export const BOT_EN = {
  // help (generated from the dispatch table)
  'help.title': "Herald help: here's what I can do",
  'help.topic.label': 'Follow a topic',
  'help.topic.placeholder': 'a topic, e.g. builds',
  'help.argument.topic': 'topic',
  'help.command.help': 'Show what I can do',
  'help.command.signin': 'Connect your account',
  'help.command.signout': 'Disconnect your account',
  'help.command.settings': 'Your notification settings',
  'help.command.subscriptions': 'The topics you get notifications about',
  'help.command.subscribe': 'Get notifications about a topic',
  'help.command.unsubscribe': 'Stop notifications about a topic (also when an app sends them to you)',
  'fallback.unknown': 'Sorry, I don\'t know "{command}". Here\'s what I can do:',
  'fallback.empty': "Here's what I can do:",
  'dispatch.oneToOne': 'Let\'s talk about {command} in a 1:1 chat: open a chat with me and type "{command}" there.',

  // welcome
  'welcome.title': 'Welcome to Herald',
  'welcome.summary': "Hi, I'm Herald",
  'welcome.personal': "Hi, I'm Herald. I'll bring you notifications from the apps your organisation connects, right here.",
  'welcome.team': "Hi, I'm Herald. I'll post this team's notifications here. Mention me with help to see what I can do.",
  'welcome.help': 'Type **help** to see what I can do.',

  // card actions
  'card.personalOnly': "Let's do that in a 1:1 chat: open a chat with me.",
  'card.notAvailable': 'This action is not available.',
  'invoke.dialogNotAvailable': 'This dialog is not available.',
  'invoke.notAvailable': 'This is not available.',
  'acknowledged.by': '✅ Acknowledged by {who} on {when}',
  'acknowledged.someone': 'you',

  // subscriptions
  'subscriptions.list': "You're subscribed to: {topics}.",
  'subscriptions.none': "You're not subscribed to any topic. Try: subscribe <topic>",
  'subscriptions.which': 'Which topic? Type "{verb} <topic>", e.g. "{verb} builds" (letters, digits, - _ .).',
  'subscriptions.subscribed': 'Subscribed to {topic}.',
  'subscriptions.alreadySubscribed': 'You were already subscribed to {topic}.',
  'subscriptions.unsubscribed': "Unsubscribed from {topic}: you won't get notifications about it.",
  'subscriptions.alreadyOff': 'You had already turned {topic} off.',
  'subscriptions.card.typeFirst': 'Type a topic first (letters, digits, - _ .).',
  'subscriptions.card.alreadySubscribed': 'Already subscribed to {topic}.',
  'subscriptions.card.alreadyOff': '{topic} was already off.',
  'subscriptions.card.topics': 'Your topics: {topics}',
  'subscriptions.card.none': 'You follow no topic yet.',
  'subscriptions.card.topic': 'Topic',
  'subscriptions.card.subscribe': 'Subscribe',
  'subscriptions.card.unsubscribe': 'Unsubscribe',

  // settings (auth)
  'settings.unavailable': 'Your settings are unavailable right now. Please try again in a minute.',
  'settings.title': 'Your settings',
  'settings.notifications': 'Notifications from apps',
  'settings.notifications.hint': 'Off: nothing from integrated apps reaches you until you turn them on. Answers to your own messages still come.',
  'settings.timeZone': 'Time zone',
  'settings.timeZone.placeholder': 'Choose your time zone',
  'settings.language': 'Language',
  'settings.quietHours': 'Quiet hours',
  'settings.quietHours.from': 'From',
  'settings.quietHours.until': 'Until',
  'settings.quietHours.hint': 'Notifications that come in your quiet hours wait until they end (your time zone). Critical ones still come.',
  'settings.topics': 'Topics',
  'settings.topics.add': 'Add a topic',
  'settings.topics.add.placeholder': 'e.g. deploys',
  'settings.topics.delivery': 'Delivery',
  'settings.topics.hint': 'Topics you follow: type "subscriptions".',
  'settings.delivery.now': 'As they come',
  'settings.delivery.hourly': 'Hourly digest',
  'settings.delivery.daily': 'Daily digest',
  'settings.delivery.off': 'Off',
  'settings.save': 'Save',
  'settings.saved': 'Saved.',
  'settings.unchanged': 'Nothing changed.',
  'settings.notSaved': 'Not saved: {reason}',

  // sign-in (auth)
  'signin.unavailable': 'Sign-in is unavailable right now. Please try again in a minute.',
  'signin.card.text': 'Sign in to Herald with your work account, so the apps that notify you know it is you.',
  'signin.card.button': 'Sign in',
  'signin.signedIn': "You're signed in as {name} ({upn}).",
  'signin.alreadySignedIn': 'You\'re signed in as {name} ({upn}). Type "signout" to sign out.',
  'signin.code.sixDigits': 'A sign-in code has 6 digits. Type "signin" to get one.',
  'signin.code.otherAccount': 'That code is for another account than yours. Type "signin" and sign in with your own account.',
  'signin.code.tooMany': 'Too many sign-in codes tried. Wait ten minutes, then type "signin" to start again.',
  'signin.code.unknown': 'That is not a sign-in code Herald gave you. Type "signin" to get one.',
  'signin.code.expired': 'That code has expired. Type "signin" to get a new one.',
  'signin.code.used': 'That code has already been used. Type "signin" to get a new one.',
  'signout.notSignedIn': 'You are not signed in.',
  'signout.signedOut': "You're signed out: Herald no longer knows you as {upn}.",
} as const;

export type BotMessageKey = keyof typeof BOT_EN;
