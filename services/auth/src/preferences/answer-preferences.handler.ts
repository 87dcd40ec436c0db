import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { deriveId, preferencesRequestedSchema, SUBJECTS, type PreferencesAnswer, type PreferencesRequested } from '@herald/contracts';
import { DATABASE, type EntityManager, type MikroORM } from '@herald/persistence';
import { LOGGER, type Logger } from '@herald/telemetry';
import { SettingsBook } from '../settings/settings-book.js';
import { PreferenceRefused } from '../settings/user-preferences.decider.js';
import { initialState, type PreferencesState } from '../settings/user-preferences.js';
import { installedPerson } from '../people/installed-people.projection.js';
import { findPreferences } from './user-preferences.projection.js';

/**
 * `GET` / `PUT /api/v1/users/{aadObjectId}/preferences`, answered for the gateway (request/reply).
 * A person is known once Teams installed Herald for them, or a settings event was recorded of
 * them (their settings card); a caller restricted to tenants sees only their people.
 * A read comes from the `user_preferences` projection (the event log when it has not caught up);
 * a change is decided on the event log, and answered with the preferences it left.
 */
@Controller()
export class AnswerPreferencesHandler {
  constructor(
    @Inject(SettingsBook) private readonly settings: SettingsBook,
    @Inject(DATABASE) private readonly database: MikroORM,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @MessagePattern(SUBJECTS.preferencesRequest)
  async answer(@Payload() payload: unknown): Promise<PreferencesAnswer> {
    const { data, metadata } = preferencesRequestedSchema.parse(payload);
    const em = this.database.em.fork();
    if (!data.changes) return this.found(data, (await findPreferences(em, data.aadObjectId)) ?? (await this.settings.preferencesOf(data.aadObjectId)) ?? (await this.installed(em, data.aadObjectId)));
    const current = (await this.settings.preferencesOf(data.aadObjectId)) ?? (await this.installed(em, data.aadObjectId));
    if (!current?.person || !visible(current, data.tenants)) return { outcome: 'unknown' };
    try {
      const events = await this.settings.change({ userKey: data.aadObjectId, ...current.person }, data.changes, 'api', { id: deriveId('ChangeUserPreferences', metadata.id), now: new Date() });
      this.logger.info({ changed: events.length > 0 }, 'preferences set through the API');
    } catch (error) {
      if (error instanceof PreferenceRefused) return { outcome: 'refused', field: error.field, message: error.message };
      throw error;
    }
    return this.found(data, await this.settings.preferencesOf(data.aadObjectId));
  }

  /** Someone Teams installed Herald for who never set anything: the defaults, as theirs. */
  private async installed(em: EntityManager, aadObjectId: string): Promise<PreferencesState | undefined> {
    const person = await installedPerson(em, aadObjectId);
    return person ? { ...initialState(), person } : undefined;
  }

  private found(request: PreferencesRequested['data'], state: PreferencesState | undefined): PreferencesAnswer {
    if (!state || !visible(state, request.tenants)) return { outcome: 'unknown' };
    const { notifications, timeZone, locale, quietHours, topics } = state;
    return {
      outcome: 'found',
      preferences: { aadObjectId: request.aadObjectId, tenantId: state.person?.tenantId ?? null, notifications, timeZone: timeZone ?? null, locale: locale ?? null, quietHours, topics: { ...topics } },
    };
  }
}

/** Every caller sees everyone; one restricted to tenants sees the people of those tenants. */
function visible(state: PreferencesState, tenants: PreferencesRequested['data']['tenants']): boolean {
  if (tenants === '*') return true;
  const tenantId = state.person?.tenantId;
  return tenantId !== undefined && tenants.includes(tenantId);
}
