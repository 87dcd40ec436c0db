import { deliveryRequestedSchema, notificationContentSchema, type DeliveryMode, type DeliveryRequested, type NotificationContent } from '@herald/contracts';
import type { EntityManager, MikroORM } from '@herald/persistence';

export interface Digest {
  digestKey: string;
  personKey: string;
  mode: Exclude<DeliveryMode, 'now'>;
  /** `closed`: put off (quiet hours), nobody joins it; `sending`: its card is on its way; `merged`: another digest's card lists its deliveries. */
  state: 'open' | 'closed' | 'sending' | 'merged' | 'sent';
}

/** A delivery waiting in a digest, with its notification as it is now (cancelled, or its latest content). */
export interface DigestedDelivery {
  command: DeliveryRequested;
  cancelled: boolean;
  content: NotificationContent;
}

type Row = { command: unknown; state: string | null; content: unknown };

/** The digests' side of `digests` and `held_deliveries`: which digest holds whom, closed once its card is on its way. */
export class Digests {
  constructor(private readonly database: MikroORM) {}

  async find(digestKey: string): Promise<Digest | undefined> {
    const rows = await this.database.em.fork().execute<{ person_key: string; mode: Digest['mode']; state: Digest['state'] }[]>('select person_key, mode, state from digests where digest_key = ?', [digestKey]);
    const row = rows[0];
    return row ? { digestKey, personKey: row.person_key, mode: row.mode, state: row.state } : undefined;
  }

  /** The deliveries waiting in it, oldest first (nothing changes). */
  async waiting(digestKey: string): Promise<DigestedDelivery[]> {
    return waitingIn(this.database.em.fork(), digestKey);
  }

  /** Put off (the person's quiet hours): nobody joins it any more; it waits to be sent, or merged into the person's next card. */
  async closeForLater(digestKey: string): Promise<void> {
    await this.database.em.fork().execute(`update digests set state = 'closed' where digest_key = ? and state = 'open'`, [digestKey]);
  }

  /**
   * Its card is going out now: nobody joins it any more, and every other digest of the person's
   * in that mode that was put off and is due by now is merged into it (one card, not one per
   * period that ended in their quiet hours). The deliveries it then lists, oldest first; undefined
   * when it is no longer this digest's to send (merged into another, or sent).
   */
  async gather(digest: Digest, now: Date): Promise<DigestedDelivery[] | undefined> {
    return this.database.em.fork().transactional(async (em: EntityManager) => {
      const own = await em.execute<unknown[]>(`update digests set state = 'sending' where digest_key = ? and state in ('open', 'closed', 'sending') returning digest_key`, [digest.digestKey]);
      if (own.length === 0) return undefined;
      const merged = await em.execute<{ digest_key: string }[]>(
        `update digests set state = 'merged' where person_key = ? and mode = ? and state = 'closed' and due_at <= ? and digest_key <> ? returning digest_key`,
        [digest.personKey, digest.mode, now, digest.digestKey],
      );
      const keys = merged.map((row) => row.digest_key);
      if (keys.length > 0) await em.execute('update held_deliveries set digest_key = ? where digest_key in (?) and settled_at is null', [digest.digestKey, keys]);
      return waitingIn(em, digest.digestKey);
    });
  }

  /** These deliveries settled; the digest is done. */
  async sent(digestKey: string, commandIds: readonly string[], now: Date): Promise<void> {
    await this.database.em.fork().transactional(async (em: EntityManager) => {
      if (commandIds.length > 0) await em.execute('update held_deliveries set settled_at = ? where command_id in (?) and settled_at is null', [now, commandIds]);
      await em.execute(`update digests set state = 'sent' where digest_key = ?`, [digestKey]);
    });
  }
}

async function waitingIn(em: EntityManager, digestKey: string): Promise<DigestedDelivery[]> {
  const rows = await em.execute<Row[]>(
    `select h.command, s.state, s.content from held_deliveries h left join notification_status s on s.notification_id = h.notification_id
     where h.digest_key = ? and h.settled_at is null order by h.held_at, h.command_id`,
    [digestKey],
  );
  return rows.map((row) => {
    const command = deliveryRequestedSchema.parse(row.command);
    const latest = notificationContentSchema.safeParse(row.content);
    return { command, cancelled: row.state === 'cancelled', content: latest.success ? latest.data : command.data.content };
  });
}
