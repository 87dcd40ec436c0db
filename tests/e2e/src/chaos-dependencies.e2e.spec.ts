import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { DEV_APP_ID } from '@herald/config';
import { eventually } from '@herald/testing';
import { auditBroadcast, broadcast, completed, installRecipients, sendsOf } from './broadcast-audit.js';
import { API_KEY, startHeraldProcesses, type HeraldProcesses } from './herald-processes.js';
import { LiveChat } from './live-chat.js';
import { startPrivateNats, type PrivateNats } from './private-nats.js';
import { startPrivatePostgres, type PrivatePostgres } from './private-postgres.js';

const RECIPIENTS = 2_000;
/** How long each dependency stays away at least. */
const OUTAGE_MS = 3_000;
let nats: PrivateNats;
let postgres: PrivatePostgres;
let herald: HeraldProcesses;

beforeAll(async () => {
  nats = await startPrivateNats();
  postgres = await startPrivatePostgres();
  const databaseUrl = await postgres.createDatabase('herald');
  herald = await startHeraldProcesses({ natsUrl: nats.url, databaseUrl, env: { TEAMS_TENANT_RATE_PER_SECOND: '100' }, connectorLatencyMs: 200 });
  await installRecipients(herald.bus, herald.sim, herald.databaseUrl, RECIPIENTS);
}, 120_000);

afterAll(async () => {
  await herald?.close();
  await nats?.close();
  await postgres?.close();
});

describe('Postgres restarted, then NATS restarted, during a broadcast with live chat', () => {
  it('answers 503 + Retry-After meanwhile, recovers without restarting Herald, loses nothing', async () => {
    const report: Record<string, unknown> = {};
    onTestFailed(() => console.error(`so far: ${JSON.stringify(report)}\n${Object.values(herald.services).map((service) => service.tail()).join('\n')}`));
    const pids = Object.fromEntries(Object.values(herald.services).map((service) => [service.name, service.pid]));
    const chat = new LiveChat(herald.sim, { people: 10, perSecond: 4, tenantId: herald.sim.tenantId, label: `${herald.prefix}-chat` });
    chat.start();
    const marker = `Chaos dependencies ${herald.prefix}`;
    const id = await broadcast(herald.gatewayUrl, marker);
    const progress = (fraction: number, what: string) => eventually(() => sendsOf(herald.sim, marker) >= fraction * RECIPIENTS || undefined, 90_000, what);

    await progress(0.2, 'a fifth of the broadcast sent');
    const postgresDown = Date.now();
    await postgres.stop();
    const [statusWhilePostgresDown, notifierReady, routerReady] = await Promise.all([
      eventually(async () => refusedWithRetryAfter(statusOf(id)), 15_000, 'GET status refused while Postgres is down'),
      eventually(async () => notReady(herald.services.notifier.url), 15_000, 'notifier not ready'),
      eventually(async () => notReady(herald.services.router.url), 15_000, 'router not ready'),
    ]);
    report['whilePostgresDown'] = { status: statusWhilePostgresDown, notifierReady, routerReady };
    await holdUntil(postgresDown + OUTAGE_MS);
    await postgres.start();
    report['sentAfterPostgres'] = sendsOf(herald.sim, marker);
    await progress(0.5, 'half of the broadcast sent, after Postgres came back');

    const natsDown = Date.now();
    await nats.kill();
    const [activity, notification, statusRefused] = await Promise.all([
      eventually(async () => refusedWithRetryAfter(postActivity(`${herald.prefix}-probe-${Date.now()}`)), 15_000, 'POST /api/messages refused while NATS is down'),
      eventually(async () => refusedWithRetryAfter(postNotification(`probe ${herald.prefix}`)), 15_000, 'POST /api/v1/notifications refused while NATS is down'),
      eventually(async () => refusedWithRetryAfter(statusOf(id)), 15_000, 'GET status refused while NATS is down'),
    ]);
    report['whileNatsDown'] = { activity, notification, status: statusRefused };
    await holdUntil(natsDown + OUTAGE_MS);
    await nats.start();
    const sentAfterNats = sendsOf(herald.sim, marker);
    report['sentAfterNats'] = sentAfterNats;

    report['natsBackAfterMs'] = Date.now() - natsDown;
    const status = await completed(herald.gatewayUrl, id, 120_000);
    const after = await eventually(async () => {
      const response = await postNotification(`After ${herald.prefix}`).catch(() => undefined);
      return response?.status === 202 ? ((await response.json()) as { id: string }).id : undefined;
    }, 30_000, 'a new notification accepted after the outages');
    const single = await completed(herald.gatewayUrl, after, 60_000);
    await chat.stop();
    await eventually(() => [...chat.answers().values()].every((n) => n > 0) || undefined, 60_000, 'every chat message answered');

    const audit = await auditBroadcast(herald.databaseUrl, herald.sim, id, marker);
    const answers = [...chat.answers().values()];
    Object.assign(report, { status: status.buckets, single: single.buckets, audit, chat: { accepted: chat.accepted.size, refusals: Object.fromEntries(chat.refusals), answeredTwice: answers.filter((n) => n > 1).length } });
    process.stdout.write(`dependency chaos: ${JSON.stringify(report)}\n`);

    expect(sentAfterNats, 'the broadcast was still running when NATS went away').toBeLessThan(RECIPIENTS);
    expect(Object.fromEntries(Object.values(herald.services).map((service) => [service.name, service.pid])), 'no service restarted').toEqual(pids);
    expect(status.total).toBe(RECIPIENTS);
    expect(audit.recipients).toBe(RECIPIENTS);
    expect(audit.distinct).toBe(RECIPIENTS);
    expect(audit.buckets, "Herald's own outages decide no bucket").toEqual({ Delivered: RECIPIENTS });
    expect(audit.twice, 'nobody got it twice').toBe(0);
    expect(single.buckets['Delivered']).toBe(1);

    expect(chat.rejected).toEqual([]);
    expect(chat.accepted.size).toBeGreaterThan(30);
    expect(answers.filter((n) => n !== 1), 'chat messages answered other than once').toEqual([]);
  }, 240_000);
});

function statusOf(id: string): Promise<Response> {
  return fetch(`${herald.gatewayUrl}/api/v1/notifications/${id}`, { headers: { authorization: `Bearer ${API_KEY}` }, signal: AbortSignal.timeout(10_000) });
}

function postNotification(text: string): Promise<Response> {
  return fetch(`${herald.gatewayUrl}/api/v1/notifications`, {
    method: 'POST',
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ recipients: [{ conversationId: 'a:recipient-0' }], text }),
    signal: AbortSignal.timeout(10_000),
  });
}

/** One `help` from a person of its own (not one of the live chat's), as the channel sends it. */
function postActivity(id: string): Promise<Response> {
  const conversationId = `a:${herald.prefix}-probe`;
  const tenantId = herald.sim.tenantId;
  return herald.sim.postActivity({
    type: 'message', id, channelId: 'msteams', serviceUrl: herald.sim.serviceUrl, text: 'help', timestamp: new Date().toISOString(),
    from: { id: `29:${conversationId}` }, recipient: { id: `28:${DEV_APP_ID}` }, conversation: { id: conversationId, conversationType: 'personal', tenantId }, channelData: { tenant: { id: tenantId } },
  });
}

/** `{ status, retryAfter }` when the answer is a 503 with a Retry-After header (undefined for anything else, no answer included). */
async function refusedWithRetryAfter(request: Promise<Response>): Promise<{ status: number; retryAfter: string } | undefined> {
  const response = await request.catch(() => undefined);
  if (!response) return undefined;
  await response.arrayBuffer();
  const retryAfter = response.headers.get('retry-after');
  return response.status === 503 && retryAfter !== null ? { status: 503, retryAfter } : undefined;
}

async function notReady(url: string): Promise<number | undefined> {
  const status = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5_000) }).then((r) => r.status, () => 0);
  return status === 503 ? status : undefined;
}

/** The outage lasts until `at` at least (it may already have). */
function holdUntil(at: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
}
