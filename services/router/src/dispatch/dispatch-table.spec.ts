import { describe, expect, it } from 'vitest';
import type { InboundActivity } from '@herald/contracts';
import { fixture as sharedFixture } from '@herald/testing';
import { commandText } from './command-text.js';
import { DISPATCH_TABLE } from './dispatch-table.js';
import { dispatch } from './dispatch.js';
import type { Route } from './route.js';
import type { SubscriptionBook } from '../subscriptions/subscription-book.js';
import type { AppCardActions } from '../card-actions/app-card-actions.js';
import type { SettingsClient } from '../card-actions/settings-client.js';
import type { AccountClient } from '../signin/account-client.js';

const fixture = (name: string) => sharedFixture<InboundActivity>(name);
// Routes here never touch subscriptions (the e2e tests cover those, settings and apps against real NATS).
const noSubscriptions = {} as SubscriptionBook;
const settingsAsked: boolean[] = [];
const settings = { card: (_activity: InboundActivity, save: boolean) => (settingsAsked.push(save), Promise.resolve({ card: { type: 'AdaptiveCard', settings: true } })) } as unknown as SettingsClient;
const appsAsked: string[] = [];
const apps = { answer: (activity: InboundActivity) => (appsAsked.push(String(activity.id)), Promise.resolve({ text: 'answered by the app' })) } as unknown as AppCardActions;
const accountsAsked: string[] = [];
const accounts = { answer: (subject: string) => (accountsAsked.push(subject), Promise.resolve({ type: 'message', text: `answered on ${subject}` })) } as unknown as AccountClient;
const route = (activity: InboundActivity, table: readonly Route[] = DISPATCH_TABLE) =>
  dispatch({ activity, command: commandText(activity) }, { table, subscriptions: noSubscriptions, settings, apps, accounts, causeId: 'cause', now: new Date() });
const personal = (text: string) => ({ ...fixture('message-personal.json'), text });
const channel = (text: string) => ({ ...fixture('message-channel-mention.json'), text: `<at>Chat SDK Demo</at>&nbsp;${text}` });

describe('dispatch', () => {
  it('sends `help` to the help route, whose card lists every command of the table', async () => {
    const chosen = await route(personal('help'));
    expect(chosen?.route.name).toBe('help');
    const card = chosen!.answer.attachments?.[0]?.content as { body: { facts?: { title: string }[] }[] };
    expect(card.body[1]?.facts?.map((f) => f.title)).toEqual(['help', 'signin', 'signout', 'settings', 'subscriptions', 'subscribe <topic>', 'unsubscribe <topic>']);
  });

  it('answers help in a channel after the bot mention and NBSP', async () => {
    expect((await route(channel('help')))?.route.name).toBe('help');
  });

  it('answers `settings` in a channel with the 1:1 hint, and in a personal chat itself', async () => {
    const inChannel = await route(channel('settings'));
    expect(inChannel?.route.name).toBe('settings');
    expect(inChannel?.answer.text).toMatch(/1:1 chat/);
    const inPersonal = await route(personal('settings'));
    expect(inPersonal?.answer.attachments?.[0]?.content).toEqual({ type: 'AdaptiveCard', settings: true });
    expect(inPersonal?.typing, 'the settings card comes from another service: typing first').toBe(true);
    expect(settingsAsked).toEqual([false]);
  });

  it('asks the auth service what to answer `signin` and `signout` (it owns sign-in)', async () => {
    expect((await route(personal('signin')))?.answer.text).toBe('answered on auth.request.signin');
    const signout = await route(personal('SignOut '));
    expect(signout?.route.name).toBe('signout');
    expect(signout?.answer.text).toBe('answered on auth.request.signout');
    expect(accountsAsked).toEqual(['auth.request.signin', 'auth.request.signout']);
  });

  it('sends a 6-digit code alone to the auth service (a typed sign-in code), and nothing else that looks like one', async () => {
    const code = await route(personal(' 123456 '));
    expect(code?.route.name).toBe('signin-code');
    expect(code?.answer.text).toBe('answered on auth.request.signin-code');
    expect((await route(personal('1234567')))?.route.name).toBe('fallback');
    expect((await route(personal('code 123456')))?.route.name).toBe('fallback');
  });

  it('answers unknown text with the fallback, naming what it did not understand', async () => {
    const chosen = await route(fixture('message-personal.json'));
    expect(chosen?.route.name).toBe('fallback');
    expect(chosen?.answer.text).toContain('"unlink"');
  });

  it('hands a card submission with a verb Herald does not own to the apps extension point, and replies with its text', async () => {
    const submitted = fixture('message-action-submit-value.json');
    const chosen = await route(submitted);
    expect(chosen?.route.name).toBe('card-action');
    expect(chosen?.answer.text).toBe('answered by the app');
    expect(chosen?.replaces, 'a text answer is a reply, not a replacement of the card').toBeUndefined();
    expect(appsAsked).toEqual([String(submitted.id)]);
  });

  it('acknowledges a card (Action.Submit): the card is replaced by one naming who acknowledged, in channels too', async () => {
    const chosen = await route({ ...channel(''), text: undefined, replyToId: 'card-1', value: { verb: 'acknowledge', title: 'Deploy 42 failed' } });
    expect(chosen?.route.name).toBe('card-action');
    expect(chosen?.replaces).toBe('card-1');
    expect(JSON.stringify(chosen?.answer.attachments)).toMatch(/Deploy 42 failed.*Acknowledged by/);
  });

  it('lets the most specific route win, and the earlier one on a tie', async () => {
    const handle = () => ({ type: 'message' });
    const flags = { quiet: true, teamAllowed: true };
    const table: Route[] = [
      { name: 'any-message', selector: { activityType: 'message' }, flags, handle },
      { name: 'subscribe', selector: { activityType: 'message', command: 'subscribe' }, flags, handle },
      { name: 'subscribe-alerts', selector: { activityType: 'message', command: 'subscribe alerts' }, flags, handle },
      { name: 'subscribe-again', selector: { activityType: 'message', command: 'subscribe' }, flags, handle },
      { name: 'ack', selector: { cardVerb: 'acknowledge' }, flags, handle },
      { name: 'task', selector: { activityType: 'invoke', invokeName: 'task/*' }, flags, handle },
    ];
    expect((await route(personal('subscribe alerts'), table))?.route.name).toBe('subscribe-alerts');
    expect((await route(personal('subscribe builds'), table))?.route.name).toBe('subscribe');
    expect((await route(personal('subscriber'), table))?.route.name).toBe('any-message');
    expect((await route({ ...personal(''), value: { verb: 'acknowledge' } }, table))?.route.name).toBe('ack');
    expect((await route({ ...fixture('invoke-task-fetch.json'), type: 'invoke' }, table))?.route.name).toBe('task');
  });

  it('does not answer activities no route selects', async () => {
    expect(await route(fixture('conversationUpdate-botAdded-personal.json'))).toBeUndefined();
    expect(await route(fixture('messageReaction-like.json'))).toBeUndefined();
  });
});
