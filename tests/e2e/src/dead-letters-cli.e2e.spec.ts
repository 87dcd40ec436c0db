import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busNames } from '@herald/contracts';
import { connectToNats, consumerDefinition, heraldStreams, provisionTopology, replayConsumerOf, type NatsConnection } from '@herald/messaging';
import { createLogger } from '@herald/telemetry';
import { deleteStreams, NATS_URL, uniquePrefix } from '@herald/testing';

/** `npm run dead-letters -- list | replay <durable>` (scripts/dead-letters.mjs, on the built libs). */
const SCRIPT = fileURLToPath(new URL('../../../scripts/dead-letters.mjs', import.meta.url));
const prefix = uniquePrefix('dlcli');
const names = busNames(prefix);
let connection: NatsConnection;

const cli = (...args: string[]) => spawnSync(process.execPath, [SCRIPT, ...args], { env: { ...process.env, NATS_URL, HERALD_BUS_PREFIX: prefix }, encoding: 'utf8', timeout: 20_000 });

async function deadLetter(consumer: string, error: string): Promise<void> {
  const headers = natsHeaders();
  headers.set('Herald-Dead-Letter-Stream', names.stream('inbound').name);
  headers.set('Herald-Dead-Letter-Subject', names.subject(`gateway.activity.received`));
  headers.set('Herald-Dead-Letter-Sequence', '42');
  headers.set('Herald-Dead-Letter-Deliveries', '7');
  headers.set('Herald-Dead-Letter-Error', error);
  await jetstream(connection).publish(names.deadLetterSubject(consumer), JSON.stringify({ type: 'ActivityReceived' }), { headers });
}

beforeAll(async () => {
  connection = await connectToNats({ url: NATS_URL, name: 'dead-letters-cli', logger: createLogger({ service: 'test', level: 'silent' }) });
  await provisionTopology(connection, { streams: heraldStreams(names), consumers: [] });
});

afterAll(async () => {
  await connection?.close();
  await deleteStreams(prefix);
});

describe('npm run dead-letters', () => {
  it('lists every dead letter with its consumer, origin and error, and counts them per consumer', async () => {
    await deadLetter('router-dispatch', 'retries exhausted: connect ECONNREFUSED');
    await deadLetter('router-dispatch', 'invalid activity');
    const listed = cli('list');
    expect(listed.status, listed.stderr).toBe(0);
    expect(listed.stdout).toContain(`router-dispatch  ${names.stream('inbound').name}#42 ${names.subject('gateway.activity.received')}  after 7 deliveries: invalid activity`);
    expect(listed.stdout).toContain('router-dispatch: 2 dead letter(s)');
  });

  it('replays a consumer\'s dead letters to its replay reader and removes them; refuses when nothing would read them', async () => {
    const refused = cli('replay', 'router-dispatch');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('router-dispatch-replay');

    const definition = consumerDefinition({ stream: names.stream('inbound').name, durable: 'router-dispatch', filterSubject: names.subject('gateway.activity.received') });
    await provisionTopology(connection, { streams: [], consumers: [replayConsumerOf(definition, names)] });
    const replayed = cli('replay', 'router-dispatch');
    expect(replayed.status, replayed.stderr).toBe(0);
    expect(replayed.stdout).toContain('router-dispatch: 2 dead letter(s) replayed');
    expect(cli('list').stdout).toContain('no dead letters');
    const jsm = await jetstreamManager(connection);
    expect((await jsm.consumers.info(names.stream('replay').name, 'router-dispatch-replay')).num_pending).toBe(2);
  });

  it('answers a wrong command with its usage', () => {
    const wrong = cli('replay');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('usage: npm run dead-letters -- list [<consumer>] | replay <consumer>');
  });
});
