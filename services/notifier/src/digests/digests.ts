import { deliveryRequestedSchema, notificationContentSchema, type DeliveryMode, type DeliveryRequested, type NotificationContent } from '@herald/contracts';
import type { EntityManager, MikroORM } from '@herald/persistence';

export interface Digest {
  digestKey: string;
  mode: Exclude<DeliveryMode, 'now'>;
  state: 'open' | 'closed' | 'sent';
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
    const rows = await this.database.em.fork().execute<{ mode: Digest['mode']; state: Digest['state'] }[]>('select mode, state from digests where digest_key = ?', [digestKey]);
    return rows[0] ? { digestKey, ...rows[0] } : undefined;
  }

  /** Nobody joins it any more (a joiner still holding its row is waited for); the deliveries waiting in it, oldest first. */
  async close(digestKey: string): Promise<DigestedDelivery[]> {
    return this.database.em.fork().transactional(async (em: EntityManager) => {
      await em.execute(`update digests set state = 'closed' where digest_key = ? and state = 'open'`, [digestKey]);
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
