import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busNames } from '@herald/contracts';
import { EventStore } from '@herald/event-sourcing';
import { connectToNats, heraldStreams, MessageBus, provisionTopology, type NatsConnection } from '@herald/messaging';
import { createLogger } from '@herald/telemetry';
import { deleteStreams, NATS_URL, uniquePrefix } from '@herald/testing';
import { SigninCodes } from './signin-codes.js';

const prefix = uniquePrefix('codes');
let connection: NatsConnection;
let codes: SigninCodes;
const account = { aadObjectId: 'aad-megan', tenantId: 'tenant-1', upn: 'megan@contoso.example', displayName: 'Megan Bowen' };
const now = new Date();

beforeAll(async () => {
  connection = await connectToNats({ url: NATS_URL, name: 'signin-codes', logger: createLogger({ service: 'test', level: 'silent' }) });
  const names = busNames(prefix);
  await provisionTopology(connection, { streams: heraldStreams(names).filter((stream) => stream.name.endsWith('TOKEN_EXCHANGES')), consumers: [] });
  const bus = new MessageBus(connection, names);
  codes = new SigninCodes(bus, new EventStore(bus, { stream: names.stream('tokenExchanges').name }), 20 * 60_000);
});

afterAll(async () => {
  await connection?.close();
  await deleteStreams(prefix);
});

const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('sign-in codes (real JetStream)', () => {
  it('a code links once, for the person who started, within its lifetime', async () => {
    const code = await codes.issue({ teamsUserId: '29:a', conversationId: 'a:1' }, account, now);
    expect(code).toMatch(/^\d{6}$/);
    expect(await codes.redeem('29:someone-else', code, now)).toMatchObject({ ok: false, reason: expect.stringMatching(/not a sign-in code/) });
    expect(await codes.redeem('29:a', code, new Date(now.getTime() + 21 * 60_000))).toMatchObject({ ok: false, reason: expect.stringMatching(/expired/) });
    expect(await codes.redeem('29:a', code, now)).toMatchObject({ ok: true, account });
    expect(await codes.redeem('29:a', code, now)).toMatchObject({ ok: false, reason: expect.stringMatching(/already been used/) });
  });

  it('five tries per person per ten minutes, however many are made at once: the right code then waits too', async () => {
    const code = await codes.issue({ teamsUserId: '29:b', conversationId: 'a:2' }, account, now);
    const guesses = await Promise.all(Array.from({ length: 8 }, () => codes.redeem('29:b', wrong(code), now)));
    expect(guesses.filter((guess) => !guess.ok && /Too many/.test(guess.reason))).toHaveLength(3);
    expect(await codes.redeem('29:b', code, now)).toMatchObject({ ok: false, reason: expect.stringMatching(/Too many/) });
    expect(await codes.redeem('29:b', code, new Date(now.getTime() + 10 * 60_000))).toMatchObject({ ok: true });
  });
});
