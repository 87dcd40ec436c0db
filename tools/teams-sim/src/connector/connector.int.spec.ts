import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeamsSim } from '../teams-sim.js';
import type { TeamsSim } from '../teams-sim.types.js';
import { APP_ID, APP_PASSWORD, callConnector, connectorToken, requestToken } from '../sim-test-support.spec-helpers.js';

const THREAD_ID = '19:d441d38c655c47a085215b2726e76927@thread.tacv2;messageid=1767326091220';
const activitiesPath = (conversationId: string, activityId?: string) =>
  `v3/conversations/${encodeURIComponent(conversationId)}/activities${activityId ? `/${encodeURIComponent(activityId)}` : ''}`;

describe('Bot Connector v3: authentication, operations, recording', () => {
  let sim: TeamsSim;
  let token: string;

  beforeAll(async () => {
    sim = await startTeamsSim({ appId: APP_ID, appPassword: APP_PASSWORD });
    token = await connectorToken(sim);
  });
  afterAll(() => sim.close());

  it('rejects a call without a token with 401 and an ErrorResponse, and records it', async () => {
    const response = await callConnector(sim, 'POST', activitiesPath('a:1nobody'), { body: { type: 'message', text: 'x' } });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'Unauthorized', message: expect.any(String) } });
    expect(sim.connectorCalls.at(-1)).toMatchObject({
      operation: 'sendToConversation',
      conversationId: 'a:1nobody',
      authorization: undefined,
      status: 401,
    });
  });

  it('rejects tokens that are not Bot Connector tokens for this bot', async () => {
    const channelToken = await sim.mintChannelToken();
    const graph = (await (
      await requestToken(sim, {
        grant_type: 'client_credentials',
        client_id: APP_ID,
        client_secret: APP_PASSWORD,
        scope: 'https://graph.microsoft.com/.default',
      })
    ).json()) as { access_token: string };
    for (const bad of [channelToken, graph.access_token, `${token.slice(0, -4)}AAAA`, 'not-a-jwt']) {
      const response = await callConnector(sim, 'POST', activitiesPath('a:1x'), { token: bad, body: { type: 'message' } });
      expect(response.status).toBe(401);
    }
  });

  it('sends with a token from the Entra endpoint and answers a ResourceResponse', async () => {
    const response = await callConnector(sim, 'POST', activitiesPath('a:1abc'), {
      token,
      body: { type: 'message', text: 'Hello' },
    });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    expect(id).toMatch(/^\d{13,}$/);
    expect(sim.connectorCalls.at(-1)).toMatchObject({
      method: 'POST',
      operation: 'sendToConversation',
      conversationId: 'a:1abc',
      authorization: `Bearer ${token}`,
      body: { type: 'message', text: 'Hello' },
      status: 201,
      at: expect.any(Date),
    });
  });

  it('decodes conversation and activity ids with : ; = @ in the path', async () => {
    const response = await callConnector(sim, 'POST', activitiesPath(THREAD_ID, '1:1fLA_RNPuIsZ'), {
      token,
      body: { type: 'message', text: 'In the thread' },
    });
    expect(response.status).toBe(201);
    const call = sim.connectorCalls.at(-1)!;
    expect(call).toMatchObject({ operation: 'replyToActivity', conversationId: THREAD_ID, activityId: '1:1fLA_RNPuIsZ' });
    expect(call.path).toBe(`/${activitiesPath(THREAD_ID, '1:1fLA_RNPuIsZ')}`);
  });

  it('accepts long Teams personal conversation ids', async () => {
    const longId = `a:1${'x'.repeat(140)}`;
    const response = await callConnector(sim, 'POST', activitiesPath(longId), { token, body: { type: 'message', text: 'hi' } });
    expect(response.status).toBe(201);
    expect(sim.connectorCalls.at(-1)?.conversationId).toBe(longId);
  });

  it('requires a known activity type', async () => {
    const response = await callConnector(sim, 'POST', activitiesPath('a:1abc', '123'), { token, body: { text: 'no type' } });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: 'BadArgument', message: 'Unknown activity type' } });
  });

  it('answers malformed JSON with a 400 ErrorResponse and records it', async () => {
    const response = await fetch(new URL(activitiesPath('a:1abc'), sim.serviceUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{"type":',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'BadSyntax' } });
    expect(sim.connectorCalls.at(-1)).toMatchObject({ operation: 'sendToConversation', status: 400 });
  });

  it('creates a personal conversation, the same one again for the same user', async () => {
    const parameters = {
      bot: { id: `28:${APP_ID}`, name: 'Herald' },
      members: [{ id: '29:1someUser' }],
      channelData: { tenant: { id: sim.tenantId } },
    };
    const first = await callConnector(sim, 'POST', 'v3/conversations', { token, body: parameters });
    expect(first.status).toBe(201);
    const { id } = (await first.json()) as { id: string };
    expect(id).toMatch(/^a:1[\w-]{100,}$/);
    const again = await callConnector(sim, 'POST', 'v3/conversations', { token, body: { ...parameters, tenantId: sim.tenantId } });
    expect(((await again.json()) as { id: string }).id).toBe(id);
    expect(sim.connectorCalls.at(-1)).toMatchObject({ operation: 'createConversation', path: '/v3/conversations', status: 201 });
  });

  it('creates a channel thread with its first message', async () => {
    const response = await callConnector(sim, 'POST', 'v3/conversations', {
      token,
      body: {
        isGroup: true,
        channelData: { channel: { id: '19:abc@thread.tacv2' }, tenant: { id: sim.tenantId } },
        activity: { type: 'message', text: 'New thread' },
      },
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { id: string; activityId: string };
    expect(body.id).toBe(`19:abc@thread.tacv2;messageid=${body.activityId}`);
  });

  it('refuses to create a conversation without members or tenant', async () => {
    const noMembers = await callConnector(sim, 'POST', 'v3/conversations', { token, body: { channelData: { tenant: { id: 't' } } } });
    expect(noMembers.status).toBe(400);
    const noTenant = await callConnector(sim, 'POST', 'v3/conversations', { token, body: { members: [{ id: '29:1a' }] } });
    expect(noTenant.status).toBe(400);
    expect(await noTenant.json()).toMatchObject({ error: { code: 'BadArgument' } });
  });

  it('updates and deletes an activity', async () => {
    const sent = await callConnector(sim, 'POST', activitiesPath('a:1upd'), { token, body: { type: 'message', text: 'v1' } });
    const { id } = (await sent.json()) as { id: string };
    const updated = await callConnector(sim, 'PUT', activitiesPath('a:1upd', id), { token, body: { type: 'message', text: 'v2' } });
    expect(updated.status).toBe(200);
    expect(await updated.json()).toEqual({ id });
    const deleted = await callConnector(sim, 'DELETE', activitiesPath('a:1upd', id), { token });
    expect(deleted.status).toBe(200);
    expect(await deleted.text()).toBe('');
    expect(sim.connectorCalls.slice(-2).map((call) => [call.operation, call.activityId, call.status])).toEqual([
      ['updateActivity', id, 200],
      ['deleteActivity', id, 200],
    ]);
  });

  it('lets tests wait for connector calls that have not happened yet', async () => {
    const waiting = sim.waitForConnectorCalls((call) => call.conversationId === 'a:1later', 2);
    setTimeout(() => {
      void callConnector(sim, 'POST', activitiesPath('a:1later'), { token, body: { type: 'message', text: '1' } });
      void callConnector(sim, 'POST', activitiesPath('a:1later'), { token, body: { type: 'typing' } });
    }, 50);
    const calls = await waiting;
    expect(calls).toHaveLength(2);
    await expect(sim.waitForConnectorCalls((call) => call.conversationId === 'never', 1, 100)).rejects.toThrow(/fewer than 1/);
  });
});
