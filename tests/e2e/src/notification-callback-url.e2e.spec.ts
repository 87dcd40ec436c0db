import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@herald/config';
import { createGatewayApp } from '@herald/gateway/app';
import { gatewayConfigSchema } from '@herald/gateway/config';
import { createLogger } from '@herald/telemetry';
import { deleteStreams, uniquePrefix } from '@herald/testing';

/**
 * `callbackUrl` at the API of a gateway in production (MICROSOFT_APP_ID set): https only. Every
 * Microsoft endpoint points at a closed loopback port, so nothing leaves the machine.
 */
const API_KEY = 'production-key';
const NOWHERE = 'http://127.0.0.1:9';
let gateway: NestFastifyApplication;
let url: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const prefix = uniquePrefix('e2e');
  const env = {
    HERALD_BUS_PREFIX: prefix,
    PORT: '0',
    MICROSOFT_APP_ID: '5b7c1a4e-0000-4000-8000-00000000c0de',
    MICROSOFT_APP_PASSWORD: 'not-used-here',
    BOT_OPENID_METADATA_URL: `${NOWHERE}/openid`,
    AAD_AUTHORITY_HOST: NOWHERE,
    GRAPH_BASE_URL: NOWHERE,
    HERALD_API_KEYS: API_KEY,
  };
  gateway = await createGatewayApp(parseConfig(gatewayConfigSchema, env), createLogger({ service: 'gateway', level: 'silent' }));
  await gateway.listen({ port: 0, host: '127.0.0.1' });
  url = await gateway.getUrl();
  cleanup = () => deleteStreams(prefix);
});

afterAll(async () => {
  await gateway?.close();
  await cleanup?.();
});

const notify = (callbackUrl: string) =>
  request(url).post('/api/v1/notifications').set('Authorization', `Bearer ${API_KEY}`).send({ recipients: [{ conversationId: 'a:1' }], text: 'x', callbackUrl });

describe('callbackUrl in production mode', () => {
  it.each(['http://127.0.0.1:8080/hook', 'http://localhost/hook', 'http://[::1]/hook', 'http://apps.example.com/hook'])('refuses plain http (%s) with 400 naming callbackUrl', async (callbackUrl) => {
    const response = await notify(callbackUrl);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ field: 'callbackUrl', detail: expect.stringContaining('https') });
  });

  it('refuses credentials in the URL', async () => {
    const response = await notify('https://user:secret@apps.example.com/hook');
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ field: 'callbackUrl' });
  });

  it('accepts an https URL', async () => {
    expect((await notify('https://apps.example.com/hook')).status).toBe(202);
  });
});
