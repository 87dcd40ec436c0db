import { SUBJECTS, type ConsoleMessageState, type ConsoleStatusSnapshot } from '@herald/contracts';
import { subjectToken } from '@herald/event-sourcing';
import type { MessageBus } from '@herald/messaging';
import type { Logger } from '@herald/telemetry';
import type { ConsoleMessage } from '../messages/console-message.js';
import { consoleMessageState } from '../messages/read-message/console-message-view.js';
import type { MessageStatusClient } from './message-status.client.js';

export interface StatusFeedOptions {
  /** At most one snapshot per this long (4 a second). */
  minIntervalMs?: number;
  /** A change heard on the bus may not be projected yet: read once more this long after the last one. */
  settleMs?: number;
  /** While it is not over (sent or cancelled), read this often anyway. */
  pollMs?: number;
}

const OVER: ReadonlySet<ConsoleMessageState> = new Set(['sent', 'cancelled']);

/**
 * A console message's status, followed live: on its notification's events, its own events (sent,
 * cancelled) and people's interactions, the status and engagement are read again — coalesced to
 * at most one read per `minIntervalMs` — and `send` gets each snapshot that differs from the last.
 */
export class StatusFeed {
  private readonly subscriptions: { unsubscribe(): void }[] = [];
  private notificationSubscription: { unsubscribe(): void } | undefined;
  private readonly timers: { next?: NodeJS.Timeout; settle?: NodeJS.Timeout; poll?: NodeJS.Timeout } = {};
  private last = { json: '', at: 0, state: undefined as ConsoleMessageState | undefined };
  private reading = false;
  private dirty = false;
  private stopped = false;

  constructor(
    private message: ConsoleMessage,
    private readonly deps: { bus: MessageBus; reads: MessageStatusClient; reload: () => Promise<ConsoleMessage>; send: (snapshot: ConsoleStatusSnapshot) => void; logger: Logger },
    private readonly options: StatusFeedOptions = {},
  ) {}

  /** Subscribes, then sends the first snapshot. */
  async start(): Promise<void> {
    const { bus } = this.deps;
    this.subscriptions.push(bus.subscribe(SUBJECTS.consoleMessage(subjectToken(this.message.id!)), () => this.changed(true)));
    this.subscriptions.push(bus.subscribe(SUBJECTS.interactions, (body) => this.changed(false, body)));
    this.followNotification();
    this.timers.poll = setInterval(() => OVER.has(this.last.state ?? 'draft') || this.schedule(), this.options.pollMs ?? 5_000);
    await this.read();
  }

  stop(): void {
    this.stopped = true;
    for (const subscription of this.subscriptions.splice(0)) subscription.unsubscribe();
    this.notificationSubscription?.unsubscribe();
    clearTimeout(this.timers.next);
    clearTimeout(this.timers.settle);
    clearInterval(this.timers.poll);
  }

  private followNotification(): void {
    const { notificationId } = this.message;
    if (!notificationId || this.notificationSubscription) return;
    this.notificationSubscription = this.deps.bus.subscribe(SUBJECTS.notification(subjectToken(notificationId)), () => this.changed(false));
  }

  private reloadMessage = false;

  private changed(ownEvent: boolean, interaction?: unknown): void {
    if (this.stopped) return;
    if (interaction !== undefined && !this.mayConcern(interaction)) return;
    this.reloadMessage ||= ownEvent;
    this.schedule();
    clearTimeout(this.timers.settle);
    this.timers.settle = setTimeout(() => this.schedule(), this.options.settleMs ?? 1_000);
  }

  /** An acknowledgement of this notification, or a reaction (to which message of whose, only the notifier can tell). */
  private mayConcern(interaction: unknown): boolean {
    const { type, data } = (interaction ?? {}) as { type?: unknown; data?: { notificationId?: unknown } };
    if (type === 'CardAcknowledged') return data?.notificationId === this.message.notificationId;
    return type === 'MessageReactionsChanged';
  }

  /** One read soon: right away, or once `minIntervalMs` passed since the last. */
  private schedule(): void {
    if (this.stopped) return;
    this.timers.next ??= setTimeout(() => void this.read(), Math.max(0, this.last.at + (this.options.minIntervalMs ?? 250) - Date.now()));
  }

  private async read(): Promise<void> {
    this.timers.next = undefined;
    if (this.stopped) return;
    if (this.reading) {
      this.dirty = true;
      return;
    }
    this.reading = true;
    try {
      await this.readOnce();
    } catch (error) {
      this.deps.logger.warn({ err: error, messageId: this.message.id }, 'could not read a console message status');
    } finally {
      this.reading = false;
      this.last.at = Date.now();
      if (this.dirty) {
        this.dirty = false;
        this.schedule();
      }
    }
  }

  private async readOnce(): Promise<void> {
    if (this.reloadMessage) {
      this.reloadMessage = false;
      this.message = await this.deps.reload();
      this.followNotification();
    }
    const { notificationId } = this.message;
    const [status, engagement] = notificationId ? await Promise.all([this.deps.reads.status(notificationId), this.deps.reads.engagement(notificationId)]) : [null, null];
    const snapshot: ConsoleStatusSnapshot = { state: consoleMessageState(this.message, status, new Date()), status, engagement };
    const json = JSON.stringify(snapshot);
    if (this.stopped || json === this.last.json) return;
    this.last.json = json;
    this.last.state = snapshot.state;
    this.deps.send(snapshot);
  }
}
