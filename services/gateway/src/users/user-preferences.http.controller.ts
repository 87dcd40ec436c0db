import { Body, Controller, Get, Inject, Param, Put, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { preferencesUpdateSchema, type PreferencesDocument } from '@herald/contracts';
import { LOGGER, type Logger } from '@herald/telemetry';
import { NotificationApi } from '../notifications/notification-api.js';
import { parseBody, Problem } from '../problem-details.filter.js';
import { PreferencesClient } from './preferences.client.js';

const AAD_OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A person's notification preferences, for integrating apps: `GET` (scope `preferences:read`) and
 * `PUT` (`preferences:write`; the fields given are set, the others kept; `quietHours: null`
 * removes them), both answered with the preferences as they are. A caller restricted to tenants
 * sees only their people.
 */
@Controller('api/v1/users/:aadObjectId/preferences')
export class UserPreferencesController {
  constructor(
    @Inject(NotificationApi) private readonly api: NotificationApi,
    @Inject(PreferencesClient) private readonly preferences: PreferencesClient,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Get()
  async read(@Param('aadObjectId') aadObjectId: string, @Req() request: FastifyRequest): Promise<PreferencesDocument> {
    const caller = await this.api.caller(request, 'preferences:read');
    return this.preferences.ask(checked(aadObjectId), caller);
  }

  @Put()
  async write(@Param('aadObjectId') aadObjectId: string, @Body() body: unknown, @Req() request: FastifyRequest): Promise<PreferencesDocument> {
    const caller = await this.api.caller(request, 'preferences:write');
    const changes = parseBody(preferencesUpdateSchema, body);
    const preferences = await this.preferences.ask(checked(aadObjectId), caller, changes);
    this.logger.info({ caller: caller.id, fields: Object.keys(changes) }, 'preferences set');
    return preferences;
  }
}

function checked(aadObjectId: string): string {
  if (!AAD_OBJECT_ID.test(aadObjectId)) throw new Problem(400, 'aadObjectId: an Entra object id (a UUID)', {}, 'aadObjectId');
  return aadObjectId.toLowerCase();
}
