import { createHash } from 'node:crypto';
import { deriveId, metadataFor, SUBJECTS, tokenExchangeSettledSchema, type InvokeResponse, type TokenExchangeSettled } from '@herald/contracts';
import { ConcurrencyError, type EventStore } from '@herald/event-sourcing';
import type { MessageBus } from '@herald/messaging';

const POLL_MS = 150;

/**
 * Teams sends the same `signin/tokenExchange` (same `value.id`) to every device the person is
 * signed in on, and they may reach different gateway and auth replicas. The first to claim the
 * exchange in JetStream (create-if-absent) does it and records its answer; the others wait for
 * that answer and give the same status, without linking or messaging again.
 */
export class ExchangeOnce {
  constructor(
    private readonly bus: MessageBus,
    private readonly events: EventStore,
    private readonly waitMs = 6_000,
  ) {}

  /** `exchange` runs on one replica only; `refused` answers a copy whose first is still running when the wait ends. */
  async run(exchangeId: string, exchange: () => Promise<InvokeResponse>, refused: () => InvokeResponse): Promise<InvokeResponse> {
    const token = createHash('sha256').update(exchangeId).digest('hex');
    if (!(await this.bus.claim(SUBJECTS.tokenExchangeClaimed(token)))) return this.answerOfFirst(token, refused);
    const answer = await exchange();
    await this.settle(token, exchangeId, answer.status);
    return answer;
  }

  private async settle(token: string, exchangeId: string, status: number): Promise<void> {
    const settled: TokenExchangeSettled = {
      type: 'TokenExchangeSettled',
      data: { exchangeId, status },
      metadata: metadataFor({ id: deriveId('TokenExchangeSettled', exchangeId), occurredAt: new Date() }),
    };
    try {
      await this.events.append(SUBJECTS.tokenExchangeSettled(token), [settled], { expectedLastSequence: 0 });
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
    }
  }

  private async answerOfFirst(token: string, refused: () => InvokeResponse): Promise<InvokeResponse> {
    const deadline = Date.now() + this.waitMs;
    while (Date.now() < deadline) {
      const { events } = await this.events.read(SUBJECTS.tokenExchangeSettled(token), (raw) => tokenExchangeSettledSchema.parse(raw));
      const status = events[0]?.event.data.status;
      if (status === 200) return { status: 200 };
      if (status !== undefined) return refused();
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    return refused();
  }
}
