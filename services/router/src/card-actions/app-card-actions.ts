import { deriveId, metadataFor, type InboundActivity } from '@herald/contracts';
import { botTranslatorFor } from '@herald/i18n';
import { SUBJECTS } from '@herald/contracts';
import type { MessageBus } from '@herald/messaging';
import type { Logger } from '@herald/telemetry';
import { notAvailable, type CardAnswer } from './card-answer.js';

/** The app's own 5 s, plus Herald's steps; inside the gateway's card-action deadline. */
const APP_ANSWER_TIMEOUT_MS = 7_000;

/**
 * The extension point for card verbs Herald does not own: asks whoever serves
 * `SUBJECTS.appCardAction` (the notifications feature, which forwards to the integrating app)
 * over NATS request/reply. Nobody serving it, a timeout or a failure → "This action is not
 * available." (never an error card).
 */
export class AppCardActions {
  constructor(
    private readonly bus: MessageBus,
    private readonly logger: Logger,
  ) {}

  async answer(activity: InboundActivity, cause: { id: string; now: Date }): Promise<CardAnswer> {
    const request = { type: 'CardActionForwarded', data: { activity }, metadata: metadataFor({ id: deriveId('CardActionForwarded', cause.id), occurredAt: cause.now }) };
    try {
      const reply = (await this.bus.request(SUBJECTS.appCardAction, request, APP_ANSWER_TIMEOUT_MS)) as Partial<{ card: Record<string, unknown>; text: string }>;
      if (reply.card && typeof reply.card === 'object') return { card: reply.card };
      if (typeof reply.text === 'string') return { text: reply.text };
      return notAvailable(botTranslatorFor(activity));
    } catch (error) {
      this.logger.info({ err: error, activityId: activity.id }, 'no app answered the card action');
      return notAvailable(botTranslatorFor(activity));
    }
  }
}
