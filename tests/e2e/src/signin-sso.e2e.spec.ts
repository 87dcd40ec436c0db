import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DEV_APP_ID, parseConfig } from '@herald/config';
import { createAuthApp } from '@herald/auth/app';
import { authConfigSchema } from '@herald/auth/config';
import { createGatewayApp } from '@herald/gateway/app';
import { gatewayConfigSchema } from '@herald/gateway/config';
import { createLogger } from '@herald/telemetry';
import { tokenExchangeInvoke } from '@herald/teams-sim';
import { jetstreamManager } from '@nats-io/jetstream';
import { busNames } from '@herald/contracts';
import { connectToNats, MessageBus } from '@herald/messaging';
import { openDatabase } from '@herald/persistence';
import { rebuildUserLinks } from '@herald/auth/rebuild-links';
import { rebuildLinkedPeople } from '@herald/notifier/rebuild-links';
import { eventually, NATS_URL } from '@herald/testing';
import { textsTo } from './chat-transcript.js';
import { settledRecipients } from './settled-recipients.js';
import { startHerald, type Herald } from './herald-harness.js';

const OAUTH_CARD = 'application/vnd.microsoft.card.oauth';
const CHAT_USER = '5d8a3c2e-7b41-4f6a-9e0d-2c6b1f4a8e37';
const API_KEY = 'signin-sso-key';
let herald: Herald;
let database: pg.Client;

beforeAll(async () => {
  herald = await startHerald({ env: { HERALD_API_KEYS: API_KEY } });
  await herald.startRouter();
  database = new pg.Client({ connectionString: herald.databaseUrl });
  await database.connect();
});

afterAll(async () => {
  await database?.end();
  await herald?.close();
});

/** The row of `auth.user_links` for a Teams user, once it is there (or gone, with `absent`). */
async function linkOf(teamsUserId: string): Promise<{ upn: string; display_name: string; aad_object_id: string } | undefined> {
  const { rows } = await database.query('select upn, display_name, aad_object_id from auth.user_links where teams_user_id = $1', [teamsUserId]);
  return rows[0];
}

async function say(text: string): Promise<void> {
  const response = await fetch(`${herald.sim.url}/chat/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
  expect(response.status).toBe(200);
}

/** Posts a token exchange as Teams does, to the given gateway; its status and body. */
async function exchange(gatewayUrl: string, value: { id: string; connectionName: string; token: string }, aadObjectId?: string) {
  const activity = tokenExchangeInvoke(herald.sim, value, aadObjectId ? { aadObjectId } : {});
  const token = await herald.sim.mintChannelToken({ serviceUrl: herald.sim.serviceUrl });
  const response = await request(gatewayUrl).post('/api/messages').set('Authorization', `Bearer ${token}`).send(activity);
  const { from, conversation } = activity as { from: { id: string }; conversation: { id: string } };
  return { status: response.status, body: response.body as { id?: string; connectionName?: string; failureDetail?: string }, from: from.id, conversationId: conversation.id };
}

describe('single sign-on through Teams', () => {
  it('signin → OAuth card → the Teams client exchanges the token → linked with the Graph profile → the reply names the person', async () => {
    const conversationId = herald.sim.chatConversationId;
    await say('signin');
    const [cardCall] = await herald.sim.waitForConnectorCalls(
      (call) => call.conversationId === conversationId && ((call.body as { attachments?: { contentType: string }[] } | null)?.attachments ?? []).some((a) => a.contentType === OAUTH_CARD),
      1,
      10_000,
    );
    const card = (cardCall!.body as { attachments: { contentType: string; content: Record<string, unknown> }[] }).attachments[0]!.content;
    expect(card).toMatchObject({ connectionName: 'herald', tokenExchangeResource: { id: expect.any(String), uri: `api://botid-${DEV_APP_ID}` } });

    await eventually(() => herald.sim.tokenExchanges.find((e) => e.id === (card['tokenExchangeResource'] as { id: string }).id), 10_000, 'the token exchange');
    expect(herald.sim.tokenExchanges.at(-1)?.status).toBe(200);
    await eventually(() => textsTo(herald.sim, conversationId).find((text) => text.startsWith("You're signed in as")), 10_000, 'the signed-in message');
    expect(textsTo(herald.sim, conversationId).filter((text) => text.startsWith("You're signed in as"))).toEqual([expect.stringMatching(/^You're signed in as Megan Bowen \(.+@.+\)\.$/)]);

    const session = (await (await fetch(`${herald.sim.url}/chat/api/session`)).json()) as { user: { id: string } };
    const link = await eventually(() => linkOf(session.user.id), 10_000, 'the user link');
    expect(link).toMatchObject({ aad_object_id: CHAT_USER, display_name: 'Megan Bowen' });

    await say('signin');
    await eventually(() => textsTo(herald.sim, conversationId).find((text) => /^You're signed in as Megan Bowen .*signout/.test(text)), 10_000, 'the already-signed-in answer');
  });

  it('the same exchange from three devices through 2 gateways and 2 auth replicas: three 200s, one link, one message', async () => {
    const logger = createLogger({ service: 'second', level: 'warn', destination: herald.logs });
    const secondAuth = await createAuthApp(parseConfig(authConfigSchema, herald.env), logger);
    const secondGateway: NestFastifyApplication = await createGatewayApp(parseConfig(gatewayConfigSchema, herald.env), logger);
    await secondGateway.listen({ port: 0, host: '127.0.0.1' });
    try {
      const person = '0b7e2d4c-5a61-4f38-9c2e-7d1a3b5c9e01';
      herald.sim.setUser(person, { displayName: 'Adele Vance', userPrincipalName: 'AdeleV@contoso.example' });
      const value = { id: 'exchange-three-devices', connectionName: 'herald', token: await herald.sim.mintUserSsoToken({ aadObjectId: person }) };
      const oboBefore = herald.sim.oboRequests;
      const answers = await Promise.all([exchange(herald.gatewayUrl, value, person), exchange(await secondGateway.getUrl(), value, person), exchange(herald.gatewayUrl, value, person)]);
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
      expect(herald.sim.oboRequests - oboBefore, 'exchanged on behalf of the person once').toBe(1);
      const link = await eventually(() => linkOf(answers[0].from), 10_000, 'the user link');
      expect(link).toMatchObject({ upn: 'AdeleV@contoso.example', display_name: 'Adele Vance' });
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(textsTo(herald.sim, answers[0].conversationId).filter((text) => text.includes('Adele Vance'))).toHaveLength(1);
    } finally {
      await secondGateway.close();
      await secondAuth.close();
    }
  });

  it.each([
    ['an expired token', () => herald.sim.mintUserSsoToken({ expiresInSeconds: -3_600 }), /expired/],
    ['a token for another app', () => herald.sim.mintUserSsoToken({ audience: 'api://botid-00000000-0000-0000-0000-000000000001' }), /audience/],
    ['a token of another tenant', () => herald.sim.mintUserSsoToken({ tenantId: '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a' }), /another tenant/],
    ['a token signed by an unknown key', () => herald.sim.mintUserSsoToken({ unknownKey: true }), /not signed/],
  ])('refuses %s with 412 and links nothing', async (_what, mint, reason) => {
    const person = CHAT_USER;
    const before = await linkOf((await chatUser()).id);
    const answer = await exchange(herald.gatewayUrl, { id: `refused-${Math.random()}`, connectionName: 'herald', token: await mint() }, person);
    expect(answer.status).toBe(412);
    expect(answer.body).toMatchObject({ id: expect.stringMatching(/^refused-/), connectionName: 'herald', failureDetail: expect.stringMatching(reason) });
    expect(await linkOf(answer.from)).toEqual(before);
  });

  it('refuses 412 when consent is missing (AADSTS65001) or Graph is down (503), and links nothing', async () => {
    const person = 'c4d5e6f7-0a1b-4c2d-8e3f-9a0b1c2d3e4f';
    herald.sim.setUser(person, { displayName: 'Lee Gu', userPrincipalName: 'LeeG@contoso.example', consented: false });
    const noConsent = await exchange(herald.gatewayUrl, { id: 'no-consent', connectionName: 'herald', token: await herald.sim.mintUserSsoToken({ aadObjectId: person }) }, person);
    expect(noConsent).toMatchObject({ status: 412, body: { failureDetail: expect.stringMatching(/consent/) } });

    herald.sim.setUser(person, { consented: true });
    herald.sim.failGraph({ status: 503, retryAfterSeconds: 5 });
    try {
      const graphDown = await exchange(herald.gatewayUrl, { id: 'graph-down', connectionName: 'herald', token: await herald.sim.mintUserSsoToken({ aadObjectId: person }) }, person);
      expect(graphDown).toMatchObject({ status: 412, body: { failureDetail: expect.stringMatching(/Graph/) } });
      expect(await linkOf(graphDown.from)).toBeUndefined();
    } finally {
      herald.sim.failGraph(undefined);
    }
  });

  it('signout ends the link', async () => {
    const user = await chatUser();
    expect(await linkOf(user.id)).toBeDefined();
    await say('signout');
    await eventually(() => textsTo(herald.sim, herald.sim.chatConversationId).find((text) => text.startsWith("You're signed out")), 10_000, 'the signed-out answer');
    await eventually(async () => ((await linkOf(user.id)) === undefined ? true : undefined), 10_000, 'the link to go');
  });

  it('a notification by the UPN signed in with reaches the person; after signout it is Skipped(notLinked)', async () => {
    const person = 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b';
    herald.sim.setUser(person, { displayName: 'Nestor Wilke', userPrincipalName: 'nestorw@contoso.example' });
    const probe = tokenExchangeInvoke(herald.sim, { id: 'probe', connectionName: 'herald', token: 'none' }, { aadObjectId: person }) as Record<string, unknown> & { from: { id: string }; conversation: { id: string } };
    const message = (text: string) => ({ ...probe, type: 'message', name: undefined, value: undefined, id: `${text}-${Date.now()}`, text });
    const post = async (activity: object) => {
      const token = await herald.sim.mintChannelToken({ serviceUrl: herald.sim.serviceUrl });
      await request(herald.gatewayUrl).post('/api/messages').set('Authorization', `Bearer ${token}`).send(activity).expect(200);
    };
    // Teams profiles him (member API) when he first writes, under the UPN he had then.
    await post(message('help'));
    await eventually(async () => (await database.query("select 1 from notifier.known_people where upn = 'nestorw@contoso.example'")).rows[0], 15_000, 'his profile');
    // He was renamed since; he signs in as the account's UPN of today.
    herald.sim.setUser(person, { userPrincipalName: 'nestor.wilke@fabrikam.example' });
    const signedIn = await exchange(herald.gatewayUrl, { id: 'nestor-sso', connectionName: 'herald', token: await herald.sim.mintUserSsoToken({ aadObjectId: person }) }, person);
    expect(signedIn.status).toBe(200);
    await eventually(async () => (await database.query("select 1 from notifier.linked_people where linked and upn = 'nestor.wilke@fabrikam.example'")).rows[0], 10_000, 'the notifier to know the link');
    expect(await settledRecipients(herald.gatewayUrl, API_KEY, database, { recipients: [{ upn: 'Nestor.Wilke@fabrikam.example' }], text: 'By the linked UPN' })).toEqual([[probe.conversation.id, 'Delivered', null]]);

    await post(message('signout'));
    await eventually(async () => (await database.query("select 1 from notifier.linked_people where not linked and upn = 'nestor.wilke@fabrikam.example'")).rows[0], 10_000, 'the notifier to know the sign-out');
    expect(await settledRecipients(herald.gatewayUrl, API_KEY, database, { recipients: [{ upn: 'nestor.wilke@fabrikam.example' }], text: 'After signout' })).toEqual([['upn:nestor.wilke@fabrikam.example', 'Skipped', 'notLinked']]);
    // The UPN Teams knows him by still reaches him: another route.
    expect(await settledRecipients(herald.gatewayUrl, API_KEY, database, { recipients: [{ upn: 'nestorw@contoso.example' }], text: 'By his Teams UPN' })).toEqual([[probe.conversation.id, 'Delivered', null]]);
  });

  it('links survive a rebuild of both projections (auth user_links, notifier linked_people)', async () => {
    const dump = async () => ({
      links: (await database.query('select * from auth.user_links order by teams_user_id')).rows,
      people: (await database.query('select * from notifier.linked_people order by teams_user_id')).rows,
    });
    const before = await dump();
    expect(before.links.length).toBeGreaterThanOrEqual(1);
    expect(before.people.some((row: { linked: boolean }) => !row.linked), 'a sign-out is among them').toBe(true);
    const connection = await connectToNats({ url: NATS_URL, name: 'rebuild', logger: createLogger({ service: 'test', level: 'silent' }) });
    const bus = new MessageBus(connection, busNames(herald.prefix));
    const auth = await openDatabase({ url: herald.databaseUrl, schema: 'auth', entities: [], migrations: [], applicationName: 'rebuild-test' });
    const notifier = await openDatabase({ url: herald.databaseUrl, schema: 'notifier', entities: [], migrations: [], applicationName: 'rebuild-test' });
    try {
      await database.query('delete from auth.user_links');
      expect((await rebuildUserLinks(auth, bus)).events).toBeGreaterThanOrEqual(3);
      expect((await rebuildLinkedPeople(notifier, bus)).events).toBeGreaterThanOrEqual(3);
    } finally {
      await Promise.all([auth.close(), notifier.close(), connection.close()]);
    }
    expect(await dump()).toEqual(before);
  });

  it('never stores or logs the single sign-on token', async () => {
    const token = await herald.sim.mintUserSsoToken();
    await exchange(herald.gatewayUrl, { id: 'not-logged', connectionName: 'herald', token }, CHAT_USER);
    const signature = token.split('.')[2]!;
    expect(herald.logs.lines.some((line) => JSON.stringify(line).includes(signature))).toBe(false);
    const nats = await connectToNats({ url: NATS_URL, name: 'signin-sso-e2e', logger: createLogger({ service: 'test', level: 'silent' }) });
    try {
      const jsm = await jetstreamManager(nats);
      const inbound = busNames(herald.prefix).stream('inbound').name;
      const { last_seq } = (await jsm.streams.info(inbound)).state;
      const stored = await Promise.all(Array.from({ length: last_seq }, (_, i) => jsm.streams.getMessage(inbound, { seq: i + 1 }).then((m) => m?.string() ?? '').catch(() => '')));
      expect(stored.filter((body) => body.includes('signin/tokenExchange')).length).toBeGreaterThan(0);
      expect(stored.some((body) => body.includes(signature))).toBe(false);
    } finally {
      await nats.close();
    }
  });
});

async function chatUser(): Promise<{ id: string }> {
  return ((await (await fetch(`${herald.sim.url}/chat/api/session`)).json()) as { user: { id: string } }).user;
}
