import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, fixture } from '@herald/testing';
import { personalMessage, startHerald, type Herald } from './herald-harness.js';

let herald: Herald;
const base = fixture<{ conversation: { id: string } }>('message-personal.json');
const conversation = { ...base.conversation, id: 'a:subscriptions' };

async function post(activity: Record<string, unknown>) {
  const token = await herald.sim.mintChannelToken({ serviceUrl: String(activity['serviceUrl']) });
  return request(herald.gatewayUrl).post('/api/messages').set('Authorization', `Bearer ${token}`).send(activity);
}

/** Says `text` in the personal chat and returns the bot's reply text. */
async function say(text: string): Promise<string> {
  const activity = { ...personalMessage(herald.sim, text, base), conversation };
  expect((await post(activity)).status).toBe(200);
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
    expect(await say('unsubscribe builds')).toBe("Unsubscribed from builds: you won't get notifications about it.");
    expect(await say('unsubscribe builds')).toBe('You had already turned builds off.');
    expect(await say('subscriptions')).toBe("You're subscribed to: alerts.");
    expect(await say('subscribe')).toMatch(/Which topic\?/);
  });

  it('shows it is working (typing) before answering, since the answer waits on the event store', () => {
    const calls = herald.sim.connectorCalls.filter((c) => c.conversationId === 'a:subscriptions' && c.method !== 'GET');
    const typing = calls.filter((c) => (c.body as { type?: string }).type === 'typing');
    expect(typing.length).toBeGreaterThanOrEqual(1);
    expect(typing[0]).toMatchObject({ operation: 'sendToConversation' });
  });

  it("the help card's Subscribe button (Action.Execute) answers the updated card and records the subscription", async () => {
    const help = await post({ ...personalMessage(herald.sim, 'help', base), conversation });
    expect(help.status).toBe(200);
    const [card] = await herald.sim.waitForConnectorCalls((c) => c.operation === 'replyToActivity' && JSON.stringify(c.body).includes('Follow a topic'), 1, 10_000);
    const execute = {
      ...personalMessage(herald.sim, '', base),
      conversation,
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId: card!.activityId,
      value: { action: { type: 'Action.Execute', verb: 'subscribe', data: { topic: 'deploys' } }, trigger: 'manual' },
    };
    const answer = await post(execute);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(JSON.stringify(answer.body.value)).toContain('Subscribed to deploys.');
    expect(await say('subscriptions')).toContain('deploys');
  });

  it('the same through Action.Submit ends in a PUT of the card that was clicked', async () => {
    const submit = { ...personalMessage(herald.sim, '', base), conversation, replyToId: 'card-activity-7', value: { verb: 'subscribe', topic: 'incidents' } };
    delete (submit as { text?: string }).text;
    expect((await post(submit)).status).toBe(200);
    const [put] = await herald.sim.waitForConnectorCalls((c) => c.operation === 'updateActivity' && c.activityId === 'card-activity-7', 1, 10_000);
    expect(put).toMatchObject({ method: 'PUT', conversationId: 'a:subscriptions' });
    expect(JSON.stringify(put!.body)).toContain('Subscribed to incidents.');
    expect(await say('subscriptions')).toContain('incidents');
  });

  it("reaches the notifier's own topic_subscriptions through the events", async () => {
    const db = new pg.Client({ connectionString: herald.databaseUrl });
    await db.connect();
    try {
      const topics = await eventually(async () => {
        const { rows } = await db.query('select topic from notifier.topic_subscriptions order by topic');
        const found = rows.map((r: { topic: string }) => r.topic);
        return found.join(',') === 'alerts,deploys,incidents' ? found : undefined;
      }, 10_000, 'the notifier projection');
      expect(topics).toEqual(['alerts', 'deploys', 'incidents']);
      const { rows } = await db.query("select user_id, conversation_id from notifier.topic_subscriptions where topic = 'alerts'");
      expect(rows[0]).toMatchObject({ conversation_id: 'a:subscriptions' });
      expect(rows[0].user_id).toMatch(/^29:/);
    } finally {
      await db.end();
    }
  });
});
