import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '@herald/testing';
import { personalMessage, startHerald, type Herald } from './herald-harness.js';

let herald: Herald;
const base = fixture<{ conversation: { id: string } }>('message-personal.json');
const conversation = { ...base.conversation, id: 'a:subscriptions' };

/** Says `text` in the personal chat and returns the bot's reply text. */
async function say(text: string): Promise<string> {
  const activity = { ...personalMessage(herald.sim, text, base), conversation };
  const token = await herald.sim.mintChannelToken({ serviceUrl: activity.serviceUrl });
  await request(herald.gatewayUrl).post('/api/messages').set('Authorization', `Bearer ${token}`).send(activity).expect(200);
  const [reply] = await herald.sim.waitForConnectorCalls((c) => c.operation === 'replyToActivity' && c.activityId === activity.id, 1, 10_000);
  return String((reply!.body as { text?: string }).text);
}

beforeAll(async () => {
  herald = await startHerald();
  await herald.startRouter();
});

afterAll(async () => {
  await herald?.close();
});

describe('topic subscriptions', () => {
  it('subscribe, list, subscribe again, unsubscribe — each answered, recorded as events', async () => {
    expect(await say('subscriptions')).toMatch(/not subscribed to any topic/);
    expect(await say('subscribe builds')).toBe('Subscribed to builds.');
    expect(await say('Subscribe  alerts')).toBe('Subscribed to alerts.');
    expect(await say('subscribe builds')).toBe('You were already subscribed to builds.');
    expect(await say('subscriptions')).toBe("You're subscribed to: alerts, builds.");
    expect(await say('unsubscribe builds')).toBe('Unsubscribed from builds.');
    expect(await say('subscriptions')).toBe("You're subscribed to: alerts.");
    expect(await say('subscribe')).toMatch(/Which topic\?/);
  });

  it('shows it is working (typing) before answering, since the answer waits on the event store', () => {
    const calls = herald.sim.connectorCalls.filter((c) => c.conversationId === 'a:subscriptions');
    const typing = calls.filter((c) => (c.body as { type?: string }).type === 'typing');
    expect(typing.length).toBeGreaterThanOrEqual(1);
    expect(typing[0]).toMatchObject({ operation: 'sendToConversation' });
  });
});
