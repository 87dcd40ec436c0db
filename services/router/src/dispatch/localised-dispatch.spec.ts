import { describe, expect, it } from 'vitest';
import type { InboundActivity } from '@herald/contracts';
import { fixture as sharedFixture } from '@herald/testing';
import type { AppCardActions } from '../card-actions/app-card-actions.js';
import type { SettingsClient } from '../card-actions/settings-client.js';
import type { AccountClient } from '../signin/account-client.js';
import type { SubscriptionBook } from '../subscriptions/subscription-book.js';
import { welcomeCard } from '../welcome/welcome-card.js';
import { commandText } from './command-text.js';
import { DISPATCH_TABLE } from './dispatch-table.js';
import { dispatch } from './dispatch.js';

const fixture = (name: string) => sharedFixture<InboundActivity>(name);
// The routes asked here (help, fallback, the 1:1 hint, acknowledge) use none of these.
const unused = { subscriptions: {} as SubscriptionBook, settings: {} as SettingsClient, apps: {} as AppCardActions, accounts: {} as AccountClient };
const at = new Date('2026-12-07T23:20:00Z');
const route = (activity: InboundActivity) => dispatch({ activity, command: commandText(activity) }, { table: DISPATCH_TABLE, ...unused, causeId: 'cause', now: at });
const clientInfo = (locale: string, timezone?: string) => ({ type: 'clientInfo', locale, ...(timezone ? { timezone } : {}) });
/** A personal message in `locale` (the activity's own), with no other locale on it. */
const personal = (text: string, locale?: string, entities: unknown[] = []) => ({ ...fixture('message-personal.json'), text, locale, entities: entities as InboundActivity['entities'] });
type Card = { body: { text?: string; facts?: { title: string; value: string }[] }[]; actions?: { title: string }[] };
const cardOf = (answer: { attachments?: { content?: unknown }[] } | undefined) => answer?.attachments?.[0]?.content as Card;

describe('answers in the language of the activity', () => {
  it('help: German for de-DE, each command as typed with its argument and description in German', async () => {
    const card = cardOf((await route(personal('help', 'de-DE')))?.answer);
    expect(card.body[0]?.text).toBe('Herald-Hilfe: Das kann ich für Sie tun');
    expect(card.body[1]?.facts).toContainEqual({ title: 'subscribe <Thema>', value: 'Benachrichtigungen zu einem Thema erhalten' });
    expect(card.body[1]?.facts?.[0]).toEqual({ title: 'help', value: 'Zeigen, was ich kann' });
    expect(card.actions?.[0]?.title).toBe('Abonnieren');
  });

  it('help: German when only the clientInfo entity says de-AT; English when it says en-US or nothing', async () => {
    expect(cardOf((await route(personal('help', undefined, [clientInfo('de-AT')])))?.answer).body[0]?.text).toMatch(/^Herald-Hilfe/);
    expect(cardOf((await route(personal('help', undefined, [clientInfo('en-US')])))?.answer).body[0]?.text).toBe("Herald help: here's what I can do");
    expect(cardOf((await route(personal('help', 'fr-FR')))?.answer).body[1]?.facts?.[0]).toEqual({ title: 'help', value: 'Show what I can do' });
  });

  it('the fallback, in German, names what it did not understand', async () => {
    expect((await route(personal('frobnicate', 'de-DE')))?.answer.text).toBe('Entschuldigung, „frobnicate“ kenne ich nicht. Das kann ich für Sie tun:');
  });

  it('the 1:1 hint in a channel, in German', async () => {
    const inChannel = { ...fixture('message-channel-mention.json'), text: '<at>Chat SDK Demo</at>&nbsp;settings', locale: 'de-DE' };
    expect((await route(inChannel))?.answer.text).toBe('Lassen Sie uns über settings in einem 1:1-Chat sprechen: Öffnen Sie einen Chat mit mir und geben Sie dort „settings“ ein.');
  });

  it('the acknowledgement: who and when, in the locale and time zone of whoever acknowledged (UTC when unknown)', async () => {
    const acknowledge = (locale: string, entities: unknown[]) => ({ ...personal('', locale, entities), text: undefined, replyToId: 'card-1', value: { verb: 'acknowledge', title: 'Deploy 42 failed' } });
    const german = cardOf((await route(acknowledge('de-DE', [clientInfo('de-DE', 'Europe/Berlin')])))?.answer);
    expect(german.body.at(-1)?.text).toMatch(/^✅ Bestätigt von .+ am 08\.12\.2026, 00:20 MEZ$/);
    const english = cardOf((await route(acknowledge('en-US', [])))?.answer);
    expect(english.body.at(-1)?.text).toMatch(/^✅ Acknowledged by .+ on Dec 7, 2026, 11:20 PM UTC$/);
  });

  it('the welcome card, personal and team, in the install activity’s language', () => {
    const texts = (scope: 'personal' | 'team', locale: string) => cardOf(welcomeCard(scope, { locale })).body.map((block) => block.text);
    expect(texts('personal', 'de-DE')[0]).toBe('Willkommen bei Herald');
    expect(texts('team', 'de-DE')[1]).toMatch(/dieses Teams/);
    expect(texts('personal', 'en-US')).toEqual(['Welcome to Herald', expect.stringMatching(/^Hi, I'm Herald/), 'Type **help** to see what I can do.']);
    expect(welcomeCard('personal', { locale: 'de-DE' }).summary).toBe('Hallo, ich bin Herald');
  });
});
