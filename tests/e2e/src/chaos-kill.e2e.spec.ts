import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { eventually } from '@herald/testing';
import { auditBroadcast, broadcast, completed, installRecipients, sendsOf, unknownReplies } from './broadcast-audit.js';
import { startHeraldProcesses, type HeraldProcesses } from './herald-processes.js';
import { LiveChat } from './live-chat.js';
import type { Exit, ServiceName } from './service-process.js';

const RECIPIENTS = 2_000;
const KILL_ORDER: ServiceName[] = ['gateway', 'router', 'auth', 'graph-sync', 'notifier'];
let herald: HeraldProcesses;

beforeAll(async () => {
  // A send cut off by the kill is taken for interrupted once its claim is older than the connector timeout + 20 s (writing its outcome down) + 15 s.
  herald = await startHeraldProcesses({ env: { TEAMS_TENANT_RATE_PER_SECOND: '100', BOT_CONNECTOR_TIMEOUT_SECONDS: '5' }, connectorLatencyMs: 200 });
  await installRecipients(herald.bus, herald.sim, herald.databaseUrl, RECIPIENTS);
}, 120_000);

afterAll(async () => {
  await herald?.close();
});

describe('kill -9 of each service in turn, during a broadcast with live chat, then restart', () => {
  it('every recipient ends in exactly one bucket, repeats only among Unknown, every chat message answered once', async () => {
    onTestFailed(() => console.error(Object.values(herald.services).map((service) => service.tail()).join('\n')));
    const chat = new LiveChat(herald.sim, { people: 10, perSecond: 4, tenantId: herald.sim.tenantId, label: `${herald.prefix}-chat` });
    chat.start();
    const marker = `Chaos kill ${herald.prefix}`;
    const id = await broadcast(herald.gatewayUrl, marker);

    const kills: Partial<Record<ServiceName, Exit & { sentBefore: number }>> = {};
    for (const [n, name] of KILL_ORDER.entries()) {
      await eventually(() => sendsOf(herald.sim, marker) >= ((n + 1) * RECIPIENTS) / 8 || undefined, 60_000, `${n + 1}/8 of the broadcast sent`);
      const sentBefore = sendsOf(herald.sim, marker);
      kills[name] = { ...(await herald.services[name].restart('SIGKILL')), sentBefore };
    }
    const status = await completed(herald.gatewayUrl, id, 90_000);
    await chat.stop();
    await eventually(async () => {
      const unanswered = [...chat.answers().values()].filter((n) => n === 0).length;
      return unanswered <= (await unknownReplies(herald.databaseUrl, chat.conversations)) || undefined;
    }, 30_000, 'every chat message answered');

    const audit = await auditBroadcast(herald.databaseUrl, herald.sim, id, marker);
    const answers = [...chat.answers().values()];
    const report = { kills, status: status.buckets, audit, chat: { accepted: chat.accepted.size, refusals: Object.fromEntries(chat.refusals), answeredTwice: answers.filter((n) => n > 1).length, unanswered: answers.filter((n) => n === 0).length } };
    process.stdout.write(`kill -9 chaos: ${JSON.stringify(report)}\n`);

    expect(kills.notifier!.sentBefore, 'the last kill came while the broadcast was still running').toBeLessThan(RECIPIENTS);
    expect(Object.values(kills).every((exit) => exit.signal === 'SIGKILL')).toBe(true);
    expect(status.total).toBe(RECIPIENTS);
    expect(status.pending).toBe(0);
    expect(audit.recipients).toBe(RECIPIENTS);
    expect(audit.distinct).toBe(RECIPIENTS);
    expect(audit.twiceNotUnknown, 'sent twice without being recorded Unknown').toEqual([]);
    expect(audit.unknown, 'at most the sends in flight when the notifier died').toBeLessThanOrEqual(64);
    expect((audit.buckets['Delivered'] ?? 0) + audit.unknown, 'only Delivered or Unknown').toBe(RECIPIENTS);

    expect(chat.rejected).toEqual([]);
    expect(chat.accepted.size).toBeGreaterThan(50);
    expect(answers.filter((n) => n > 1), 'chat messages answered twice').toEqual([]);
  }, 180_000);
});
