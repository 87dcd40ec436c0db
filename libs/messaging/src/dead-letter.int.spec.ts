import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busNames } from '@herald/contracts';
import { createLogger } from '@herald/telemetry';
import { deleteStreams, NATS_URL, uniquePrefix } from '@herald/testing';
import { connectToNats, type NatsConnection } from './connect.js';
import { deadLetter } from './dead-letter.js';
import { heraldStreams } from './streams.js';
import { provisionTopology } from './topology.js';

const prefix = uniquePrefix('dl');
const names = busNames(prefix);
let nats: NatsConnection;

beforeAll(async () => {
  nats = await connectToNats({ url: NATS_URL, name: 'dead-letter-test', logger: createLogger({ service: 'test', level: 'silent' }) });
  await provisionTopology(nats, { streams: heraldStreams(names), consumers: [] });
});

afterAll(async () => {
  await nats?.close();
  await deleteStreams(prefix);
});

describe('deadLetter', () => {
  // Found by the fuzz (tests/e2e/src/fuzz.e2e.spec.ts): an aggregate's events are appended with
  // `expect.lastSubjectSequence`, and JetStream keeps that header with the message. Copied to the
  // dead-letter subject, it made every dead-letter publish of a second or later event fail, so a
  // poison conversation event was redelivered for ever and its consumer never caught up.
  it('stores the copy of an event appended with optimistic concurrency (its Nats-Expected-* headers left out)', async () => {
    const subject = names.subject('router.conversation.dl-test');
    const js = jetstream(nats);
    await js.publish(subject, '{"type":"First"}', { expect: { lastSubjectSequence: 0 }, msgID: 'dl-1' });
    const second = await js.publish(subject, '{"type":"Second"}', { expect: { lastSubjectSequence: 1 }, msgID: 'dl-2' });
    const stream = names.stream('conversations').name;
    const message = await (await js.consumers.get(stream, { opt_start_seq: second.seq })).next({ expires: 2_000 });

    await deadLetter(nats, names, { stream, durable: 'router-welcome' }, message!, new Error('cannot be handled'));

    const copy = await (await jetstreamManager(nats)).streams.getMessage(names.stream('deadLetter').name, { last_by_subj: names.deadLetterSubject('router-welcome') });
    expect(copy?.string()).toBe('{"type":"Second"}');
    expect(copy?.header.get('Herald-Dead-Letter-Sequence')).toBe(String(second.seq));
  });
});
