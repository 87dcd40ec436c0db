import type { FastifyRequest } from 'fastify';
import { UserTokenRefused, type UserIdentity, type UserTokenVerifier } from '@herald/bot-auth';
import type { ConsoleAuthor } from '@herald/contracts';
import type { Logger } from '@herald/telemetry';
import { Problem } from '../../problem-details.filter.js';
import type { AuthorsGroup } from './authors-group.js';

/** The problem type of a person who signed in fine but is not an author. */
export const NOT_AN_AUTHOR = 'https://herald.dev/problems/not-an-author';

const BEARER = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/;
const KEYS_RETRY_SECONDS = '10';

/**
 * Who may use the messages console: a person with a valid Entra access token for Herald (the
 * Teams tab's SSO token, or the console's browser sign-in) who is an author — their UPN is in
 * HERALD_AUTHORS, or they are a member of the HERALD_AUTHORS_GROUP_ID group.
 * No or a bad token: 401; not an author: 403 (`NOT_AN_AUTHOR`); keys or graph-sync down: 503.
 */
export class ConsoleAuthors {
  private readonly upns: ReadonlySet<string>;

  constructor(
    private readonly tokens: UserTokenVerifier,
    authorUpns: readonly string[],
    private readonly group: AuthorsGroup | undefined,
    private readonly logger: Logger,
  ) {
    this.upns = new Set(authorUpns.map((upn) => upn.toLowerCase()));
  }

  async identify(request: FastifyRequest): Promise<ConsoleAuthor> {
    const person = await this.person(request.headers.authorization);
    if (person.upn && this.upns.has(person.upn.toLowerCase())) return authorOf(person);
    if (this.group && (await this.group.has(person))) return authorOf(person);
    this.logger.info({ aadObjectId: person.aadObjectId, tenantId: person.tenantId }, 'console refused: not an author');
    throw new Problem(403, 'You are not an author of this Herald. Ask its administrators to add you to the authors group (HERALD_AUTHORS_GROUP_ID) or to HERALD_AUTHORS.', {}, undefined, { type: NOT_AN_AUTHOR });
  }

  private async person(authorization: string | undefined): Promise<UserIdentity> {
    const token = BEARER.exec(authorization ?? '')?.[1];
    if (!token) throw new Problem(401, 'sign in: the console needs an Entra access token (Authorization: Bearer)', { 'www-authenticate': 'Bearer' });
    try {
      return await this.tokens.verify(token);
    } catch (error) {
      if (!(error instanceof UserTokenRefused)) throw error;
      if (error.retryable) throw new Problem(503, error.message, { 'retry-after': KEYS_RETRY_SECONDS });
      this.logger.warn({ reason: error.message }, 'console refused a token');
      throw new Problem(401, error.message, { 'www-authenticate': 'Bearer error="invalid_token"' });
    }
  }
}

function authorOf(person: UserIdentity): ConsoleAuthor {
  return { aadObjectId: person.aadObjectId, tenantId: person.tenantId, ...(person.upn ? { upn: person.upn } : {}), ...(person.name ? { name: person.name } : {}) };
}
