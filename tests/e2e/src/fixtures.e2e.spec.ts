import { jetstreamManager } from '@nats-io/jetstream';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_APP_ID } from '@herald/config';
import { busNames, SUBJECTS } from '@herald/contracts';
import { connectToNats, type NatsConnection } from '@herald/messaging';
import { createLogger } from '@herald/telemetry';
import { activityFixtureNames, eventually, fixture, NATS_URL } from '@herald/testing';
import { startHerald, type Herald } from './herald-harness.js';

/** The answer each invoke fixture gets (others: 200 with an empty body). */
const INVOKE_ANSWERS: Record<string, { status: number; body?: Record<string, unknown> }> = {
  'invoke-adaptiveCard-action.json': { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message' } },
  'invoke-composeExtension-query.json': { status: 200, body: { composeExtension: { type: 'result', attachmentLayout: 'list', attachments: [] } } },
  'invoke-fileConsent-accept.json': { status: 200 },
  'invoke-signin-tokenExchange.json': { status: 412, body: { failureDetail: expect.any(String) } },
  'invoke-signin-verifyState.json': { status: 404, body: { failureDetail: expect.stringMatching(/not a sign-in code Herald gave you/) } },
  'invoke-task-fetch.json': { status: 200, body: { task: { type: 'message', value: expect.any(String) } } },
};

/** The interaction event each fixture is recorded as (subject kind, type, fields). */
const INTERACTIONS: Record<string, { kind: string; type: string; data: Record<string, unknown> }> = {
  'messageReaction-like.json': { kind: 'message-reactions-changed', type: 'MessageReactionsChanged', data: { added: ['like'], removed: [] } },
  'messageReaction-unlike.json': { kind: 'message-reactions-changed', type: 'MessageReactionsChanged', data: { added: [], removed: ['like'] } },
  'invoke-fileConsent-accept.json': { kind: 'file-consent-answered', type: 'FileConsentAnswered', data: { action: 'accept', uploadInfo: expect.objectContaining({ name: 'file_example.txt' }) } },
  'invoke-task-fetch.json': { kind: 'dialog-invoked', type: 'DialogInvoked', data: { invoke: 'task/fetch', data: { key: 'value' } } },
};

let herald: Herald;
let nats: NatsConnection;
const stored = async () => (await (await jetstreamManager(nats)).streams.info(busNames(herald.prefix).stream('inbound').name)).state.messages;

/**
 * A fixture as Teams would post it to this Herald: its serviceUrl is the simulator's, and the
 * abridged ones (the docs' minimal `installationUpdate`, the file-consent sample without `type`)
 * get the envelope fields every real activity carries.
 */
function asPosted(name: string) {
  const activity = fixture<Record<string, unknown>>(name);
  return {
    type: name.startsWith('invoke-') ? 'invoke' : undefined,
    channelId: 'msteams',
    conversation: { id: `a:fixture-${name}`, conversationType: 'personal', tenantId: herald.sim.tenantId },
    from: { id: '29:fixture-user' },
    recipient: { id: `28:${DEV_APP_ID}` },
    ...activity,
    serviceUrl: herald.sim.serviceUrl,
  };
}

beforeAll(async () => {
  herald = await startHerald();
  await herald.startRouter();
  nats = await connectToNats({ url: NATS_URL, name: 'test', logger: createLogger({ service: 'test', level: 'silent' }) });
});

afterAll(async () => {
  await nats?.close();
  await herald?.close();
});

describe('every shared fixture, posted twice with a valid token', () => {
  it.each(activityFixtureNames())('%s is accepted, answered and stored once', async (name) => {
    const activity = asPosted(name);
    const token = await herald.sim.mintChannelToken({ serviceUrl: activity.serviceUrl });
    const before = await stored();
    const expected = INVOKE_ANSWERS[name] ?? { status: 200 };
    for (const attempt of [1, 2]) {
      const response = await request(herald.gatewayUrl).post('/api/messages').set('Authorization', `Bearer ${token}`).send(activity);
      expect(response.status, `attempt ${attempt}: ${response.text}`).toBe(expected.status);
      if (expected.body) expect(response.body).toMatchObject(expected.body);
      else expect(response.text).toBe('');
    }
    expect(await stored()).toBe(before + 1);
    const interaction = INTERACTIONS[name];
    if (interaction) {
      const conversationId = (activity.conversation as { id: string }).id.split(';')[0];
      const recorded = await eventually(async () => {
        const names = busNames(herald.prefix);
        const last = await (await jetstreamManager(nats)).streams.getMessage(names.stream('interactions').name, { last_by_subj: names.subject(SUBJECTS.interaction(interaction.kind)) });
        const event = last?.json<{ type: string; data: { conversationId: string } }>();
        return event?.data.conversationId === conversationId ? event : undefined;
      }, 10_000, `${interaction.type} of ${name}`);
      expect(recorded).toMatchObject({ type: interaction.type, data: interaction.data });
    }
  });
});
