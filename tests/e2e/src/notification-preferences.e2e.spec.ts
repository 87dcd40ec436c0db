import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, fixture } from '@herald/testing';
import { startHerald, type Herald } from './herald-harness.js';

const API_KEY = 'preferences-key';
let herald: Herald;
const base = fixture<Record<string, unknown>>('message-personal.json');
const TENANT = (base['conversation'] as { tenantId: string }).tenantId;
const person = { id: '29:pref-person', aadObjectId: '5d6c2f8e-1b7a-4c3d-9e0f-123456789abc', name: 'Grace' };
const conversation = { id: 'a:preferences', conversationType: 'personal', tenantId: TENANT };
let n = 0;

/** Something the person does in their chat with Herald (a message or an invoke), as Teams posts it. */
async function act(activity: Record<string, unknown>) {
  const token = await herald.sim.mintChannelToken({ serviceUrl: herald.sim.serviceUrl });
  const posted = { ...base, id: `pref-${n++}`, from: person, conversation, ...activity, serviceUrl: herald.sim.serviceUrl };
  const response = await request(herald.gatewayUrl).post('/api/messages').set('Authorization', `Bearer ${token}`).send(posted);
  expect(response.status).toBe(200);
  return posted.id;
}

async function say(text: string): Promise<void> {
  const id = await act({ text });
  await herald.sim.waitForConnectorCalls((c) => c.operation === 'replyToActivity' && c.activityId === id, 1, 10_000);
}

/** The bucket the person lands in for a notification on `topic`. */
async function bucketFor(topic: string | undefined): Promise<string> {
  const created = await request(herald.gatewayUrl).post('/api/v1/notifications').set('Authorization', `Bearer ${API_KEY}`).send({ recipients: [{ aadObjectId: person.aadObjectId }], text: `About ${topic ?? 'everything'}`, ...(topic ? { topic } : {}) });
  const status = await eventually(async () => {
    const response = await request(herald.gatewayUrl).get(`/api/v1/notifications/${created.body.id}`).set('Authorization', `Bearer ${API_KEY}`);
    return response.body?.state === 'completed' ? (response.body as { buckets: Record<string, number> }) : undefined;
  }, 15_000, 'completed');
  return Object.entries(status.buckets).find(([, count]) => count === 1)![0];
}

beforeAll(async () => {
  herald = await startHerald({ env: { HERALD_API_KEYS: API_KEY } });
  await herald.startRouter();
  await say('help');
  await eventually(async () => ((await bucketFor(undefined)) === 'Delivered') || undefined, 15_000, 'reachable');
});

afterAll(async () => {
  await herald?.close();
});

describe("a person's preferences", () => {
  it('a topic they unsubscribed from is Skipped(muted); other topics and subscribing again reach them', async () => {
    await say('unsubscribe deploys');
    await eventually(async () => ((await bucketFor('deploys')) === 'Skipped') || undefined, 10_000, 'muted');
    expect(await bucketFor('alerts')).toBe('Delivered');
    await say('subscribe deploys');
    await eventually(async () => ((await bucketFor('deploys')) === 'Delivered') || undefined, 10_000, 'subscribed again');
  });

  it('"Pause all notifications" in their settings skips every notification until they turn it off', async () => {
    const save = (paused: boolean) => act({ type: 'invoke', name: 'adaptiveCard/action', text: undefined, value: { action: { type: 'Action.Execute', verb: 'settings.save', data: { notificationsPaused: String(paused) } } } });
    await save(true);
    await eventually(async () => ((await bucketFor('alerts')) === 'Skipped') || undefined, 10_000, 'paused');
    await save(false);
    await eventually(async () => ((await bucketFor('alerts')) === 'Delivered') || undefined, 10_000, 'resumed');
  });
});
