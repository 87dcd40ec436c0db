import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { eventually } from '@herald/testing';
import { auditBroadcast, broadcast, completed, installRecipients, sendsOf } from './broadcast-audit.js';
import { startHeraldProcesses, type HeraldProcesses } from './herald-processes.js';
import { LiveChat } from './live-chat.js';
import { SERVICE_NAMES, type Exit, type ServiceName } from './service-process.js';

const RECIPIENTS = 2_000;
const ORDER: ServiceName[] = ['gateway', 'router', 'auth', 'graph-sync', 'notifier'];
let herald: HeraldProcesses;

beforeAll(async () => {
  herald = await startHeraldProcesses({ env: { TEAMS_TENANT_RATE_PER_SECOND: '100' }, connectorLatencyMs: 200 });
  await installRecipients(herald.bus, herald.sim, herald.databaseUrl, RECIPIENTS);
}, 120_000);

afterAll(async () => {
  await herald?.close();
});

describe('SIGTERM during a broadcast with live chat: each service in turn, then all at once', () => {
  it('each exits by itself within 10 s; after the restart nothing is lost, nothing is Unknown, nothing doubled', async () => {
    onTestFailed(() => console.error(Object.values(herald.services).map((service) => service.tail()).join('\n')));
    const chat = new LiveChat(herald.sim, { people: 10, perSecond: 4, tenantId: herald.sim.tenantId, label: `${herald.prefix}-chat` });
    chat.start();
    const marker = `Chaos SIGTERM ${herald.prefix}`;
    const id = await broadcast(herald.gatewayUrl, marker);

    const exits: Partial<Record<string, Exit & { sentBefore: number }>> = {};
    for (const [n, name] of [...ORDER, 'all' as const].entries()) {
      await eventually(() => sendsOf(herald.sim, marker) >= ((n + 1) * RECIPIENTS) / 9 || undefined, 60_000, `${n + 1}/9 of the broadcast sent`);
      const sentBefore = sendsOf(herald.sim, marker);
      const targets = name === 'all' ? [...SERVICE_NAMES] : [name];
      const stopped = await Promise.all(targets.map((target) => herald.services[target].stop('SIGTERM')));
      for (const [i, target] of targets.entries()) exits[name === 'all' ? `all:${target}` : target] = { ...stopped[i]!, sentBefore };
      for (const target of targets) herald.services[target].start();
      await Promise.all(targets.map((target) => herald.services[target].ready()));
    }
    // Sends that still left the notifier after its SIGTERM: only the handlers it was running.
    const sentWhileStopping = (exit: Exit) => herald.sim.connectorCalls.filter((call) => call.operation === 'sendToConversation' && JSON.stringify(call.body).includes(marker) && call.at.getTime() >= exit.at && call.at.getTime() <= exit.at + exit.ms).length;
    const stopping = { notifier: sentWhileStopping(exits['notifier']!), 'all:notifier': sentWhileStopping(exits['all:notifier']!) };
    const status = await completed(herald.gatewayUrl, id, 90_000);
    await chat.stop();
    await eventually(() => [...chat.answers().values()].every((n) => n > 0) || undefined, 30_000, 'every chat message answered');

    const audit = await auditBroadcast(herald.databaseUrl, herald.sim, id, marker);
    const answers = [...chat.answers().values()];
    const report = { exits, sentWhileStopping: stopping, status: status.buckets, audit, chat: { accepted: chat.accepted.size, refusals: Object.fromEntries(chat.refusals), answeredTwice: answers.filter((n) => n > 1).length } };
    process.stdout.write(`SIGTERM chaos: ${JSON.stringify(report)}\n`);

    expect(exits['all:notifier']!.sentBefore, 'the last SIGTERM came while the broadcast was still running').toBeLessThan(RECIPIENTS);
    for (const [name, exit] of Object.entries(exits)) {
      expect({ name, code: exit!.code, signal: exit!.signal }, 'a clean exit of its own').toEqual({ name, code: 0, signal: null });
      expect(exit!.ms, `${name} exited within 10 s`).toBeLessThan(10_000);
    }
    expect(stopping.notifier, 'the notifier stopped taking work: its 32 running deliveries at most').toBeLessThanOrEqual(32);
    expect(stopping['all:notifier'], 'the notifier stopped taking work: its 32 running deliveries at most').toBeLessThanOrEqual(32);
    expect(status.total).toBe(RECIPIENTS);
    expect(status.pending).toBe(0);
    expect(audit.recipients).toBe(RECIPIENTS);
    expect(audit.distinct).toBe(RECIPIENTS);
    expect(audit.buckets, 'a graceful stop leaves nothing Unknown').toEqual({ Delivered: RECIPIENTS });
    expect(audit.twice, 'nobody got it twice').toBe(0);

    expect(chat.rejected).toEqual([]);
    expect(chat.accepted.size).toBeGreaterThan(50);
    expect(answers.filter((n) => n !== 1), 'chat messages answered other than once').toEqual([]);
  }, 180_000);
});
