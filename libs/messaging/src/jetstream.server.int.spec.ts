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
import { PoisonMessageError } from './retry-policy.js';
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
  consumerDefinition({ stream, durable: 'test-flaky', filterSubject: names.subject(FLAKY), maxDeliver: 3 }),
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
    expect(consumer.config.max_deliver).toBe(3);
    expect(consumer.config.ack_policy).toBe('explicit');
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

  it('retries a failing handler with a growing delay, then dead-letters the message', async () => {
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
});
