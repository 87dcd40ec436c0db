import request from 'supertest';
import { jetstreamManager } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busNames, SUBJECTS } from '@herald/contracts';
import { connectToNats, type NatsConnection } from '@herald/messaging';
import { createLogger } from '@herald/telemetry';
import { eventually, fixture, NATS_URL } from '@herald/testing';
import { personalMessage, startHerald, type Herald } from './herald-harness.js';

let herald: Herald;
let nats: NatsConnection;
const base = fixture<{ conversation: { id: string }; from: { id: string; aadObjectId?: string } }>('message-personal.json');
const conversation = { ...base.conversation, id: 'a:card-actions' };

async function post(activity: Record<string, unknown>) {
  const token = await herald.sim.mintChannelToken({ serviceUrl: String(activity['serviceUrl']) });
  return request(herald.gatewayUrl).post('/api/messages').set('Authorization', `Bearer ${token}`).send(activity);
}

/** Action.Execute of `verb` with `data` on the card `cardId`, as Teams posts it; returns the invoke's answer. */
async function execute(verb: string, data: Record<string, unknown>, cardId = 'card-1') {
  const invoke = { ...personalMessage(herald.sim, '', base), conversation, type: 'invoke', name: 'adaptiveCard/action', replyToId: cardId, value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } };
  delete (invoke as { text?: string }).text;
  const answer = await post(invoke);
  expect(answer.status).toBe(200);
  return answer.body as { statusCode: number; type: string; value: unknown };
}

async function lastOn(stream: 'interactions', subject: string) {
  const names = busNames(herald.prefix);
  const message = await (await jetstreamManager(nats)).streams.getMessage(names.stream(stream).name, { last_by_subj: names.subject(subject) });
  return message?.json<{ type: string; data: Record<string, unknown> }>();
}

beforeAll(async () => {
  herald = await startHerald();
  await herald.startRouter();
  nats = await connectToNats({ url: NATS_URL, name: 'card-actions', logger: createLogger({ service: 'test', level: 'silent' }) });
});

afterAll(async () => {
  await nats?.close();
  await herald?.close();
});

describe('card actions', () => {
  it('`settings` shows the settings card, which the auth service builds from the person\'s settings', async () => {
    const message = { ...personalMessage(herald.sim, 'settings', base), conversation };
    expect((await post(message)).status).toBe(200);
    const [reply] = await herald.sim.waitForConnectorCalls((c) => c.operation === 'replyToActivity' && c.activityId === message.id, 1, 10_000);
    const card = JSON.stringify(reply!.body);
    expect(card).toContain('Notifications from apps');
    expect(card).toMatch(/"id":"notifications"[^}]*"value":"on"/);
    for (const input of ['timeZone', 'locale', 'quietHours', 'quietStart', 'quietEnd', 'newTopic']) expect(card).toContain(`"id":"${input}"`);
    expect(card).toContain('"verb":"settings.save"');
  });

  it('saving a card sent before preferences (its "Pause all notifications" toggle) answers the updated card and records UserPreferencesChanged; saving it again changes nothing', async () => {
    const saved = await execute('settings.save', { notificationsPaused: 'true' });
    expect(saved.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(saved.value)).toMatch(/"id":"notifications"[^}]*"value":"off".*Saved\./);
    const again = await execute('settings.save', { notificationsPaused: 'true' });
    expect(JSON.stringify(again.value)).toContain('Nothing changed.');
    const names = busNames(herald.prefix);
    const jsm = await jetstreamManager(nats);
    const info = await jsm.streams.info(names.stream('settings').name);
    expect(info.state.messages, 'one UserPreferencesChanged, not two').toBe(1);
    const stored = (await jsm.streams.getMessage(names.stream('settings').name, { seq: info.state.first_seq }))?.json<unknown>();
    expect(stored).toMatchObject({ type: 'UserPreferencesChanged', data: { changes: { notifications: 'off' }, source: 'card', userKey: base.from.aadObjectId ?? base.from.id } });
  });

  it('acknowledge (Action.Execute) replaces the card with who acknowledged, and records CardAcknowledged', async () => {
    const answer = await execute('acknowledge', { title: 'Build 812 failed', notificationId: 'n-1' }, 'card-ack');
    expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(answer.value)).toMatch(/Build 812 failed.*Acknowledged by/);
    expect(JSON.stringify(answer.value)).not.toContain('Action.');
    const recorded = await eventually(async () => lastOn('interactions', SUBJECTS.interaction('card-acknowledged')), 10_000, 'CardAcknowledged');
    expect(recorded).toMatchObject({ type: 'CardAcknowledged', data: { conversationId: 'a:card-actions', messageId: 'card-ack', notificationId: 'n-1' } });
  });

  it('a verb Herald does not own, on a card that is no notification of an app: "not available", never an error', async () => {
    const answer = await execute('resolve-issue', { issue: 'SENTRY-1' });
    expect(answer).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'This action is not available.' });
  });
});
