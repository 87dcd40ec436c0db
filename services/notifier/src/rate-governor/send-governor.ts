import { METRICS } from '@herald/health';
import type { ConversationWindows } from './conversation-windows.js';
import type { Priority, TenantSendSlots } from './tenant-send-slots.js';

/** Every Bot Connector call the notifier makes waits here first: the conversation's windows, then a tenant slot. */
export class SendGovernor {
  constructor(
    private readonly conversations: ConversationWindows,
    private readonly tenants: TenantSendSlots,
  ) {}

  async beforeSend(target: { conversationId?: string | undefined; tenantId?: string | undefined }, priority: Priority): Promise<void> {
    const stop = METRICS.sendSlotWait.startTimer({ priority });
    if (target.conversationId) await this.conversations.acquire(target.conversationId);
    await this.tenants.acquire(target.tenantId ?? '', priority);
    stop();
  }
}
