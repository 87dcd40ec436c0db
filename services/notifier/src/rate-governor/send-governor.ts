import { METRICS } from '@herald/health';
import type { ConversationWindows } from './conversation-windows.js';
import type { Priority, TenantSendSlots } from './tenant-send-slots.js';

/** How long one 429 holds a tenant's other sends back. */
const TENANT_BACKOFF_MS = 250;

/** The send may go now; or it should be tried again in `retryInMs` (its message rescheduled, not held). */
export type Clearance = { go: true } | { go: false; retryInMs: number };

export interface SendGovernorOptions {
  /** The longest wait taken while holding a message; anything longer is rescheduled (default 1 s for a conversation, 5 s for a tenant slot). */
  maxConversationWaitMs?: number;
  maxTenantWaitMs?: number;
}

/** Every Bot Connector call the notifier makes asks here first: the conversation's windows, then a tenant slot. */
export class SendGovernor {
  private readonly maxConversationWaitMs: number;
  private readonly maxTenantWaitMs: number;

  constructor(
    private readonly conversations: ConversationWindows,
    private readonly tenants: TenantSendSlots,
    options: SendGovernorOptions = {},
  ) {
    this.maxConversationWaitMs = options.maxConversationWaitMs ?? 1_000;
    this.maxTenantWaitMs = options.maxTenantWaitMs ?? 5_000;
  }

  /** Waits (briefly) until the send fits every limit, or says when to come back. */
  async clear(target: { conversationId?: string | undefined; tenantId?: string | undefined }, priority: Priority): Promise<Clearance> {
    const stop = METRICS.sendSlotWait.startTimer({ priority });
    const { conversationId } = target;
    const reservation = conversationId ? this.conversations.reserve(conversationId, this.maxConversationWaitMs) : { waitMs: 0, at: undefined };
    if ('laterMs' in reservation) return { go: false, retryInMs: reservation.laterMs };
    let cleared = false;
    try {
      cleared = await this.tenants.acquire(target.tenantId ?? '', priority, this.maxTenantWaitMs);
    } finally {
      // A conversation time reserved for a send that is not going now is given back.
      if (!cleared && conversationId && reservation.at !== undefined) this.conversations.release(conversationId, reservation.at);
    }
    // Paused after a 429: come back when the pause ends, not every second (jittered, so the backlog does not return at once).
    if (!cleared) return { go: false, retryInMs: Math.max(1_000, this.tenants.pausedFor(target.tenantId ?? '')) + Math.round(Math.random() * 500) };
    await sleep(reservation.at === undefined ? 0 : reservation.at - Date.now());
    stop();
    return { go: true };
  }

  /**
   * Teams answered 429 for this tenant: every replica holds the tenant's sends back for a moment
   * (at most TENANT_BACKOFF_MS; the throttled send itself waits its whole Retry-After). Retry-After
   * counts whole seconds, and one send past the limit would otherwise stop a broadcast for a second;
   * a tenant Teams keeps throttling keeps answering 429s, and each one holds it back again.
   */
  throttled(tenantId: string | undefined, retryAfterMs: number): void {
    this.tenants.pause(tenantId ?? '', Math.min(retryAfterMs, TENANT_BACKOFF_MS));
  }
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
