import { accountAnswerSchema, deriveId, metadataFor, type InboundActivity, type OutboundActivity } from '@herald/contracts';
import { botTranslatorFor } from '@herald/i18n';
import type { MessageBus } from '@herald/messaging';
import type { Logger } from '@herald/telemetry';

/** The auth service's answer takes a Postgres read and at most one event append. */
const ACCOUNT_TIMEOUT_MS = 2_500;

/** The auth service owns sign-in: the router asks it what to answer `signin` and `signout` (request/reply). */
export class AccountClient {
  constructor(
    private readonly bus: MessageBus,
    private readonly logger: Logger,
  ) {}

  /** The answer to `signin` (an OAuth card) or `signout` (what was done), from the subject auth serves it on. */
  async answer(subject: string, activity: InboundActivity, cause: { id: string; now: Date }): Promise<OutboundActivity> {
    const request = { type: 'AccountRequested', data: { activity }, metadata: metadataFor({ id: deriveId('AccountRequested', subject, cause.id), occurredAt: cause.now }) };
    try {
      return accountAnswerSchema.parse(await this.bus.request(subject, request, ACCOUNT_TIMEOUT_MS)).activity;
    } catch (error) {
      this.logger.warn({ err: error, activityId: activity.id }, 'sign-in unavailable');
      return { type: 'message', textFormat: 'plain', text: botTranslatorFor(activity)('signin.unavailable') };
    }
  }
}
