import { metadataFor, preferencesAnswerSchema, SUBJECTS, type PreferenceChanges, type PreferencesDocument } from '@herald/contracts';
import type { MessageBus } from '@herald/messaging';
import type { Logger } from '@herald/telemetry';
import { Problem } from '../problem-details.filter.js';
import type { ApiPrincipal } from '../notifications/api-principal.js';

const PREFERENCES_TIMEOUT_MS = 3_000;

/** People's preferences are the auth service's: the gateway asks it (request/reply) and turns its answer into HTTP. */
export class PreferencesClient {
  constructor(
    private readonly bus: MessageBus,
    private readonly logger: Logger,
  ) {}

  /** The person's preferences (after `changes`, when given): 404 for nobody this caller may see, 400 naming the field of a refused change, 503 when auth does not answer. */
  async ask(aadObjectId: string, caller: ApiPrincipal, changes?: PreferenceChanges): Promise<PreferencesDocument> {
    const request = { type: 'PreferencesRequested', data: { aadObjectId, tenants: caller.tenants, ...(changes ? { changes } : {}) }, metadata: metadataFor({ occurredAt: new Date() }) };
    let answer: unknown;
    try {
      answer = await this.bus.request(SUBJECTS.preferencesRequest, request, PREFERENCES_TIMEOUT_MS);
    } catch (error) {
      this.logger.warn({ err: error, caller: caller.id }, 'the auth service did not answer for preferences');
      throw new Problem(503, 'preferences are unavailable; retry later', { 'retry-after': '5' });
    }
    const parsed = preferencesAnswerSchema.parse(answer);
    if (parsed.outcome === 'unknown') throw new Problem(404, `Herald knows nobody with Entra object id ${aadObjectId} that this caller may see`);
    if (parsed.outcome === 'refused') throw new Problem(400, `${parsed.field}: ${parsed.message}`, {}, parsed.field);
    return parsed.preferences;
  }
}
