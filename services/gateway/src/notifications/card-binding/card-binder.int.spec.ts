import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '@herald/telemetry';
import { CapturedLogs, eventually } from '@herald/testing';
import { Problem } from '../../problem-details.filter.js';
import { CARD_BINDING_LIMITS, CardBinder, type CardBindingLimits } from './card-binder.js';

// Real binder processes, forked from this test process as the gateway forks them.
const binders: CardBinder[] = [];
async function started(limits: Partial<CardBindingLimits> = {}): Promise<CardBinder> {
  const binder = new CardBinder(createLogger({ service: 'test', destination: new CapturedLogs() }), { ...CARD_BINDING_LIMITS, ...limits });
  binders.push(binder);
  await binder.onModuleInit();
  return binder;
}
afterEach(() => {
  for (const binder of binders.splice(0)) binder.onApplicationShutdown();
});

const MAX_CHARS = 51_200;
const typical = {
  card: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Hello ${name}' }, { type: 'FactSet', facts: [{ $data: '${facts}', title: '${title}', value: '${value}' }] }] },
  data: { name: 'Megan', facts: [{ title: 'Course', value: 'Safety 101' }, { title: 'Starts', value: 'Monday' }] },
};
const slow = { card: { type: 'AdaptiveCard', body: [{ type: 'Container', $data: '${items}', items: [{ type: 'Container', $data: '${$root.items}', items: [{ type: 'TextBlock', $data: '${$root.items}', text: '${$data}' }] }] }] }, data: { items: Array.from({ length: 200 }, (_, i) => i) } };
const greedy = { card: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: '${range(0, 100000000)}' }] }, data: {} };
const bind = (binder: CardBinder, job: { card: unknown; data: unknown }) => binder.bind(job.card, job.data, { maxChars: MAX_CHARS });

/** Processes this test process started and that are still running (zombies not counted). */
function children(): number[] {
  return readdirSync(`/proc/${process.pid}/task`)
    .flatMap((task) => readFileSync(`/proc/${process.pid}/task/${task}/children`, 'utf8').trim().split(/\s+/))
    .filter(Boolean)
    .map(Number)
    .filter((pid) => {
      try {
        return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
      } catch {
        return false;
      }
    });
}

describe('CardBinder', () => {
  it('binds an ordinary card in about a millisecond (p50 of 200)', async () => {
    const binder = await started();
    const times: number[] = [];
    for (let i = 0; i < 220; i++) {
      const start = performance.now();
      const binding = await bind(binder, typical);
      if (i >= 20) times.push(performance.now() - start);
      expect(binding).toEqual({ kind: 'bound', card: expect.objectContaining({ body: [{ type: 'TextBlock', text: 'Hello Megan' }, { type: 'FactSet', facts: [{ title: 'Course', value: 'Safety 101' }, { title: 'Starts', value: 'Monday' }] }] }) });
    }
    times.sort((a, b) => a - b);
    console.info(`binding a typical card through a binder: p50 ${times[100]!.toFixed(2)} ms, p99 ${times[198]!.toFixed(2)} ms`);
    expect(times[100]).toBeLessThan(10);
  });

  it('stops a card at its deadline while the other binder goes on binding, then replaces the stopped binder', async () => {
    const binder = await started({ deadlineMs: 500 });
    const start = performance.now();
    const stopped = bind(binder, slow);
    const meanwhile = performance.now();
    expect((await bind(binder, typical)).kind).toBe('bound');
    expect(performance.now() - meanwhile).toBeLessThan(200);
    expect(await stopped).toMatchObject({ kind: 'too-costly', reason: expect.stringContaining('500 ms') });
    expect(performance.now() - start).toBeLessThan(1_500);
    // Both binders again (the new one once started): two cards at once bind.
    await eventually(async () => ((await Promise.all([bind(binder, typical), bind(binder, typical)])).every((b) => b.kind === 'bound') ? true : undefined), 10_000, 'both binders bind');
  });

  it('a card that exhausts its binder’s heap ends that binder alone: this process stays small', async () => {
    const binder = await started({ deadlineMs: 10_000 });
    const peak = process.resourceUsage().maxRSS;
    expect(await bind(binder, greedy)).toMatchObject({ kind: 'too-costly', reason: expect.stringMatching(/heap exhausted/) });
    expect((process.resourceUsage().maxRSS - peak) / 1024, 'growth of this process’s peak RSS (MB)').toBeLessThan(50);
    expect((await bind(binder, typical)).kind).toBe('bound');
  });

  it('answers 503 with Retry-After once every binder is busy and the queue is full, or a card waited too long', async () => {
    const binder = await started({ binders: 1, queue: 1, queueWaitMs: 300, deadlineMs: 2_000 });
    const stopped = bind(binder, slow);
    const waiting = bind(binder, typical);
    const overflow = await bind(binder, typical).catch((error: unknown) => error);
    expect(overflow).toBeInstanceOf(Problem);
    expect((overflow as Problem).getStatus()).toBe(503);
    expect((overflow as Problem).headers).toEqual({ 'retry-after': '1' });
    expect(((await waiting.catch((error: unknown) => error)) as Problem).getStatus()).toBe(503);
    expect((await stopped).kind).toBe('too-costly');
    await eventually(async () => ((await bind(binder, typical).catch(() => undefined))?.kind === 'bound' ? true : undefined), 10_000, 'binding again');
  });

  it('answers 503 (not 400) for a card still being bound when the app closes', async () => {
    const binder = await started();
    const binding = bind(binder, slow).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    binder.onApplicationShutdown();
    expect(((await binding) as Problem).getStatus()).toBe(503);
  });

  it('replaces a binder killed from outside, and stops every binder when the app closes', async () => {
    const before = children();
    const binder = await started();
    const mine = children().filter((pid) => !before.includes(pid));
    expect(mine).toHaveLength(2);
    process.kill(mine[0]!, 'SIGKILL');
    await eventually(async () => (children().filter((pid) => !before.includes(pid)).length === 2 && !children().includes(mine[0]!) ? true : undefined), 10_000, 'a new binder');
    expect((await Promise.all([bind(binder, typical), bind(binder, typical)])).map((b) => b.kind)).toEqual(['bound', 'bound']);

    binder.onApplicationShutdown();
    await eventually(async () => (children().every((pid) => before.includes(pid)) ? true : undefined), 5_000, 'no binder left');
    expect(await bind(binder, typical).catch((error: unknown) => (error as Problem).getStatus())).toBe(503);
  });
});
