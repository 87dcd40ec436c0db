import type { Message } from '@herald/contracts';
import type { MessageBus } from '@herald/messaging';
import type { EntityManager, MikroORM } from '@herald/persistence';
import type { Logger } from '@herald/telemetry';
import { systemClock, type Clock } from './clock.js';

type AnyMessage = Message<string, unknown>;
type Row = { id: string; subject: string; message: AnyMessage };

/** Rows published per transaction at most. */
const BATCH = 200;
/** A row whose publish failed is due again this much later. */
const RETRY_FAILED_MS = 5_000;

/**
 * Messages to publish later — a scheduled notification's NotificationDue, a delivery that must
 * wait for Teams' limits — kept in Postgres instead of in JetStream messages held back with a
 * delayed nak: a held message counts against its consumer's `max_ack_pending` until it is
 * redelivered, so enough of them would stop the consumer for everyone.
 */
export class ScheduledMessages {
  constructor(
    private readonly database: MikroORM,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Now, as due times are measured (the notifier's clock). */
  now(): Date {
    return this.clock.now();
  }

  /** Publishes `message` on `subject` (relative) at `dueAt`, once; scheduling the same `id` again changes nothing. */
  async schedule(entry: { id: string; subject: string; message: AnyMessage; dueAt: Date }): Promise<void> {
    await this.database.em
      .fork()
      .execute('insert into scheduled_messages (id, due_at, subject, message) values (?, ?, ?, ?) on conflict (id) do nothing', [
        entry.id,
        entry.dueAt,
        entry.subject,
        JSON.stringify(entry.message),
      ]);
  }

  /** Publishes `message` again on `subject` in `afterMs`: a rescheduled command, one row per due time. */
  async later(subject: string, message: AnyMessage, afterMs: number): Promise<void> {
    const dueAt = new Date(this.clock.now().getTime() + Math.max(0, Math.round(afterMs)));
    await this.schedule({ id: `${message.metadata.id}@${dueAt.getTime()}`, subject, message, dueAt });
  }

  /**
   * Publishes what is due, oldest first, and forgets what went out in the same transaction; a
   * row whose publish fails is tried again a little later, without holding up the others. A crash
   * between publish and commit publishes a row again under the same `Nats-Msg-Id` (de-duplicated).
   * Replicas skip each other's rows (`skip locked`). Resolves with how many were published.
   */
  async publishDue(bus: MessageBus, now: Date): Promise<number> {
    return this.database.em.fork().transactional(async (em: EntityManager) => {
      const rows = await em.execute<Row[]>(`select id, subject, message from scheduled_messages where due_at <= ? order by due_at limit ${BATCH} for update skip locked`, [now]);
      const outcomes = await Promise.all(rows.map((row) => bus.publish(row.subject, row.message, { msgID: `scheduled:${row.id}` }).then(() => true, () => false)));
      const published = rows.filter((_, i) => outcomes[i]).map((row) => row.id);
      const failed = rows.filter((_, i) => !outcomes[i]).map((row) => row.id);
      if (published.length > 0) await em.execute('delete from scheduled_messages where id in (?)', [published]);
      if (failed.length > 0) await em.execute('update scheduled_messages set due_at = ? where id in (?)', [new Date(now.getTime() + RETRY_FAILED_MS), failed]);
      return published.length;
    });
  }
}

/** Runs `publishDue` every `intervalMs` (at once again after a full batch) from start to stop. */
export class ScheduledMessagePump {
  private stopped = false;
  private running: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly scheduled: ScheduledMessages,
    private readonly bus: MessageBus,
    private readonly logger: Logger,
    private readonly intervalMs = 200,
    /** What "due" is measured by (the same clock as the rows' due times). */
    private readonly clock: Clock = systemClock,
  ) {}

  onApplicationBootstrap(): void {
    this.running ??= this.loop();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      let published = 0;
      try {
        published = await this.scheduled.publishDue(this.bus, this.clock.now());
        failures = 0;
      } catch (error) {
        failures += 1;
        this.logger.warn({ err: error, failures }, 'could not publish scheduled messages; will retry');
      }
      if (published < BATCH) await this.pause(failures === 0 ? this.intervalMs : Math.min(this.intervalMs * 2 ** failures, 10_000));
    }
  }

  /** Waits `ms`, or less when the pump is stopped meanwhile (a shutdown never waits out a retry delay). */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
