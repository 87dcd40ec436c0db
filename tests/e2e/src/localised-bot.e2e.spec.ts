import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, fixture } from '@herald/testing';
import { installPersonalChat, personalMessage, startHerald, type Herald } from './herald-harness.js';

const base = fixture<Record<string, unknown>>('message-personal.json');
const TENANT = (base['conversation'] as { tenantId: string }).tenantId;
let herald: Herald;

/** How Teams says what language the person's client is in: the activity's `locale`, and its `clientInfo` entity. */
const germanActivity = { locale: 'de-DE', entities: [{ type: 'clientInfo', locale: 'de-DE', country: 'DE', platform: 'Web', timezone: 'Europe/Berlin' }] };
const germanClientOnly = { entities: [{ type: 'clientInfo', locale: 'de-AT', country: 'AT', platform: 'Desktop', timezone: 'Europe/Vienna' }] };
const englishActivity = { locale: 'en-US', entities: [{ type: 'clientInfo', locale: 'en-US', country: 'US', platform: 'Web', timezone: 'America/New_York' }] };

type Card = { body: { text?: string; facts?: { title: string; value: string }[] }[] };
const cardIn = (body: unknown) => (body as { attachments?: { content: Card }[] }).attachments?.[0]?.content;

/** The welcome card Herald sends into `conversationId` (sent, not a reply: nobody asked for it). */
async function welcomeTo(conversationId: string): Promise<Card> {
  const [call] = await herald.sim.waitForConnectorCalls((c) => c.conversationId === conversationId && c.operation === 'sendToConversation' && cardIn(c.body) !== undefined, 1, 10_000);
  return cardIn(call!.body)!;
}

/** The person types `text` in their own chat (`conversationId`); the card Herald replies with. */
async function ask(conversationId: string, text: string, language: Record<string, unknown>): Promise<{ card: Card; text?: string }> {
  const activity = { ...personalMessage(herald.sim, text, base), conversation: { id: conversationId, conversationType: 'personal', tenantId: TENANT }, ...language };
  const token = await herald.sim.mintChannelToken({ serviceUrl: herald.sim.serviceUrl });
  await request(herald.gatewayUrl).post('/api/messages').set('Authorization', `Bearer ${token}`).send(activity).expect(200);
  const [reply] = await herald.sim.waitForConnectorCalls((c) => c.operation === 'replyToActivity' && c.activityId === activity.id, 1, 10_000);
  const body = reply!.body as { text?: string };
  return { card: cardIn(body)!, ...(body.text ? { text: body.text } : {}) };
}

/** The router has recorded the conversation (its projection row exists). */
async function recorded(conversationId: string): Promise<void> {
  const db = new pg.Client({ connectionString: herald.databaseUrl });
  await db.connect();
  try {
    await eventually(async () => (await db.query('select 1 from router.conversation_refs where conversation_id = $1', [conversationId])).rowCount || undefined, 10_000, `${conversationId} recorded`);
  } finally {
    await db.end();
  }
}

beforeAll(async () => {
  herald = await startHerald();
  await herald.startRouter();
});

afterAll(async () => {
  await herald?.close();
});

describe('Herald speaks the language of the person’s Teams client', () => {
  it('welcomes a German user (locale de-DE on the install activity) in German', async () => {
    await installPersonalChat(herald, 'a:welcome-de', { extra: germanActivity });
    const card = await welcomeTo('a:welcome-de');
    expect(card.body.map((block) => block.text)).toEqual([
      'Willkommen bei Herald',
      'Hallo, ich bin Herald. Ich bringe Ihnen die Benachrichtigungen der Apps, die Ihre Organisation anbindet, direkt hierher.',
      'Geben Sie **help** ein, um zu sehen, was ich kann.',
    ]);
  });

  it('welcomes in German when only the clientInfo entity says German (de-AT)', async () => {
    await installPersonalChat(herald, 'a:welcome-client-de', { extra: germanClientOnly });
    expect((await welcomeTo('a:welcome-client-de')).body[0]?.text).toBe('Willkommen bei Herald');
  });

  it('still welcomes an English user in English, and one whose install says no language', async () => {
    await installPersonalChat(herald, 'a:welcome-en', { extra: englishActivity });
    await installPersonalChat(herald, 'a:welcome-none');
    for (const conversationId of ['a:welcome-en', 'a:welcome-none']) {
      expect((await welcomeTo(conversationId)).body.map((block) => block.text), conversationId).toEqual([
        'Welcome to Herald',
        "Hi, I'm Herald. I'll bring you notifications from the apps your organisation connects, right here.",
        'Type **help** to see what I can do.',
      ]);
    }
  });

  it('welcomes a team installed from a German client in German, in its General channel', async () => {
    const team = fixture<Record<string, unknown>>('conversationUpdate-botAdded-team.json');
    const teamId = (team['channelData'] as { team: { id: string } }).team.id;
    const token = await herald.sim.mintChannelToken({ serviceUrl: herald.sim.serviceUrl });
    await request(herald.gatewayUrl).post('/api/messages').set('Authorization', `Bearer ${token}`).send({ ...team, serviceUrl: herald.sim.serviceUrl, ...germanActivity }).expect(200);
    expect((await welcomeTo(teamId)).body[1]?.text).toMatch(/^Hallo, ich bin Herald\. Ich poste die Benachrichtigungen dieses Teams hier\./);
  });

  it('welcomes once: not again on a re-install, nor a conversation Herald was already talking in', async () => {
    await installPersonalChat(herald, 'a:welcome-de', { extra: { ...germanActivity, id: 'install-again', type: 'installationUpdate', action: 'add', membersAdded: undefined } });
    await ask('a:talking-de', 'help', germanActivity);
    await recorded('a:talking-de');
    await installPersonalChat(herald, 'a:talking-de', { extra: germanActivity });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const welcomes = (conversationId: string) => herald.sim.connectorCalls.filter((c) => c.conversationId === conversationId && JSON.stringify(c.body).includes('Willkommen bei Herald'));
    expect(welcomes('a:welcome-de')).toHaveLength(1);
    expect(welcomes('a:talking-de')).toEqual([]);
  });

  it('answers `help` in German (locale de-DE): the title and every command’s description, the commands as typed', async () => {
    const { card } = await ask('a:help-de', 'help', germanActivity);
    expect(card.body[0]?.text).toBe('Herald-Hilfe: Das kann ich für Sie tun');
    expect(card.body[1]?.facts).toEqual([
      { title: 'help', value: 'Zeigen, was ich kann' },
      { title: 'signin', value: 'Ihr Konto verbinden' },
      { title: 'signout', value: 'Ihr Konto trennen' },
      { title: 'settings', value: 'Ihre Benachrichtigungseinstellungen' },
      { title: 'subscriptions', value: 'Die Themen, zu denen Sie Benachrichtigungen erhalten' },
      { title: 'subscribe <Thema>', value: 'Benachrichtigungen zu einem Thema erhalten' },
      { title: 'unsubscribe <Thema>', value: 'Keine Benachrichtigungen mehr zu einem Thema (auch wenn eine App sie Ihnen sendet)' },
    ]);
  });

  it('answers `help` in German when only the clientInfo entity says German, and in English for an English client', async () => {
    expect((await ask('a:help-client-de', 'help', germanClientOnly)).card.body[0]?.text).toBe('Herald-Hilfe: Das kann ich für Sie tun');
    const english = await ask('a:help-en', 'help', englishActivity);
    expect(english.card.body[0]?.text).toBe("Herald help: here's what I can do");
    expect(english.card.body[1]?.facts?.[0]).toEqual({ title: 'help', value: 'Show what I can do' });
  });

  it('says what it did not understand in German, with the help card', async () => {
    const answer = await ask('a:fallback-de', 'frobnicate', germanActivity);
    expect(answer.text).toBe('Entschuldigung, „frobnicate“ kenne ich nicht. Das kann ich für Sie tun:');
    expect(answer.card.body[0]?.text).toBe('Herald-Hilfe: Das kann ich für Sie tun');
  });

  it('shows the settings card (from the auth service) in German', async () => {
    const { card } = await ask('a:settings-de', 'settings', germanActivity);
    const texts = JSON.stringify(card);
    expect(card.body[0]?.text).toBe('Ihre Einstellungen');
    for (const german of ['Benachrichtigungen von Apps', 'Zeitzone', 'Ruhezeiten', 'Thema hinzufügen', 'Speichern']) expect(texts).toContain(german);
  });

  it('offers sign-in (the auth service’s OAuth card) in German', async () => {
    const activity = { ...personalMessage(herald.sim, 'signin', base), conversation: { id: 'a:signin-de', conversationType: 'personal', tenantId: TENANT }, ...germanActivity };
    const token = await herald.sim.mintChannelToken({ serviceUrl: herald.sim.serviceUrl });
    await request(herald.gatewayUrl).post('/api/messages').set('Authorization', `Bearer ${token}`).send(activity).expect(200);
    const [reply] = await herald.sim.waitForConnectorCalls((c) => c.operation === 'replyToActivity' && c.activityId === activity.id, 1, 10_000);
    const oauth = (reply!.body as { attachments: { contentType: string; content: { text: string } }[] }).attachments[0];
    expect(oauth?.contentType).toBe('application/vnd.microsoft.card.oauth');
    expect(oauth?.content.text).toMatch(/^Melden Sie sich mit Ihrem Geschäftskonto bei Herald an/);
  });
});
