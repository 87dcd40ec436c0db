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

/** Nothing listens on port 1: any Postgres connection attempt is refused at once. */
const DEAD_DATABASE_URL = 'postgres://postgres@127.0.0.1:1/herald';

const prefix = uniquePrefix('gwready');
const names = busNames(prefix);
const logger = createLogger({ service: 'gateway', level: 'silent' });
let sim: TeamsSim;
let gateway: NestFastifyApplication | undefined;
let url: string;
let nats: NatsConnection;

beforeAll(async () => {
  sim = await startTeamsSim({ appId: DEV_APP_ID, appPassword: DEV_APP_SECRET });
  nats = await connectToNats({ url: NATS_URL, name: 'test', logger });
  const env = { HERALD_BUS_PREFIX: prefix, DATABASE_URL: DEAD_DATABASE_URL, TEAMS_SIM_URL: sim.url };
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

describe('the gateway, which stores activities in JetStream only', () => {
  it('starts and is ready while Postgres is unreachable: readiness checks NATS alone', async () => {
    const ready = await request(url).get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ok', checks: { nats: 'ok' } });
  });

  it('stores a signed activity while Postgres is unreachable', async () => {
    const stream = names.stream('inbound').name;
    const before = (await (await jetstreamManager(nats)).streams.info(stream)).state.messages;
    const activity = { ...fixture<Record<string, unknown>>('message-personal.json'), id: `ready-${Date.now()}`, serviceUrl: sim.serviceUrl, recipient: { id: `28:${DEV_APP_ID}` } };
    const token = await sim.mintChannelToken({ serviceUrl: sim.serviceUrl });
    const response = await request(url).post('/api/messages').set('Authorization', `Bearer ${token}`).send(activity);
    expect(response.status).toBe(200);
    expect((await (await jetstreamManager(nats)).streams.info(stream)).state.messages).toBe(before + 1);
  });
});
