import { deriveId, metadataFor, settingsCardSchema, SUBJECTS, type InboundActivity } from '@herald/contracts';
import { botTranslatorFor } from '@herald/i18n';
import type { MessageBus } from '@herald/messaging';
import type { Logger } from '@herald/telemetry';
import type { CardAnswer } from './card-answer.js';

const SETTINGS_TIMEOUT_MS = 2_500;

/** The auth service owns settings: the router asks it for the settings card (request/reply). */
export class SettingsClient {
  constructor(
    private readonly bus: MessageBus,
    private readonly logger: Logger,
  ) {}

  /** The person's settings card; `save`: the toggles of the card acted on are saved first. */
  async card(activity: InboundActivity, save: boolean, cause: { id: string; now: Date }): Promise<CardAnswer> {
    const request = { type: 'SettingsRequested', data: { activity, save }, metadata: metadataFor({ id: deriveId('SettingsRequested', cause.id), occurredAt: cause.now }) };
    try {
      return settingsCardSchema.parse(await this.bus.request(SUBJECTS.settingsRequest, request, SETTINGS_TIMEOUT_MS));
    } catch (error) {
      this.logger.warn({ err: error, activityId: activity.id }, 'settings unavailable');
      return { text: botTranslatorFor(activity)('settings.unavailable') };
    }
  }
}
