import { metadataFor, personalChatAnswerSchema, SUBJECTS, type PersonalChatAnswer, type PersonalChatRequest } from '@herald/contracts';
import { subjectToken } from '@herald/event-sourcing';
import { connectToNats, MessageBus } from '@herald/messaging';
import { createLogger } from '@herald/telemetry';
import { NATS_URL } from '@herald/testing';
import type { GraphSyncStack } from './graph-sync-stack.js';
import { installFigures } from './install-figures.js';

const TENANT = '7e3f5a2c-9b1d-4c8e-a6f0-2d4b8c1e3f5a';
const USERS = 1_200;
/** Notifier replicas, each asking for at most its deliver consumer's concurrency (32) at a time. */
const WORKERS = 2;
const IN_FLIGHT_PER_WORKER = 32;
/** The governor's ceiling (GRAPH_INSTALLS_PER_TENANT_PER_SECOND's default). */
const CEILING_PER_SECOND = 30;
const REQUEST_TIMEOUT_MS = 30_000;

interface Tally { ready: number; installed: number; waits: number; failed: Map<string, number>; errors: number }

/**
 * (b) Proactive installs: 1,200 users of one tenant, none with the app, asked for
 * (`graph.request.personal-chat`) from two workers — each its own NATS connection with at most
 * 32 requests in flight, as two notifier replicas' deliver consumers would — every `wait`
 * honoured by asking again after `retryInMs`. The
 * sim's install log says how fast installs went through, against the governor's 30/s.
 */
export async function proactiveInstalls(stack: GraphSyncStack): Promise<void> {
  const users = stack.sim.seedDirectory({ tenantId: TENANT, users: USERS }).map((user) => user.id);
  await knownTenant(stack);
  const logger = createLogger({ service: 'bench', level: 'silent' });
  const connections = await Promise.all(Array.from({ length: WORKERS }, (_, i) => connectToNats({ url: NATS_URL, name: `bench-installs-${i}`, logger })));
  const workers = connections.map((connection) => new MessageBus(connection, stack.bus.names));
  const tally: Tally = { ready: 0, installed: 0, waits: 0, failed: new Map(), errors: 0 };
  const throttledBefore = stack.sim.graphThrottled;
  const started = performance.now();
  try {
    const queue = [...users];
    const lane = async (worker: MessageBus) => {
      for (let userId = queue.shift(); userId; userId = queue.shift()) await chatWith(worker, { tenantId: TENANT, userId }, tally);
    };
    await Promise.all(workers.flatMap((worker) => Array.from({ length: IN_FLIGHT_PER_WORKER }, () => lane(worker))));
  } catch (error) {
    process.stdout.write(`proactive installs: not measured: ${(error as Error).message}\n`);
    return;
  } finally {
    await Promise.all(connections.map((connection) => connection.close()));
  }
  const seconds = (performance.now() - started) / 1_000;
  const failed = [...tally.failed].map(([code, n]) => `${code} ${n}`).join(', ') || 'none';
  process.stdout.write(`proactive installs: ${USERS} users from ${WORKERS} workers × ${IN_FLIGHT_PER_WORKER} in flight in ${seconds.toFixed(1)} s: ${tally.ready} ready (${tally.installed} installed by the request), failed: ${failed}; ${tally.waits} wait answers, ${tally.errors} requests unanswered; Graph answered 429 ${stack.sim.graphThrottled - throttledBefore} times\n`);
  const figures = installFigures(stack.sim.installs.filter((install) => install.tenantId === TENANT && install.status === 201).map((install) => install.at));
  const share = (100 * figures.perSecond) / CEILING_PER_SECOND;
  process.stdout.write(`  installs (sim's log): ${figures.count} in ${(figures.spanMs / 1_000).toFixed(1)} s = ${figures.perSecond.toFixed(1)}/s = ${share.toFixed(1)} % of the governor's ${CEILING_PER_SECOND}/s (target ≥ 95 %: ${share >= 95 ? 'MET' : 'MISSED'})\n`);
  const [lowest, median] = [figures.seconds[0] ?? 0, figures.seconds[Math.floor(figures.seconds.length / 2)] ?? 0];
  process.stdout.write(`  installs per whole second from the first: lowest ${lowest}, median ${median}, highest ${figures.seconds.at(-1) ?? 0}\n`);
  process.stdout.write(`  most installs in any 1-second window: ${figures.maxInWindow} (must be ≤ ${CEILING_PER_SECOND}: ${figures.maxInWindow <= CEILING_PER_SECOND ? 'MET' : 'MISSED'})\n`);
}

/** Asks for one user's personal chat until graph-sync answers for good; `wait` answers are honoured. */
async function chatWith(worker: MessageBus, chat: PersonalChatRequest, tally: Tally): Promise<void> {
  for (let attempt = 0; attempt < 1_000; attempt++) {
    const answer = await ask(worker, chat).catch((error: unknown) => error as Error);
    if (answer instanceof Error) {
      if (/no responders/i.test(answer.message)) throw new Error('graph-sync does not serve graph.request.personal-chat (no responders)');
      tally.errors++;
      continue;
    }
    if (answer.status === 'wait') {
      tally.waits++;
      await new Promise((resolve) => setTimeout(resolve, answer.retryInMs));
      continue;
    }
    if (answer.status === 'ready') {
      tally.ready++;
      if (answer.installed) tally.installed++;
    } else {
      tally.failed.set(answer.code, (tally.failed.get(answer.code) ?? 0) + 1);
    }
    return;
  }
  throw new Error(`no final answer for ${chat.userId} after 1,000 attempts`);
}

async function ask(worker: MessageBus, chat: PersonalChatRequest): Promise<PersonalChatAnswer> {
  const request = { type: 'PersonalChatRequested', data: chat, metadata: metadataFor({ occurredAt: new Date() }) };
  return personalChatAnswerSchema.parse(await worker.request(SUBJECTS.personalChatRequest, request, REQUEST_TIMEOUT_MS));
}

/** Herald is already in the tenant (one installed chat, on the sim's serviceUrl), as it is where proactive installs happen. */
async function knownTenant(stack: GraphSyncStack): Promise<void> {
  const conversationId = 'a:1bench-first-install';
  await stack.bus.publish(SUBJECTS.conversation(subjectToken(conversationId)), {
    type: 'ConversationInstalled',
    data: { conversationId, kind: 'personal', tenantId: TENANT, serviceUrl: stack.sim.serviceUrl, via: 'installationUpdate' },
    metadata: metadataFor({ occurredAt: new Date() }),
  });
  // graph-sync's projections pick it up in well under a second.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
}

