import type { DeliveryMode, DeliveryRequested } from '@herald/contracts';
import type { EntityManager, MikroORM } from '@herald/persistence';

/** A delivery waiting: until its person's quiet hours end, or for its digest's card. */
export type Held = { reason: 'quietHours'; until: Date; settled: boolean } | { reason: 'digest'; until: Date; digestKey: string; mode: Exclude<DeliveryMode, 'now'>; settled: boolean };

type Row = { reason: 'quietHours' | 'digest'; until: Date; digest_key: string | null; mode: Exclude<DeliveryMode, 'now'> | null; settled_at: Date | null };

/**
 * `held_deliveries` and `digests`: what waits, so a redelivered DeliveryRequested is not held or
 * digested a second time, and a digest's card lists exactly the notifications that joined it.
 */
export class HeldDeliveries {
  constructor(private readonly database: MikroORM) {}

  async find(commandId: string): Promise<Held | undefined> {
    const rows = await this.database.em
      .fork()
      .execute<Row[]>('select h.reason, h.until, h.digest_key, d.mode, h.settled_at from held_deliveries h left join digests d on d.digest_key = h.digest_key where h.command_id = ?', [commandId]);
    const row = rows[0];
    if (!row) return undefined;
    const common = { until: new Date(row.until), settled: row.settled_at !== null };
    return row.reason === 'digest' ? { reason: 'digest', digestKey: row.digest_key!, mode: row.mode!, ...common } : { reason: 'quietHours', ...common };
  }

  /** Held until `until` (quiet hours); holding it again (quiet hours changed meanwhile) moves `until`. */
  async holdUntil(command: DeliveryRequested, until: Date, now: Date): Promise<Held> {
    await this.database.em.fork().execute(
      `insert into held_deliveries (command_id, notification_id, recipient_key, reason, until, command, held_at) values (?, ?, ?, 'quietHours', ?, ?, ?)
       on conflict (command_id) do update set until = excluded.until where held_deliveries.reason = 'quietHours' and held_deliveries.settled_at is null`,
      [command.metadata.id, command.data.notificationId, command.data.recipientKey, until, JSON.stringify(command), now],
    );
    return { reason: 'quietHours', until, settled: false };
  }

  /**
   * Joins the person's digest for the period ending `until` — or, when that one's card has gone
   * out already (the period just ended), the next one (`next`). The digest's row is locked while
   * it is joined: a digest being sent takes nobody in after its list was read.
   */
  async joinDigest(command: DeliveryRequested, person: { key: string; mode: Exclude<DeliveryMode, 'now'> }, until: Date, next: (after: Date) => Date, now: Date): Promise<Held> {
    return this.database.em.fork().transactional(async (em: EntityManager) => {
      for (let dueAt = until; ; dueAt = next(dueAt)) {
        const digestKey = `${person.key}|${person.mode}|${dueAt.toISOString()}`;
        await em.execute(`insert into digests (digest_key, person_key, mode, due_at, state) values (?, ?, ?, ?, 'open') on conflict do nothing`, [digestKey, person.key, person.mode, dueAt]);
        const [digest] = await em.execute<{ state: string }[]>('select state from digests where digest_key = ? for update', [digestKey]);
        if (digest?.state !== 'open') continue;
        await em.execute(
          `insert into held_deliveries (command_id, notification_id, recipient_key, reason, until, digest_key, command, held_at) values (?, ?, ?, 'digest', ?, ?, ?, ?)
           on conflict (command_id) do update set reason = 'digest', until = excluded.until, digest_key = excluded.digest_key where held_deliveries.settled_at is null`,
          [command.metadata.id, command.data.notificationId, command.data.recipientKey, dueAt, digestKey, JSON.stringify(command), now],
        );
        return { reason: 'digest', until: dueAt, digestKey, mode: person.mode, settled: false };
      }
    });
  }
}
