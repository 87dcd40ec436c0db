import { describe, expect, it } from 'vitest';
import { metadataFor, type ChangeSubscription, type SubscriptionEvent } from '@herald/contracts';
import { decide, evolve, initialState } from './subscriptions.decider.js';

const command = (topic: string, subscribe: boolean, id = `cmd-${topic}-${subscribe}`): ChangeSubscription => ({
  type: 'ChangeSubscription',
  data: { subscriberKey: 'aad-1', userId: '29:1', aadObjectId: 'aad-1', conversationId: 'a:1', topic, subscribe },
  metadata: metadataFor({ id, occurredAt: new Date('2026-11-21T12:00:00Z') }),
});
const given = (...events: SubscriptionEvent[]) => events.reduce(evolve, initialState());

describe('subscriptions decider', () => {
  it('given nothing, when subscribing, then TopicSubscribed', () => {
    const [event] = decide(command('builds', true), initialState());
    expect(event).toMatchObject({ type: 'TopicSubscribed', data: { topic: 'builds', subscriberKey: 'aad-1' } });
    expect(event?.metadata.causationId).toBe('cmd-builds-true');
  });

  it('given a subscription, when subscribing again, then nothing; when unsubscribing, then TopicUnsubscribed', () => {
    const state = given(...decide(command('builds', true), initialState()));
    expect(decide(command('builds', true, 'again'), state)).toEqual([]);
    expect(decide(command('builds', false), state)[0]?.type).toBe('TopicUnsubscribed');
  });

  it('given nothing, when unsubscribing, then TopicUnsubscribed (the topic is muted); unsubscribing again, nothing', () => {
    const events = decide(command('alerts', false), initialState());
    expect(events.map((event) => event.type)).toEqual(['TopicUnsubscribed']);
    expect(given(...events).muted.has('alerts')).toBe(true);
    expect(decide(command('alerts', false, 'again'), given(...events))).toEqual([]);
    expect(given(...events, ...decide(command('alerts', true), given(...events))).muted.has('alerts'), 'subscribing unmutes').toBe(false);
  });

  it('decides the same events for the same command (ids derive from it)', () => {
    expect(decide(command('builds', true), initialState())).toEqual(decide(command('builds', true), initialState()));
  });
});
