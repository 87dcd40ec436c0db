import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthError, InboundTokenVerifier, type VerifiedToken } from '@herald/bot-auth';
import type { Logger } from '@herald/telemetry';
import { authorizationHeaders } from './authorization-headers.js';

/** The Bot Framework messaging endpoint (the controller's route). */
export const MESSAGES_PATH = 'api/messages';

const TITLES: Record<AuthError['status'], string> = { 401: 'Unauthorized', 403: 'Forbidden', 503: 'Service Unavailable' };

/**
 * Authentication before parsing: a Fastify `onRequest` hook checks the token of every
 * `POST /api/messages` before Fastify reads or parses its body, so a caller without a valid token
 * gets 401 (503 while signing keys cannot be fetched) whatever it sent, learns nothing about the
 * schema and costs no parsing. The controller then reads the verified token with `tokenOf`.
 */
export class CallerAuthentication {
  private readonly tokens = new WeakMap<FastifyRequest['raw'], VerifiedToken>();

  constructor(
    private readonly verifier: InboundTokenVerifier,
    private readonly logger: Logger,
  ) {}

  readonly onRequest = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    if (request.method !== 'POST' || request.routeOptions.url !== `/${MESSAGES_PATH}`) return undefined;
    try {
      this.tokens.set(request.raw, await this.verifier.authenticate(authorizationHeaders(request)));
      return undefined;
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      this.logger.warn({ status: error.status, check: error.check, reason: error.message }, 'activity refused');
      const headers = error.status === 503 ? { 'retry-after': '10' } : {};
      const problem = { type: 'about:blank', title: TITLES[error.status], status: error.status, detail: error.message };
      return reply.code(error.status).headers(headers).type('application/problem+json').send(problem);
    }
  };

  /** The token `onRequest` verified for this request; none means the hook is not installed (fail closed). */
  tokenOf(request: FastifyRequest): VerifiedToken {
    const token = this.tokens.get(request.raw);
    if (!token) throw new Error('POST /api/messages reached the controller without an authenticated token');
    return token;
  }
}
