import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_APP_ID, DEV_APP_SECRET } from '@herald/config';
import { ClientCredentialsToken, ConnectorClient, ConnectorError } from '@herald/connector-client';
import { startTeamsSim, type TeamsSim } from '@herald/teams-sim';

let sim: TeamsSim;
let now = Date.now();
const tokenFor = (secret = DEV_APP_SECRET) =>
  new ClientCredentialsToken({
    authorityHost: sim.authorityHost,
    tenant: 'botframework.com',
    clientId: DEV_APP_ID,
    clientSecret: secret,
    scope: 'https://api.botframework.com/.default',
    now: () => now,
  });

beforeAll(async () => {
  sim = await startTeamsSim({ appId: DEV_APP_ID, appPassword: DEV_APP_SECRET, tokenLifetimeSeconds: 3599 });
});

afterAll(async () => {
  await sim?.close();
});

describe('ClientCredentialsToken', () => {
  it('asks Entra once, then serves the cached token until 5 minutes before it expires', async () => {
    const token = tokenFor();
    const before = sim.tokenRequests;
    const [a, b] = await Promise.all([token.get(), token.get()]);
    expect(a).toBe(b);
    now += 54 * 60 * 1000;
    expect(await token.get()).toBe(a);
    expect(sim.tokenRequests - before).toBe(1);
    now += 2 * 60 * 1000; // 56 min: less than 5 minutes left
    await token.get();
    expect(sim.tokenRequests - before).toBe(2);
  });
});

describe('ConnectorClient', () => {
  it('replies in the conversation with replyToId set, under the bearer token', async () => {
    const client = new ConnectorClient(tokenFor(), ['127.0.0.1']);
    const result = await client.replyToActivity(sim.serviceUrl, 'a:1conv;messageid=42', '42', { type: 'message', text: 'hi' });
    expect(result.id).toEqual(expect.any(String));
    const call = sim.connectorCalls.at(-1)!;
    expect(call).toMatchObject({ operation: 'replyToActivity', conversationId: 'a:1conv;messageid=42', activityId: '42' });
    expect(call.body).toMatchObject({ type: 'message', text: 'hi', replyToId: '42' });
  });

  it('never sends the token to an untrusted serviceUrl host', async () => {
    const client = new ConnectorClient(tokenFor(), ['smba.trafficmanager.net']);
    const calls = sim.connectorCalls.length;
    const refused = await client.sendToConversation(sim.serviceUrl, 'a:1', { type: 'message', text: 'hi' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConnectorError);
    expect((refused as ConnectorError).code).toBe('UntrustedServiceUrl');
    expect(sim.connectorCalls.length).toBe(calls);
  });

  it('reports a rejected token request as TokenUnavailable, having sent nothing', async () => {
    const client = new ConnectorClient(tokenFor('wrong-secret'), ['127.0.0.1']);
    const calls = sim.connectorCalls.length;
    const error = (await client.sendToConversation(sim.serviceUrl, 'a:1', { type: 'message' }).catch((e: unknown) => e)) as ConnectorError;
    expect(error.code).toBe('TokenUnavailable');
    expect(sim.connectorCalls.length).toBe(calls);
  });

  it('refuses an id of "." or ".." before any call: URL parsing would resolve it to another path, token and all', async () => {
    const client = new ConnectorClient(tokenFor(), ['127.0.0.1']);
    const calls = sim.connectorCalls.length;
    for (const [conversationId, activityId] of [['..', '1'], ['a:1', '.'], ['a:1', '..']]) {
      const refused = (await client.replyToActivity(sim.serviceUrl, conversationId!, activityId!, { type: 'message', text: 'dots' }).catch((e: unknown) => e)) as ConnectorError;
      expect(refused.code).toBe('InvalidId');
    }
    expect(sim.connectorCalls.length).toBe(calls);
  });

  it('never follows a redirect: the request and its token go nowhere else', async () => {
    const elsewhere: IncomingMessage[] = [];
    const target = await listen((request, response) => {
      elsewhere.push(request);
      response.writeHead(201, { 'content-type': 'application/json' }).end('{"id":"1"}');
    });
    const redirecting = await listen((_request, response) => response.writeHead(307, { location: `${target.url}/v3/conversations/a:1/activities` }).end());
    const client = new ConnectorClient(tokenFor(), ['127.0.0.1']);
    const error = (await client.sendToConversation(`${redirecting.url}/`, 'a:1', { type: 'message', text: 'hi' }).catch((e: unknown) => e)) as ConnectorError;
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error.code).toBe('UnexpectedRedirect');
    expect(elsewhere).toHaveLength(0);
    await Promise.all([target.close(), redirecting.close()]);
  });

  it('honours Retry-After given as an HTTP date as well as in seconds', async () => {
    const inFiveSeconds = new Date(Date.now() + 5_000).toUTCString();
    const throttling = await listen((request, response) =>
      response.writeHead(429, { 'retry-after': request.url?.includes('date') ? inFiveSeconds : '7', 'content-type': 'application/json' }).end('{"error":{"code":"Throttled"}}'),
    );
    const client = new ConnectorClient(tokenFor(), ['127.0.0.1']);
    const byDate = (await client.sendToConversation(`${throttling.url}/`, 'date', { type: 'message' }).catch((e: unknown) => e)) as ConnectorError;
    const bySeconds = (await client.sendToConversation(`${throttling.url}/`, 'seconds', { type: 'message' }).catch((e: unknown) => e)) as ConnectorError;
    expect(byDate.retryAfterMs).toBeGreaterThan(3_000);
    expect(byDate.retryAfterMs).toBeLessThanOrEqual(5_000);
    expect(bySeconds.retryAfterMs).toBe(7_000);
    await throttling.close();
  });

  it('tells idempotent calls (PUT, DELETE, GET, createConversation) from POSTs of new activities', async () => {
    const failing = await listen((_request, response) => response.writeHead(504).end());
    const client = new ConnectorClient(tokenFor(), ['127.0.0.1']);
    const url = `${failing.url}/`;
    const errors = await Promise.all([
      client.sendToConversation(url, 'a:1', { type: 'message' }),
      client.replyToActivity(url, 'a:1', '1', { type: 'message' }),
      client.updateActivity(url, 'a:1', '1', { type: 'message' }),
      client.deleteActivity(url, 'a:1', '1'),
      client.getConversationMember(url, 'a:1', '29:1'),
      client.createConversation(url, { botId: '28:b', userId: '29:u', tenantId: 't' }),
    ].map((call) => call.catch((e: unknown) => e as ConnectorError)));
    expect((errors as ConnectorError[]).map((error) => [error.status, error.idempotent])).toEqual([[504, false], [504, false], [504, true], [504, true], [504, true], [504, true]]);
    await failing.close();
  });
});

/** A throwaway HTTP server on 127.0.0.1 (a trusted host in these tests). */
async function listen(handle: (request: IncomingMessage, response: ServerResponse) => void): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => handle(request, response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
