import { jetstreamManager } from '@nats-io/jetstream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_APP_ID, DEV_APP_SECRET, parseConfig } from '@herald/config';
import { busNames } from '@herald/contracts';
import { createGatewayApp } from '@herald/gateway/app';
import { gatewayConfigSchema } from '@herald/gateway/config';
import { connectToNats, type NatsConnection } from '@herald/messaging';
import { createLogger } from '@herald/telemetry';
import { startTeamsSim, type TeamsSim } from '@herald/teams-sim';
import { deleteStreams, fixture, NATS_URL, uniquePrefix } from '@herald/testing';

/** Another app registered in the bot's own tenant: it can get Entra tokens with `aud` = the bot. */
const OTHER_APP_OF_THE_TENANT = 'f00dcafe-0000-4000-8000-0000000000aa';
const OTHER_TENANT = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';

const prefix = uniquePrefix('gwsingle');
const names = busNames(prefix);
const logger = createLogger({ service: 'gateway', level: 'silent' });
let sim: TeamsSim;
let gateway: NestFastifyApplication | undefined;
let url: string;
let nats: NatsConnection;
let env: Record<string, string>;

const stored = async () => (await (await jetstreamManager(nats)).streams.info(names.stream('inbound').name)).state.messages;
const activity = (tenantId = sim.tenantId) => ({
  ...fixture<Record<string, unknown>>('message-personal.json'),
  id: `single-${Date.now()}-${Math.random()}`,
  serviceUrl: sim.serviceUrl,
  recipient: { id: `28:${DEV_APP_ID}` },
  conversation: { id: 'a:single-tenant-chat', conversationType: 'personal', tenantId },
  channelData: { tenant: { id: tenantId } },
});
const post = (body: unknown, token: string) => request(url).post('/api/messages').set('Authorization', `Bearer ${token}`).send(body as object);

beforeAll(async () => {
  sim = await startTeamsSim({ appId: DEV_APP_ID, appPassword: DEV_APP_SECRET });
  nats = await connectToNats({ url: NATS_URL, name: 'test', logger });
  env = { HERALD_BUS_PREFIX: prefix, TEAMS_SIM_URL: sim.url, MICROSOFT_APP_TYPE: 'SingleTenant', MICROSOFT_APP_TENANT_ID: sim.tenantId };
  gateway = await createGatewayApp(parseConfig(gatewayConfigSchema, env), logger);
  await gateway.listen({ port: 0, host: '127.0.0.1' });
  url = await gateway.getUrl();
});

afterAll(async () => {
  await gateway?.close();
  await nats?.close();
  await sim?.close();
  await deleteStreams(prefix);
});

describe('a single-tenant gateway receiving Entra tokens', () => {
  it("stores an activity sent with the channel's Entra token", async () => {
    const before = await stored();
    expect((await post(activity(), await sim.mintChannelEntraToken())).status).toBe(200);
    expect(await stored()).toBe(before + 1);
  });

  it('refuses with 401 an Entra token another app of the tenant obtained for the bot, and stores nothing', async () => {
    const before = await stored();
    const forged = await sim.mintAppToken({ clientId: OTHER_APP_OF_THE_TENANT, audience: DEV_APP_ID });
    const response = await post(activity(), forged);
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await stored()).toBe(before);
  });

  it("refuses with 403 an activity of another tenant than the token's, and stores nothing", async () => {
    const before = await stored();
    expect((await post(activity(OTHER_TENANT), await sim.mintChannelEntraToken())).status).toBe(403);
    expect(await stored()).toBe(before);
  });

  it('accepts by default the bot itself as caller, and the apps ALLOWED_CALLER_APP_IDS lists instead', () => {
    expect(parseConfig(gatewayConfigSchema, env).microsoft.allowedCallerAppIds).toEqual([DEV_APP_ID]);
    const listed = parseConfig(gatewayConfigSchema, { ...env, ALLOWED_CALLER_APP_IDS: ` ${OTHER_APP_OF_THE_TENANT} , ${DEV_APP_ID}` });
    expect(listed.microsoft.allowedCallerAppIds).toEqual([OTHER_APP_OF_THE_TENANT, DEV_APP_ID]);
  });
});
