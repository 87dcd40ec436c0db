import { LockMode, type EntityManager, type InferEntity, type MikroORM } from '@herald/persistence';
import { OutboundSend } from './outbound-send.entity.js';

export type SendRecord = InferEntity<typeof OutboundSend>;

/** What to do with a SendActivity command, given what the notifier recorded before. */
export type Claim =
  | { kind: 'send'; attempts: number }
  | { kind: 'interrupted'; record: SendRecord }
  | { kind: 'finished'; record: SendRecord };

/** The notifier's write-side record of each send, guarding the non-idempotent Bot Connector POST. */
export class OutboundSendsStore {
  constructor(private readonly database: MikroORM) {}

  /** Atomically marks the command in flight, unless an earlier attempt already did or finished. */
  async claim(commandId: string, conversationId: string, now: Date): Promise<Claim> {
    return this.database.em.fork().transactional(async (em: EntityManager) => {
      const record = await em.findOne(OutboundSend, { commandId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!record) {
        em.create(OutboundSend, { commandId, conversationId, state: 'in_flight', attempts: 1, activityId: null, code: null, updatedAt: now });
        return { kind: 'send', attempts: 1 };
      }
      if (record.state === 'in_flight') return { kind: 'interrupted', record };
      if (record.state !== 'retrying') return { kind: 'finished', record };
      record.state = 'in_flight';
      record.attempts += 1;
      record.updatedAt = now;
      return { kind: 'send', attempts: record.attempts };
    });
  }

  async record(commandId: string, change: Pick<SendRecord, 'state'> & Partial<Pick<SendRecord, 'activityId' | 'code'>>, now: Date) {
    await this.database.em.fork().nativeUpdate(OutboundSend, { commandId }, { ...change, updatedAt: now });
  }
}
