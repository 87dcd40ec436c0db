import { DEV_APP_ID } from '@herald/config';
import type { TeamsSim } from '@herald/teams-sim';

export interface LiveChatOptions {
  /** Personal chats taking turns. */
  people: number;
  /** Messages per second between them. */
  perSecond: number;
  tenantId: string;
  /** Keeps ids and conversations apart from other runs. */
  label: string;
}

/**
 * People asking Herald `help` while a test breaks things: messages at a steady rate from a few
 * personal chats, each POSTed as the channel does and, while it gets no 200 (a refused
 * connection, a reset, a 503), sent again with the same activity id, as Teams re-sends an
 * activity a bot did not take. The test re-sends after at most a second (Teams waits longer).
 */
export class LiveChat {
  /** Ids of the messages Herald answered 200: stored, so each must be answered. */
  readonly accepted = new Set<string>();
  /** Every answer other than 200 along the way, `status retry-after` → count (status 0: no answer at all). */
  readonly refusals = new Map<string, number>();
  /** Messages answered with a 4xx: never expected. */
  readonly rejected: { id: string; status: number }[] = [];
  private readonly deliveries = new Set<Promise<void>>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private sent = 0;

  constructor(
    private readonly sim: TeamsSim,
    private readonly options: LiveChatOptions,
  ) {}

  get conversations(): string[] {
    return Array.from({ length: this.options.people }, (_, n) => `a:${this.options.label}-person-${n}`);
  }

  start(): void {
    this.timer = setInterval(() => this.ask(), 1_000 / this.options.perSecond);
  }

  /** Stops asking and waits until every message was taken (or given up on after two minutes). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all(this.deliveries);
  }

  /** How many replies (2xx at the Bot Connector) each accepted message got. */
  answers(): Map<string, number> {
    const counts = new Map([...this.accepted].map((id) => [id, 0]));
    for (const call of this.sim.connectorCalls) {
      if (call.operation === 'replyToActivity' && call.status < 300 && counts.has(call.activityId ?? '')) counts.set(call.activityId!, counts.get(call.activityId!)! + 1);
    }
    return counts;
  }

  private ask(): void {
    const n = this.sent++;
    const conversationId = this.conversations[n % this.options.people]!;
    const { tenantId } = this.options;
    const activity = {
      type: 'message',
      id: `${this.options.label}-${n}`,
      channelId: 'msteams',
      serviceUrl: this.sim.serviceUrl,
      text: 'help',
      timestamp: new Date().toISOString(),
      from: { id: `29:${conversationId}` },
      recipient: { id: `28:${DEV_APP_ID}`, name: 'Herald' },
      conversation: { id: conversationId, conversationType: 'personal', tenantId },
      channelData: { tenant: { id: tenantId } },
    };
    const delivery = this.deliver(activity).finally(() => this.deliveries.delete(delivery));
    this.deliveries.add(delivery);
  }

  private async deliver(activity: { id: string }): Promise<void> {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const answer = await this.sim.postActivity(activity).then(
        async (response) => {
          await response.arrayBuffer();
          return { status: response.status, retryAfter: response.headers.get('retry-after') };
        },
        () => ({ status: 0, retryAfter: null }),
      );
      if (answer.status === 200) return void this.accepted.add(activity.id);
      const key = `${answer.status}${answer.retryAfter === null ? '' : ` retry-after ${answer.retryAfter}`}`;
      this.refusals.set(key, (this.refusals.get(key) ?? 0) + 1);
      if (answer.status >= 400 && answer.status < 500 && answer.status !== 429) return void this.rejected.push({ id: activity.id, status: answer.status });
      if (Date.now() > deadline) return;
      await new Promise((resolve) => setTimeout(resolve, Math.min(Number(answer.retryAfter ?? 0.25) * 1_000, 1_000)));
    }
  }
}
