import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { cardDataOf, deriveId, settingsRequestedSchema, SUBJECTS, type SettingsCard } from '@herald/contracts';
import { LOGGER, type Logger } from '@herald/telemetry';
import { SettingsBook } from './settings-book.js';
import { settingsCard, valuesFromCard } from './settings-card.js';

/** The settings card the router asks for (request/reply): shown as they are, or after saving the toggles. */
@Controller()
export class AnswerSettingsHandler {
  constructor(
    @Inject(SettingsBook) private readonly settings: SettingsBook,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @MessagePattern(SUBJECTS.settingsRequest)
  async answer(@Payload() payload: unknown): Promise<SettingsCard> {
    const request = settingsRequestedSchema.parse(payload);
    const { activity, save } = request.data;
    let notice: string | undefined;
    if (save) {
      const changed = await this.settings.save(activity, valuesFromCard(cardDataOf(activity)), { id: deriveId('ChangeUserSettings', request.metadata.id), now: new Date() });
      notice = changed.length > 0 ? 'Saved.' : 'Nothing changed.';
      this.logger.info({ changed }, 'settings saved');
    }
    return { card: settingsCard(await this.settings.settingsOf(activity), notice) };
  }
}
