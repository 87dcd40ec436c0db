import 'reflect-metadata';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, Payload } from '@nestjs/microservices';
import type { INestMicroservice } from '@nestjs/common';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busNames, metadataFor } from '@herald/contracts';
import { createLogger } from '@herald/telemetry';
import { deleteStreams, eventually, NATS_URL, uniquePrefix } from '@herald/testing';
import { connectToNats, type NatsConnection } from './connect.js';
import { JetStreamContext } from './jetstream-context.js';
import { JetStreamEventPattern } from './jetstream-event-pattern.js';
import { JetStreamServer } from './jetstream.server.js';
import { MessageBus } from './message-bus.js';
import { PoisonMessageError, RetryLaterError } from './retry-policy.js';
import { RethrowRpcErrors } from './rethrow-rpc-errors.filter.js';
import { heraldStreams } from './streams.js';
import { consumerDefinition, provisionTopology } from './topology.js';

const prefix = uniquePrefix('msg');
const names = busNames(prefix);
const logger = createLogger({ service: 'test', level: 'silent' });
const seen: { subject: string; body: string; deliveries: number; at: number }[] = [];

// Subjects of the test's own, inside the outbound stream (`notifier.command.>`).
const OK = 'notifier.command.ok';
const FLAKY = 'notifier.command.flaky';
const BROKEN = 'notifier.command.broken';
const OUTAGE = 'notifier.command.outage';
const SLOW = 'notifier.command.slow';
const LATER = 'notifier.command.later';
/** Bodies whose handler fails with a connection error until it has seen them this many times. */
const outageUntil = new Map<string, number>();

@Controller()
class Handlers {
  @JetStreamEventPattern(OK, { durable: 'test-ok' })
  ok(@Payload() payload: { data: string }, @Ctx() context: JetStreamContext) {
    seen.push({ subject: context.subject, body: payload.data, deliveries: context.deliveryCount, at: Date.now() });
  }

  @JetStreamEventPattern(FLAKY, { durable: 'test-flaky' })
  flaky(@Payload() payload: { data: string }, @Ctx() context: JetStreamContext) {
    seen.push({ subject: context.subject, body: payload.data, deliveries: context.deliveryCount, at: Date.now() });
    throw new Error('always fails');
  }

  @JetStreamEventPattern(OK, { durable: 'test-ok-audit' })
  audit(@Payload() payload: { data: string }, @Ctx() context: JetStreamContext) {
    seen.push({ subject: `audit:${context.subject}`, body: payload.data, deliveries: context.deliveryCount, at: Date.now() });
  }

  @JetStreamEventPattern(OUTAGE, { durable: 'test-outage' })
  outage(@Payload() payload: { data: string }, @Ctx() context: JetStreamContext) {
    seen.push({ subject: OUTAGE, body: payload.data, deliveries: context.deliveryCount, at: Date.now() });
    if (context.deliveryCount < (outageUntil.get(payload.data) ?? 0)) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
  }

  @JetStreamEventPattern(LATER, { durable: 'test-later' })
  later(@Payload() payload: { data: string }, @Ctx() context: JetStreamContext) {
    seen.push({ subject: LATER, body: payload.data, deliveries: context.deliveryCount, at: Date.now() });
    if (context.deliveryCount < 15) throw new RetryLaterError('no slot yet', 20);
  }

  @JetStreamEventPattern(SLOW, { durable: 'test-slow' })
  async slow(@Payload() payload: { data: string }, @Ctx() context: JetStreamContext) {
    seen.push({ subject: SLOW, body: payload.data, deliveries: context.deliveryCount, at: Date.now() });
    await new Promise((resolve) => setTimeout(resolve, 3_500));
  }

  @JetStreamEventPattern(BROKEN, { durable: 'test-broken' })
  broken(@Payload() payload: { data: string }) {
    seen.push({ subject: BROKEN, body: payload.data, deliveries: 0, at: Date.now() });
    throw new PoisonMessageError('cannot ever be handled');
  }
}

@Module({ controllers: [Handlers] })
class TestModule {}

const stream = names.stream('outbound').name;
const consumers = [
  consumerDefinition({ stream, durable: 'test-ok', filterSubject: names.subject(OK) }),
  consumerDefinition({ stream, durable: 'test-ok-audit', filterSubject: names.subject(OK) }),
  consumerDefinition({ stream, durable: 'test-flaky', filterSubject: names.subject(FLAKY), retry: { firstDelayMs: 500, giveUpAfterMs: 1_000 } }),
  consumerDefinition({ stream, durable: 'test-outage', filterSubject: names.subject(OUTAGE), retry: { firstDelayMs: 20, maxDelayMs: 100, giveUpAfterMs: 60_000 } }),
  consumerDefinition({ stream, durable: 'test-slow', filterSubject: names.subject(SLOW), ackWaitMs: 1_000 }),
  consumerDefinition({ stream, durable: 'test-later', filterSubject: names.subject(LATER), retry: { firstDelayMs: 20, giveUpAfterMs: 100 } }),
  consumerDefinition({ stream, durable: 'test-broken', filterSubject: names.subject(BROKEN) }),
];

let connection: NatsConnection;
let bus: MessageBus;
let app: INestMicroservice;

const message = (data: string) => ({ type: 'TestHappened', data, metadata: metadataFor({ occurredAt: new Date() }) });

beforeAll(async () => {
  connection = await connectToNats({ url: NATS_URL, name: 'test', logger });
  await provisionTopology(connection, { streams: heraldStreams(names), consumers });
  bus = new MessageBus(connection, names);
  app = await NestFactory.createMicroservice(TestModule, {
    strategy: new JetStreamServer({ connection, names, consumers, queue: 'test', logger }),
    logger: false,
  });
  app.useGlobalFilters(new RethrowRpcErrors());
  await app.listen();
});

afterAll(async () => {
  await app?.close();
  await connection?.close();
  await deleteStreams(prefix);
});

describe('JetStream topology', () => {
  it('provisions streams and consumers idempotently, with a duplicate window of at least 2 minutes', async () => {
    await provisionTopology(connection, { streams: heraldStreams(names), consumers });
    const jsm = await jetstreamManager(connection);
    const inbound = await jsm.streams.info(names.stream('inbound').name);
    expect(inbound.config.duplicate_window).toBeGreaterThanOrEqual(120 * 1e9);
    const consumer = await jsm.consumers.info(stream, 'test-flaky');
    expect(consumer.config.max_deliver, 'the consumer, not the server, decides when to give up').toBe(-1);
    expect(consumer.config.ack_policy).toBe('explicit');
  });
});

describe('stream settings an operator changed', () => {
  it('survive a restart of Herald: a longer retention and de-duplication window are not lowered again', async () => {
    const jsm = await jetstreamManager(connection);
    const inbound = names.stream('inbound').name;
    const thirtyDays = 30 * 86_400e9;
    await jsm.streams.update(inbound, { max_age: thirtyDays, duplicate_window: 3_600e9 });
    await provisionTopology(connection, { streams: heraldStreams(names), consumers });
    const { config } = await jsm.streams.info(inbound);
    expect(config.max_age).toBe(thirtyDays);
    expect(config.duplicate_window).toBe(3_600e9);
    expect(config.num_replicas).toBe(1);
  });
});

describe('MessageBus.publish', () => {
  it('stores a message once when it is published twice with the same id', async () => {
    const twice = message('dedup');
    const first = await bus.publish('notifier.command.dedup', twice);
    const second = await bus.publish('notifier.command.dedup', twice);
    expect(first.duplicate).toBe(false);
    expect(second.duplicate).toBe(true);
    expect(second.seq).toBe(first.seq);
  });
});

describe('JetStreamServer', () => {
  it('feeds each message to its @EventPattern handler and acks it', async () => {
    await bus.publish(OK, message('hello'));
    const handled = await eventually(() => seen.find((s) => s.body === 'hello' && !s.subject.startsWith('audit:')), 5_000, 'the handler');
    expect(handled).toMatchObject({ subject: names.subject(OK), deliveries: 1 });
    const info = await (await jetstreamManager(connection)).consumers.info(stream, 'test-ok');
    await eventually(async () => ((await (await jetstreamManager(connection)).consumers.info(stream, 'test-ok')).num_ack_pending === 0 ? true : undefined));
    expect(info.delivered.consumer_seq).toBeGreaterThanOrEqual(1);
  });

  it('gives each handler of one subject its own durable consumer, each called once per message', async () => {
    await bus.publish(OK, message('twice'));
    await eventually(() => (seen.filter((s) => s.body === 'twice').length >= 2 ? true : undefined), 5_000, 'both handlers');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const calls = seen.filter((s) => s.body === 'twice').map((s) => s.subject);
    expect(calls.sort()).toEqual([`audit:${names.subject(OK)}`, names.subject(OK)]);
    const jsm = await jetstreamManager(connection);
    for (const durable of ['test-ok', 'test-ok-audit']) expect((await jsm.consumers.info(stream, durable)).num_ack_pending).toBe(0);
  });

  it('retries a failing handler with a growing delay until its retry budget is spent, then dead-letters the message', async () => {
    await bus.publish(FLAKY, message('flaky'));
    const deadLetters = await jetstream(connection).consumers.get(names.stream('deadLetter').name);
    const copy = await deadLetters.next({ expires: 10_000 });
    expect(copy).not.toBeNull();
    expect(copy!.subject).toBe(names.deadLetterSubject('test-flaky'));
    expect(copy!.headers?.get('Herald-Dead-Letter-Deliveries')).toBe('3');
    expect(copy!.headers?.get('Herald-Dead-Letter-Error')).toBe('always fails');
    expect(copy!.json<{ data: string }>().data).toBe('flaky');
    const attempts = seen.filter((s) => s.body === 'flaky');
    expect(attempts.map((a) => a.deliveries)).toEqual([1, 2, 3]);
    const [first, second, third] = attempts.map((a) => a.at);
    expect(second! - first!).toBeGreaterThanOrEqual(450);
    expect(third! - second!).toBeGreaterThan(second! - first!);
  });

  it('dead-letters a poison message at once, without retrying', async () => {
    await bus.publish(BROKEN, message('poison'));
    const jsm = await jetstreamManager(connection);
    const copy = await eventually(
      () =>
        jsm.streams
          .getMessage(names.stream('deadLetter').name, { last_by_subj: names.deadLetterSubject('test-broken') })
          .then((stored) => stored ?? undefined)
          .catch(() => undefined),
      5_000,
      'the dead letter',
    );
    expect(copy.header.get('Herald-Dead-Letter-Deliveries')).toBe('1');
    expect(copy.header.get('Herald-Dead-Letter-Error')).toBe('cannot ever be handled');
    expect(seen.filter((s) => s.body === 'poison')).toHaveLength(1);
  });

  it('keeps retrying a transient failure (a connection refused) far past five deliveries, and dead-letters nothing', async () => {
    outageUntil.set('outage', 12);
    await bus.publish(OUTAGE, message('outage'));
    await eventually(() => seen.find((s) => s.body === 'outage' && s.deliveries === 12), 15_000, 'the twelfth delivery');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen.filter((s) => s.body === 'outage')).toHaveLength(12);
    const jsm = await jetstreamManager(connection);
    expect(await jsm.streams.getMessage(names.stream('deadLetter').name, { last_by_subj: names.deadLetterSubject('test-outage') }).catch(() => null)).toBeNull();
    expect((await jsm.consumers.info(stream, 'test-outage')).num_ack_pending).toBe(0);
  });

  it('a message whose dead-letter copy cannot be stored is not lost: it comes back and is dead-lettered once that works', async () => {
    const jsm = await jetstreamManager(connection);
    const deadLetters = names.stream('deadLetter').name;
    await jsm.streams.delete(deadLetters);
    await bus.publish(BROKEN, message('nowhere to go'));
    await eventually(() => seen.filter((s) => s.body === 'nowhere to go').length >= 2 || undefined, 10_000, 'a second delivery');
    await provisionTopology(connection, { streams: heraldStreams(names), consumers: [] });
    const copy = await eventually(
      () => jsm.streams.getMessage(deadLetters, { last_by_subj: names.deadLetterSubject('test-broken') }).then((stored) => stored ?? undefined).catch(() => undefined),
      10_000,
      'the dead letter',
    );
    expect(copy.json<{ data: string }>().data).toBe('nowhere to go');
  });

  it('tells the server a slow handler is still working: no redelivery while it runs past AckWait', async () => {
    await bus.publish(SLOW, message('slow'));
    await eventually(() => seen.find((s) => s.body === 'slow'), 5_000, 'the slow handler');
    // Without the heartbeat the server redelivers after 1 s, and the copy runs once the first is done (3.5 s).
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    expect(seen.filter((s) => s.body === 'slow').map((s) => s.deliveries)).toEqual([1]);
  });

  it("never gives up on a handler's own 'later' (a Retry-After, no free slot): waiting is not failing", async () => {
    await bus.publish(LATER, message('later'));
    await eventually(() => seen.find((s) => s.body === 'later' && s.deliveries === 15), 10_000, 'the fifteenth delivery');
    const jsm = await jetstreamManager(connection);
    expect(await jsm.streams.getMessage(names.stream('deadLetter').name, { last_by_subj: names.deadLetterSubject('test-later') }).catch(() => null)).toBeNull();
  });
});
