import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { cardDataOf, deriveId, isLocale, isTimeZone, personOf, settingsRequestedSchema, SUBJECTS, type InboundActivity, type PreferenceChanges, type SettingsCard } from '@herald/contracts';
import { botTranslatorFor, type BotTranslate } from '@herald/i18n';
import { LOGGER, type Logger } from '@herald/telemetry';
import { SettingsBook } from './settings-book.js';
import { settingsCard, type Notice } from './settings-card.js';
import { changesFromCard } from './settings-card-values.js';
import { PreferenceRefused } from './user-preferences.decider.js';
import { initialState } from './user-preferences.js';

/**
 * The settings card the router asks for (request/reply): shown as it is, or after saving what
 * the person set on it. The first time a person is seen, the time zone and language their Teams
 * client reports become their defaults. The card is in the language of the activity (its
 * `locale`, `clientInfo`), else of the person's preference, else English.
 */
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
    const person = personOf(activity);
    const now = new Date();
    await this.settings.change(person, defaultsFrom(activity), 'firstSeen', { id: deriveId('FirstSeen', request.metadata.id), now });
    const known = await this.settings.preferencesOf(person.userKey);
    const t = botTranslatorFor(activity, known?.locale);
    const notice = save ? await this.save(activity, t, { id: deriveId('ChangeUserPreferences', request.metadata.id), now }) : undefined;
    return { card: settingsCard((save ? await this.settings.preferencesOf(person.userKey) : known) ?? initialState(), t, notice) };
  }

  private async save(activity: InboundActivity, t: BotTranslate, cause: { id: string; now: Date }): Promise<Notice> {
    const person = personOf(activity);
    const current = (await this.settings.preferencesOf(person.userKey)) ?? initialState();
    try {
      const events = await this.settings.change(person, changesFromCard(cardDataOf(activity), current), 'card', cause);
      this.logger.info({ changed: events.length > 0 }, 'settings saved');
      return events.length > 0 ? { text: t('settings.saved'), color: 'Good' } : { text: t('settings.unchanged'), color: 'Default' };
    } catch (error) {
      if (!(error instanceof PreferenceRefused)) throw error;
      return { text: t('settings.notSaved', { reason: error.message }), color: 'Attention' };
    }
  }
}

/** The time zone (`clientInfo` entity) and language (`locale`) Teams sent with the activity, when they are usable. */
function defaultsFrom(activity: InboundActivity): PreferenceChanges {
  const clientInfo = activity.entities?.find((entity) => entity.type === 'clientInfo') as { timezone?: unknown; locale?: unknown } | undefined;
  const timeZone = typeof clientInfo?.timezone === 'string' ? clientInfo.timezone : undefined;
  const locale = activity.locale ?? (typeof clientInfo?.locale === 'string' ? clientInfo.locale : undefined);
  return { ...(timeZone && isTimeZone(timeZone) ? { timeZone } : {}), ...(locale && isLocale(locale) ? { locale } : {}) };
}
