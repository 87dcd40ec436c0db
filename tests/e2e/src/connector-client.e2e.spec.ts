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
});
