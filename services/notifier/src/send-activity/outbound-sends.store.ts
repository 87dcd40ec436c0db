import { LockMode, type EntityManager, type InferEntity, type MikroORM } from '@herald/persistence';
import { OutboundSend } from './outbound-send.entity.js';
import { PERSIST_BUDGET_MS } from './persist-outcome.js';

export type SendRecord = InferEntity<typeof OutboundSend>;

/** What to do with a SendActivity command, given what the notifier recorded before. */
export type Claim =
  | { kind: 'send'; attempts: number }
  | { kind: 'interrupted'; record: SendRecord }
  | { kind: 'finished'; record: SendRecord };

/** The notifier's write-side record of each send, guarding the non-idempotent Bot Connector POST. */
export class OutboundSendsStore {
  private readonly claimHoldMs: number;

  /** `connectorTimeoutMs`: how long a Bot Connector call may take before it is abandoned. */
  constructor(
    private readonly database: MikroORM,
    options: { connectorTimeoutMs: number },
  ) {
    // A live attempt holds its claim for its call and for writing down the outcome (retried up to PERSIST_BUDGET_MS).
    this.claimHoldMs = options.connectorTimeoutMs + PERSIST_BUDGET_MS + 15_000;
  }

  /**
   * A claim found in flight is an interrupted attempt only once no live attempt can hold it any
   * more: the same command may be handled twice at once (JetStream delivers at least once, a
   * rescheduled copy meets a redelivery), and then the other attempt is still waiting for Teams.
   * Resolves how long to wait before looking again (0: it was interrupted).
   */
  stillHeldFor(record: SendRecord, now: Date): number {
    return Math.max(0, record.updatedAt.getTime() + this.claimHoldMs - now.getTime());
  }

  /** Atomically marks the command in flight, unless an earlier attempt already did or finished. */
  async claim(commandId: string, conversationId: string, now: Date): Promise<Claim> {
    return this.database.em.fork().transactional(async (em: EntityManager) => {
      // Insert-or-nothing first: two copies claiming a new command at once never both insert (no unique violation).
      const inserted = await em.execute<unknown[]>(
        `insert into outbound_sends (command_id, conversation_id, state, attempts, activity_id, code, updated_at) values (?, ?, 'in_flight', 1, null, null, ?)
         on conflict (command_id) do nothing returning command_id`,
        [commandId, conversationId, now],
      );
      if (inserted.length > 0) return { kind: 'send', attempts: 1 };
      const record = await em.findOneOrFail(OutboundSend, { commandId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (record.state === 'in_flight') return { kind: 'interrupted', record };
      if (record.state !== 'retrying') return { kind: 'finished', record };
      record.state = 'in_flight';
      record.attempts += 1;
      record.updatedAt = now;
      return { kind: 'send', attempts: record.attempts };
    });
  }

  /** What was recorded of the command, if anything (read only). */
  async lookup(commandId: string): Promise<SendRecord | undefined> {
    return (await this.database.em.fork().findOne(OutboundSend, { commandId })) ?? undefined;
  }

  /**
   * Counts an attempt that failed before any send was claimed (an idempotent call such as
   * createConversation) and marks the command retrying. Resolves with the attempts so far.
   */
  async countRetry(commandId: string, conversationId: string, code: string, now: Date): Promise<number> {
    const rows = await this.database.em.fork().execute<{ attempts: number }[]>(
      `insert into outbound_sends (command_id, conversation_id, state, attempts, code, updated_at) values (?, ?, 'retrying', 1, ?, ?)
       on conflict (command_id) do update set attempts = outbound_sends.attempts + 1, state = 'retrying', code = excluded.code, updated_at = excluded.updated_at
       returning attempts`,
      [commandId, conversationId, code, now],
    );
    return rows[0]!.attempts;
  }

  /** Gives back a claim whose call was not made (the send was rescheduled): not an attempt, not in flight. */
  async release(commandId: string, now: Date): Promise<void> {
    await this.database.em
      .fork()
      .execute(`update outbound_sends set state = 'retrying', attempts = attempts - 1, updated_at = ? where command_id = ? and state = 'in_flight'`, [now, commandId]);
  }

  async record(commandId: string, change: Pick<SendRecord, 'state'> & Partial<Pick<SendRecord, 'activityId' | 'code' | 'conversationId'>>, now: Date) {
    await this.database.em.fork().nativeUpdate(OutboundSend, { commandId }, { ...change, updatedAt: now });
  }
}
