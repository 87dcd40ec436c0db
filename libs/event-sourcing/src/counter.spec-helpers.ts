import { z } from 'zod';
import { deriveId, messageSchema, metadataFor, type Message, type Metadata } from '@herald/contracts';
import type { Decider } from './decider.js';

/** The example aggregate of the specs: a counter that may not go past its limit. */
export const LIMIT = 10;

export type Increment = Message<'Increment', { by: number }>;
export type Reset = Message<'Reset', Record<string, never>>;
export type CounterCommand = Increment | Reset;

const incrementedSchema = messageSchema('Incremented', z.object({ by: z.number().int().positive() }));
const counterResetSchema = messageSchema('CounterReset', z.object({ from: z.number().int() }));
export const counterEventSchema = z.discriminatedUnion('type', [incrementedSchema, counterResetSchema]);
export type CounterEvent = z.infer<typeof counterEventSchema>;
export const parseCounterEvent = (raw: unknown): CounterEvent => counterEventSchema.parse(raw);

export interface Counter {
  total: number;
}

/** Event metadata caused by `command`: the same command always yields the same event ids. */
function causedBy(command: CounterCommand, type: CounterEvent['type']): Metadata {
  return metadataFor({
    id: deriveId(command.metadata.id, type),
    cause: command.metadata,
    occurredAt: new Date(command.metadata.occurredAt),
  });
}

export const counterDecider: Decider<Counter, CounterCommand, CounterEvent> = {
  initialState: () => ({ total: 0 }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'Incremented':
        return { total: state.total + event.data.by };
      case 'CounterReset':
        return { total: 0 };
    }
  },
  decide: (command, state) => {
    switch (command.type) {
      case 'Increment':
        if (state.total + command.data.by > LIMIT) throw new Error(`counter would pass ${LIMIT}`);
        return [{ type: 'Incremented', data: { by: command.data.by }, metadata: causedBy(command, 'Incremented') }];
      case 'Reset':
        return state.total === 0 ? [] : [{ type: 'CounterReset', data: { from: state.total }, metadata: causedBy(command, 'CounterReset') }];
      default:
        return unreachable(command);
    }
  },
};

function unreachable(command: never): never {
  throw new Error(`unknown command ${JSON.stringify(command)}`);
}

const at = new Date('2026-01-02T03:04:05Z');

/** A command with a fresh id unless given one: the id is what makes a repeated command recognisable. */
export function increment(by: number, id?: string): Increment {
  return { type: 'Increment', data: { by }, metadata: metadataFor({ id, occurredAt: at }) };
}

export function reset(id?: string): Reset {
  return { type: 'Reset', data: {}, metadata: metadataFor({ id, occurredAt: at }) };
}
