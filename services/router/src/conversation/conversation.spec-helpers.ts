import { expect } from 'vitest';
import { deriveId, type ConversationEvent, type InboundActivity, type RecordActivity } from '@herald/contracts';
import { fixture as sharedFixture } from '@herald/testing';
import { evolve, initialState, type ConversationState } from './conversation.js';
import { decide, type Draft } from './conversation.decider.js';

export const RECEIVED_AT = '2026-03-01T12:00:00.000Z';

export const fixture = (name: string) => sharedFixture<InboundActivity>(name);

/** The command the router issues for an activity (its id derived from the activity, as the consumer does). */
export function record(
  activity: InboundActivity,
  options: { id?: string; verifiedServiceUrl?: string; receivedAt?: string } = {},
): RecordActivity {
  const receivedAt = options.receivedAt ?? RECEIVED_AT;
  const id = options.id ?? deriveId('RecordActivity', JSON.stringify(activity), options.verifiedServiceUrl ?? '');
  return {
    type: 'RecordActivity',
    data: { activity, verifiedServiceUrl: options.verifiedServiceUrl ?? activity.serviceUrl, receivedAt },
    metadata: { id, occurredAt: receivedAt, correlationId: `correlation-${id}`, causationId: `received-${id}` },
  };
}

/** The events of recording each activity in turn (each decided against the state the previous ones left). */
export function recorded(...activities: InboundActivity[]): ConversationEvent[] {
  const events: ConversationEvent[] = [];
  for (const activity of activities) events.push(...decide(record(activity), fold(events)));
  return events;
}

export function fold(events: readonly ConversationEvent[], state: ConversationState = initialState()): ConversationState {
  return events.reduce(evolve, state);
}

/** given(history).when(command).then(expected facts) — metadata is checked by its own spec. */
export function given(history: readonly ConversationEvent[] = []) {
  return {
    when(command: RecordActivity) {
      const events = decide(command, fold(history));
      return {
        events,
        then(...expected: Draft[]): ConversationEvent[] {
          expect(events.map(({ type, data }) => ({ type, data }))).toEqual(expected);
          return events;
        },
        thenTypes(...types: ConversationEvent['type'][]): ConversationEvent[] {
          expect(events.map((e) => e.type)).toEqual(types);
          return events;
        },
        thenNothingHappened(): void {
          expect(events).toEqual([]);
        },
      };
    },
  };
}

/** A conversationUpdate of the docs' team (`19:efa9…@thread.skype`), with its `channelData.eventType`. */
export function teamsEvent(
  eventType: string,
  channelData: { team?: { id: string; name?: string }; channel?: { id: string; name?: string } } = {},
  timestamp = '2026-01-01T00:00:00.000Z',
): InboundActivity {
  const base = fixture('conversationUpdate-channelCreated.json');
  const { channel: _created, ...rest } = base.channelData ?? {};
  return { ...base, id: `f:${eventType}-${timestamp}`, timestamp, channelData: { ...rest, ...channelData, eventType } };
}

/** The [minimal] installationUpdate `remove`, in the envelope of a real activity of that conversation. */
export function removeMinimalIn(name: string): InboundActivity {
  return { ...fixture(name), ...fixture('installationUpdate-remove-minimal.json'), id: 'f:remove', timestamp: '2024-03-22T09:00:00.000Z' };
}
