import { readFileSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tokenExchangeInvoke, verifyStateInvoke } from '../index.js';
import { startTeamsSim } from '../teams-sim.js';
import type { TeamsSim } from '../teams-sim.types.js';
import { APP_ID, APP_PASSWORD, CHAT_USER, connectorToken, requestOnBehalfOf } from '../sim-test-support.spec-helpers.js';

type Activity = Record<string, any>;
const OAUTH_CARD = 'application/vnd.microsoft.card.oauth';
const fixture = (name: string): Activity =>
  JSON.parse(readFileSync(new URL(`../../../../../shared/fixtures/${name}`, import.meta.url), 'utf8')) as Activity;

/** The bot side: answers "signin" with an OAuth card, and a token exchange by trading the token on behalf of the user. */
interface StandInBot {
  server: FastifyInstance;
  invokes: Activity[];
  /** The status the bot answers token exchanges with; undefined: 200 if on-behalf-of worked, else 412. */
  forcedStatus?: number;
  withExchangeResource: boolean;
  cardAnsweredFirst: boolean[];
}

function oauthCard(bot: StandInBot, id: string) {
  return {
    contentType: OAUTH_CARD,
    content: {
      text: 'Sign in to Herald',
      connectionName: 'herald',
      ...(bot.withExchangeResource ? { tokenExchangeResource: { id, uri: `api://botid-${APP_ID}`, providerId: 'provider' } } : {}),
      buttons: [{ type: 'signin', title: 'Sign in', value: `https://herald.example/auth/start?exchange=${id}` }],
    },
  };
}

async function exchangeStatus(sim: TeamsSim, bot: StandInBot, activity: Activity): Promise<number> {
  if (bot.forcedStatus !== undefined) return bot.forcedStatus;
  return (await requestOnBehalfOf(sim, activity['value'].token)).status === 200 ? 200 : 412;
}

async function startStandInBot(getSim: () => TeamsSim): Promise<StandInBot> {
  const bot: StandInBot = { server: Fastify(), invokes: [], withExchangeResource: true, cardAnsweredFirst: [] };
  bot.server.post('/api/messages', async (request, reply) => {
    const sim = getSim();
    const activity = request.body as Activity;
    if (activity['type'] === 'invoke') {
      bot.invokes.push(activity);
      bot.cardAnsweredFirst.push(sim.connectorCalls.some((call) => call.status === 201 && JSON.stringify(call.body).includes(OAUTH_CARD)));
      return reply.code(await exchangeStatus(sim, bot, activity)).send({});
    }
    const path = `v3/conversations/${encodeURIComponent(activity['conversation'].id)}/activities`;
    await fetch(new URL(path, activity['serviceUrl']), {
      method: 'POST',
      headers: { authorization: `Bearer ${await connectorToken(sim)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', attachments: [oauthCard(bot, `exchange-${bot.invokes.length}-${Date.now()}`)] }),
    });
    return reply.code(200).send();
  });
  await bot.server.listen({ port: 0, host: '127.0.0.1' });
  return bot;
}

describe('the Teams client side of bot SSO on the chat page', () => {
  let bot: StandInBot;
  let sim: TeamsSim;
  const say = (text: string) =>
    fetch(`${sim.url}/chat/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
  const lastCard = async () => {
    const messages = (await (await fetch(`${sim.url}/chat/api/conversation`)).json()) as Activity[];
    return messages.filter((message) => message['attachments'][0]?.contentType === OAUTH_CARD).at(-1)!;
  };

  beforeAll(async () => {
    bot = await startStandInBot(() => sim);
    const { port } = bot.server.server.address() as { port: number };
    sim = await startTeamsSim({ appId: APP_ID, appPassword: APP_PASSWORD, botEndpoint: `http://127.0.0.1:${port}/api/messages` });
  });
  afterAll(async () => {
    await sim.close();
    await bot.server.close();
  });
  beforeEach(() => {
    bot.forcedStatus = undefined;
    bot.withExchangeResource = true;
  });

  it("exchanges Megan's SSO token for an OAuth card with a tokenExchangeResource, after the connector call was answered", async () => {
    await say('signin');
    const [exchange] = await sim.waitForTokenExchanges(sim.tokenExchanges.length + 1);
    const invoke = bot.invokes.at(-1)!;
    const card = (await lastCard())['attachments'][0].content;
    expect(invoke).toMatchObject({
      type: 'invoke',
      name: 'signin/tokenExchange',
      id: expect.stringMatching(/^f:/),
      from: { aadObjectId: CHAT_USER, name: 'Megan Bowen' },
      conversation: { id: sim.chatConversationId, conversationType: 'personal' },
      channelData: { source: { name: 'message' } },
      value: { id: card.tokenExchangeResource.id, connectionName: 'herald', token: expect.any(String) },
    });
    expect(decodeJwt(invoke['value'].token)).toMatchObject({ aud: APP_ID, oid: CHAT_USER, scp: 'access_as_user' });
    expect(bot.cardAnsweredFirst.at(-1)).toBe(true);
    expect(sim.tokenExchanges.at(-1)).toEqual({ id: card.tokenExchangeResource.id, status: 200 });
    expect(exchange).toEqual(sim.tokenExchanges[0]);
    expect(await lastCard()).toMatchObject({ signin: 'signed-in' });
  });

  it('shows the sign-in button when the bot does not answer the exchange with 200', async () => {
    bot.forcedStatus = 412;
    await say('signin');
    await sim.waitForTokenExchanges(2);
    expect(sim.tokenExchanges.at(-1)).toMatchObject({ status: 412 });
    expect(await lastCard()).toMatchObject({ signin: 'button' });
  });

  it('shows the button at once, exchanging nothing, for an OAuth card without a tokenExchangeResource', async () => {
    bot.withExchangeResource = false;
    const before = sim.tokenExchanges.length;
    await say('signin');
    expect(await lastCard()).toMatchObject({ signin: 'button' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sim.tokenExchanges).toHaveLength(before);
  });
});

describe('sign-in invokes for tests to post', () => {
  let sim: TeamsSim;
  beforeAll(async () => {
    sim = await startTeamsSim({ appId: APP_ID, appPassword: APP_PASSWORD, botName: 'Herald' });
  });
  afterAll(() => sim.close());

  const keysOf = (value: unknown, prefix = ''): string[] =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? Object.entries(value).flatMap(([key, inner]) => [`${prefix}${key}`, ...keysOf(inner, `${prefix}${key}.`)])
      : [];

  it('builds signin/tokenExchange shaped like the Teams capture, from the chat page user, with a fresh id', async () => {
    const value = { id: 'resource-1', connectionName: 'herald', token: await sim.mintUserSsoToken() };
    const first = tokenExchangeInvoke(sim, value);
    const second = tokenExchangeInvoke(sim, value);
    expect(keysOf(first)).toEqual(expect.arrayContaining(keysOf(fixture('invoke-signin-tokenExchange.json'))));
    expect(first).toMatchObject({
      type: 'invoke',
      name: 'signin/tokenExchange',
      channelId: 'msteams',
      serviceUrl: sim.serviceUrl,
      from: { aadObjectId: CHAT_USER, name: 'Megan Bowen' },
      recipient: { id: `28:${APP_ID}`, name: 'Herald' },
      conversation: { id: sim.chatConversationId, conversationType: 'personal', tenantId: sim.tenantId },
      value,
    });
    expect(second['id']).not.toBe(first['id']);
  });

  it("builds another directory user's invoke in that user's own personal chat", () => {
    const person = '0b7e2d4c-5a61-4f38-9c2e-7d1a3b5c9e01';
    sim.setUser(person, { displayName: 'Adele Vance' });
    const invoke = tokenExchangeInvoke(sim, { id: 'x', connectionName: 'herald', token: 't' }, { aadObjectId: person });
    expect(invoke.from).toMatchObject({ aadObjectId: person, name: 'Adele Vance', id: expect.stringMatching(/^29:/) });
    expect(invoke.conversation.id).not.toBe(sim.chatConversationId);
  });

  it('builds signin/verifyState shaped like the Teams capture', () => {
    const invoke = verifyStateInvoke(sim, '745254', { replyToId: '1776827524158' });
    expect(keysOf(invoke)).toEqual(expect.arrayContaining(keysOf(fixture('invoke-signin-verifyState.json'))));
    expect(invoke).toMatchObject({
      name: 'signin/verifyState',
      replyToId: '1776827524158',
      channelData: { source: { name: 'message' }, legacy: { replyToId: expect.stringMatching(/^1:1/) } },
      value: { state: '745254' },
    });
    expect(verifyStateInvoke(sim, '745254')).not.toHaveProperty('replyToId');
  });
});
