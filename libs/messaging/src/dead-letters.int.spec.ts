import 'reflect-metadata';
import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, Payload } from '@nestjs/microservices';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busNames, metadataFor } from '@herald/contracts';
import { createLogger } from '@herald/telemetry';
import { deleteStreams, eventually, NATS_URL, uniquePrefix } from '@herald/testing';
import { connectToNats, type NatsConnection } from './connect.js';
import { listDeadLetters, replayDeadLetters } from './dead-letters.js';
import { JetStreamContext } from './jetstream-context.js';
import { JetStreamEventPattern } from './jetstream-event-pattern.js';
import { JetStreamServer } from './jetstream.server.js';
import { MessageBus } from './message-bus.js';
import { PoisonMessageError } from './retry-policy.js';
import { RethrowRpcErrors } from './rethrow-rpc-errors.filter.js';
import { heraldStreams } from './streams.js';
import { consumerDefinition, provisionTopology } from './topology.js';

const prefix = uniquePrefix('dl');
const names = busNames(prefix);
const logger = createLogger({ service: 'test', level: 'silent' });
const SUBJECT = 'notifier.command.picky';
const handled: { body: string; replayed: boolean }[] = [];
let refusing = true;

@Controller()
class Picky {
  @JetStreamEventPattern(SUBJECT, { durable: 'test-picky' })
  handle(@Payload() payload: { data: string }, @Ctx() context: JetStreamContext) {
    if (refusing) throw new PoisonMessageError(`refused ${payload.data}`);
    handled.push({ body: payload.data, replayed: context.subject.includes('.replay.') });
  }
}

@Module({ controllers: [Picky] })
class PickyModule {}

let connection: NatsConnection;
let bus: MessageBus;
let app: INestMicroservice;
const consumers = [consumerDefinition({ stream: names.stream('outbound').name, durable: 'test-picky', filterSubject: names.subject(SUBJECT) })];

beforeAll(async () => {
  connection = await connectToNats({ url: NATS_URL, name: 'dead-letters', logger });
  await provisionTopology(connection, { streams: heraldStreams(names), consumers });
  bus = new MessageBus(connection, names);
  app = await NestFactory.createMicroservice(PickyModule, { strategy: new JetStreamServer({ connection, names, consumers, queue: 'test', logger }), logger: false });
  app.useGlobalFilters(new RethrowRpcErrors());
  await app.listen();
});

afterAll(async () => {
  await app?.close();
  await connection?.close();
  await deleteStreams(prefix);
});

describe('dead letters', () => {
  it('are listed with where they came from and why, and replayed to their consumer once its cause is fixed', async () => {
    for (const body of ['first', 'second']) await bus.publish(SUBJECT, { type: 'Picked', data: body, metadata: metadataFor({ occurredAt: new Date() }) });
    const letters = await eventually(async () => {
      const found = await listDeadLetters(connection, names, 'test-picky');
      return found.length === 2 ? found : undefined;
    }, 10_000, 'two dead letters');
    expect(letters.map((letter) => [letter.consumer, letter.subject, letter.deliveries, letter.error])).toEqual([
      ['test-picky', names.subject(SUBJECT), 1, 'refused first'],
      ['test-picky', names.subject(SUBJECT), 1, 'refused second'],
    ]);
    expect(letters[0]!.stream).toBe(names.stream('outbound').name);

    // Replayed before the cause is fixed: they fail again, and are dead letters of the same consumer again.
    expect(await replayDeadLetters(connection, names, 'test-picky')).toBe(2);
    await eventually(async () => ((await listDeadLetters(connection, names, 'test-picky')).length === 2 ? true : undefined), 10_000, 'dead-lettered again');
    expect(handled).toEqual([]);

    refusing = false;
    expect(await replayDeadLetters(connection, names, 'test-picky')).toBe(2);
    await eventually(() => (handled.length === 2 ? true : undefined), 10_000, 'both replayed');
    expect(handled).toEqual([{ body: 'first', replayed: true }, { body: 'second', replayed: true }]);
    expect(await listDeadLetters(connection, names)).toEqual([]);
    expect(await replayDeadLetters(connection, names, 'test-picky'), 'nothing left to replay').toBe(0);
  });

  it('refuses to replay to a consumer that has no replay reader (a projection), replaying nothing', async () => {
    await expect(replayDeadLetters(connection, names, 'conversation-refs')).rejects.toThrow(/projections:rebuild/);
  });
});
