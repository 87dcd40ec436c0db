import Fastify, { type FastifyInstance } from 'fastify';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTeamsSim } from '../teams-sim.js';
import type { TeamsSim } from '../teams-sim.types.js';
import { APP_ID, APP_PASSWORD, callConnector, connectorToken } from '../sim-test-support.spec-helpers.js';

type Activity = Record<string, any>;
interface Received {
  activity: Activity;
  claims: JWTPayload;
  endorsements: string[];
}

const CARD = 'application/vnd.microsoft.card.adaptive';
const card = (title: string) => ({
  type: 'AdaptiveCard',
  version: '1.4',
  body: [{ type: 'TextBlock', text: title }],
  actions: [{ type: 'Action.Execute', title: 'Refresh', verb: 'refresh', data: { n: 1 } }],
});

/** A tiny bot: validates the channel token like a real bot, replies through the connector. */
async function startStandInBot(getSim: () => TeamsSim, received: Received[]): Promise<FastifyInstance> {
  const bot = Fastify();
  bot.post('/api/messages', async (request, reply) => {
    const sim = getSim();
    const activity = request.body as Activity;
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
    const metadata = (await (await fetch(sim.openIdMetadataUrl)).json()) as { jwks_uri: string };
    const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(metadata.jwks_uri)), {
      issuer: 'https://api.botframework.com',
      audience: APP_ID,
      clockTolerance: 300,
    });
    const { keys } = (await (await fetch(metadata.jwks_uri)).json()) as { keys: { kid: string; endorsements: string[] }[] };
    const endorsements = keys.find((key) => key.kid === decodeProtectedHeader(token).kid)?.endorsements ?? [];
    received.push({ activity, claims: payload, endorsements });
    if (activity['text'] === 'fail') return reply.code(500).send({ error: 'bot failed' });
    if (activity['type'] === 'invoke') {
      return { statusCode: 200, type: CARD, value: card(`Refreshed by ${activity['value'].action.verb}`) };
    }
    if (typeof activity['text'] === 'string') {
      const attachments = activity['text'] === 'card' ? [{ contentType: CARD, content: card('Original') }] : undefined;
      const path = `v3/conversations/${encodeURIComponent(activity['conversation'].id)}/activities/${encodeURIComponent(activity['id'])}`;
      await fetch(new URL(path, activity['serviceUrl']), {
        method: 'POST',
        headers: { authorization: `Bearer ${await connectorToken(sim)}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          from: activity['recipient'],
          recipient: activity['from'],
          conversation: activity['conversation'],
          text: `You said ${activity['text']}`,
          replyToId: activity['id'],
          ...(attachments ? { attachments } : {}),
        }),
      });
    }
    return reply.code(200).send();
  });
  await bot.listen({ port: 0, host: '127.0.0.1' });
  return bot;
}

describe('chat page API: a Teams personal chat with the bot', () => {
  const received: Received[] = [];
  let bot: FastifyInstance;
  let sim: TeamsSim;
  const chat = (path: string, body?: unknown) =>
    fetch(`${sim.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const conversation = async () => (await (await chat('/chat/api/conversation')).json()) as Activity[];

  beforeAll(async () => {
    bot = await startStandInBot(() => sim, received);
    const address = bot.server.address() as { port: number };
    sim = await startTeamsSim({
      appId: APP_ID,
      appPassword: APP_PASSWORD,
      botEndpoint: `http://127.0.0.1:${address.port}/api/messages`,
      botName: 'Herald',
    });
  });
  afterAll(async () => {
    await sim.close();
    await bot.close();
  });
  beforeEach(() => void received.splice(0));

  it('serves the chat page with its compose box, send button and scripts', async () => {
    for (const path of ['/', '/chat']) {
      const page = await chat(path);
      expect(page.headers.get('content-type')).toContain('text/html');
      const html = await page.text();
      expect(html).toContain('id="compose"');
      expect(html).toContain('id="send"');
    }
    const bundle = await chat('/chat/vendor/adaptivecards.min.js');
    expect(bundle.status).toBe(200);
    expect(await bundle.text()).toContain('AdaptiveCards');
    expect((await chat('/chat/assets/chat.js')).status).toBe(200);
    const teamsJs = await chat('/chat/vendor/teams-js.js');
    expect(teamsJs.headers.get('content-type')).toContain('javascript');
    expect(await teamsJs.text()).toContain('notifySuccess');
  });

  it('delivers a typed message to the bot as a signed Teams personal-chat activity', async () => {
    const response = await chat('/chat/api/messages', { text: 'help' });
    expect(response.status).toBe(200);
    expect(received).toHaveLength(1);
    const { activity, claims, endorsements } = received[0]!;
    expect(claims['serviceurl']).toBe(activity['serviceUrl']);
    expect(endorsements).toContain(activity['channelId']);
    // The shape of /work/shared/fixtures/message-personal.json (a real Teams capture).
    expect(activity).toMatchObject({
      type: 'message',
      text: 'help',
      textFormat: 'plain',
      id: expect.stringMatching(/^\d{13,}$/),
      timestamp: expect.any(String),
      localTimestamp: expect.stringMatching(/[+-]\d\d:\d\d$/),
      locale: 'en-US',
      channelId: 'msteams',
      serviceUrl: sim.serviceUrl,
      from: { id: expect.stringMatching(/^29:/), aadObjectId: expect.any(String), name: expect.any(String) },
      recipient: { id: `28:${APP_ID}`, name: 'Herald' },
      conversation: { conversationType: 'personal', tenantId: sim.tenantId, id: sim.chatConversationId },
      channelData: { tenant: { id: sim.tenantId } },
    });
    expect(sim.chatConversationId).toMatch(/^a:1/);
  });

  it('shows the user message and the bot reply sent through the connector', async () => {
    await chat('/chat/api/messages', { text: 'hello there' });
    const messages = await conversation();
    const user = messages.find((message) => message['text'] === 'hello there');
    const reply = messages.find((message) => message['text'] === 'You said hello there');
    expect(user).toMatchObject({ from: 'user', type: 'message', deleted: false });
    expect(reply).toMatchObject({ from: 'bot', type: 'message', replyToId: user!['id'], updated: false, deleted: false });
  });

  it('shows updates and deletions the bot makes', async () => {
    await chat('/chat/api/messages', { text: 'edit me' });
    const reply = (await conversation()).find((message) => message['text'] === 'You said edit me')!;
    const token = await connectorToken(sim);
    const path = `v3/conversations/${encodeURIComponent(sim.chatConversationId)}/activities/${reply['id']}`;
    await callConnector(sim, 'PUT', path, { token, body: { type: 'message', text: 'Edited text' } });
    expect((await conversation()).find((message) => message['id'] === reply['id'])).toMatchObject({
      text: 'Edited text',
      updated: true,
    });
    await callConnector(sim, 'DELETE', path, { token });
    expect((await conversation()).find((message) => message['id'] === reply['id'])).toMatchObject({ deleted: true });
  });

  it('reports a non-2xx answer from the bot as an error for the page', async () => {
    const response = await chat('/chat/api/messages', { text: 'fail' });
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ error: 'The bot answered HTTP 500', status: 500 });
  });

  it('sends Action.Submit as a message with value and Action.Execute as an adaptiveCard/action invoke', async () => {
    await chat('/chat/api/messages', { text: 'card' });
    const cardMessage = (await conversation()).find((message) => message['attachments'][0]?.contentType === CARD)!;
    received.splice(0);

    const submit = await chat('/chat/api/actions', { kind: 'submit', messageId: cardMessage['id'], data: { choice: 'a' } });
    expect(submit.status).toBe(200);
    expect(received[0]?.activity).toMatchObject({
      type: 'message',
      value: { choice: 'a' },
      replyToId: cardMessage['id'],
      channelData: { source: { name: 'message' }, legacy: { replyToId: expect.stringMatching(/^1:/) } },
    });
    expect(received[0]?.activity).not.toHaveProperty('text');

    const execute = await chat('/chat/api/actions', {
      kind: 'execute',
      messageId: cardMessage['id'],
      verb: 'refresh',
      title: 'Refresh',
      data: { n: 1 },
    });
    expect(await execute.json()).toMatchObject({ status: 200, cardReplaced: true });
    expect(received[1]?.activity).toMatchObject({
      type: 'invoke',
      name: 'adaptiveCard/action',
      id: expect.stringMatching(/^f:/),
      replyToId: cardMessage['id'],
      value: { action: { type: 'Action.Execute', verb: 'refresh', title: 'Refresh', data: { n: 1 } }, trigger: 'manual' },
    });
    const refreshed = (await conversation()).find((message) => message['id'] === cardMessage['id'])!;
    expect(refreshed['attachments'][0].content.body[0].text).toBe('Refreshed by refresh');
  });
});
