import { createHash } from 'node:crypto';
import {
  deriveId,
  metadataFor,
  SUBJECTS,
  tokenExchangeClaimedSchema,
  tokenExchangeSettledSchema,
  type InvokeResponse,
  type TokenExchangeClaimed,
  type TokenExchangeSettled,
} from '@herald/contracts';
import { ConcurrencyError, type EventStore } from '@herald/event-sourcing';

const POLL_MS = 150;

export interface ExchangeOnceOptions {
  /** How long a copy waits for the first replica's answer (the gateway gives the invoke 12 s). */
  readonly waitMs: number;
  /** A claim this old without an answer is stale (its replica died): a copy takes the exchange over. */
  readonly leaseMs: number;
}

/**
 * Teams sends the same `signin/tokenExchange` (same `value.id`) to every device the person is
 * signed in on, and they may reach different gateway and auth replicas. The first to claim the
 * exchange of that Teams user in JetStream (create-if-absent) does it and records its answer;
 * the others wait for that answer and give the same status, without linking or messaging again.
 * A claim left without an answer past its lease (the replica died) is taken over by a copy:
 * doing it again is safe, for what it records and sends derives its ids from the exchange.
 */
export class ExchangeOnce {
  constructor(
    private readonly events: EventStore,
    private readonly options: ExchangeOnceOptions = { waitMs: 10_000, leaseMs: 12_000 },
  ) {}

  /** `exchange` runs on one replica at a time; `refused` answers a copy whose first is still running when the wait ends. */
  async run(exchange: { id: string; teamsUserId: string }, work: () => Promise<InvokeResponse>, refused: () => InvokeResponse): Promise<InvokeResponse> {
    const token = createHash('sha256').update(`${exchange.id}\u0000${exchange.teamsUserId}`).digest('hex');
    const deadline = Date.now() + this.options.waitMs;
    for (;;) {
      const settled = await this.settledStatus(token);
      if (settled !== undefined) return settled === 200 ? { status: 200 } : refused();
      if (await this.claim(token, exchange.id)) {
        const answer = await work();
        // Unrecorded, the answer is still right here; copies then take the exchange over once the lease ends.
        await this.settle(token, exchange.id, answer.status).catch(() => undefined);
        return answer;
      }
      if (Date.now() >= deadline) return refused();
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  /** Claims the exchange: the first claim, or a new one over a claim whose lease ran out. */
  private async claim(token: string, exchangeId: string): Promise<boolean> {
    const subject = SUBJECTS.tokenExchangeClaimed(token);
    const { events, lastSequence } = await this.events.read(subject, (raw) => tokenExchangeClaimedSchema.parse(raw));
    const latest = events.at(-1)?.event;
    if (latest && Date.now() - Date.parse(latest.metadata.occurredAt) < this.options.leaseMs) return false;
    const claimed: TokenExchangeClaimed = { type: 'TokenExchangeClaimed', data: { exchangeId }, metadata: metadataFor({ occurredAt: new Date() }) };
    try {
      await this.events.append(subject, [claimed], { expectedLastSequence: lastSequence });
      return true;
    } catch (error) {
      if (error instanceof ConcurrencyError) return false;
      throw error;
    }
  }

  private async settledStatus(token: string): Promise<number | undefined> {
    const { events } = await this.events.read(SUBJECTS.tokenExchangeSettled(token), (raw) => tokenExchangeSettledSchema.parse(raw));
    return events[0]?.event.data.status;
  }

  private async settle(token: string, exchangeId: string, status: number): Promise<void> {
    const settled: TokenExchangeSettled = {
      type: 'TokenExchangeSettled',
      data: { exchangeId, status },
      metadata: metadataFor({ id: deriveId('TokenExchangeSettled', token), occurredAt: new Date() }),
    };
    try {
      await this.events.append(SUBJECTS.tokenExchangeSettled(token), [settled], { expectedLastSequence: 0 });
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
    }
  }
}
