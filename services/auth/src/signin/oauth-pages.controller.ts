import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BrowserRequest, OidcOutcome, OidcSignin, SigninStates } from '@herald/bot-auth';
import { LOGGER, type Logger } from '@herald/telemetry';
import type { GraphProfileClient } from './graph-profile.client.js';
import type { SigninCodes } from './signin-codes.js';
import { UserTokenRefused } from '@herald/bot-auth';
import { sendHtmlPage } from '../browser-pages/html-page.js';
import { codePage, problemPage } from './signin-pages.js';
import { signinPageText, type SigninProblem } from './signin-pages.messages.js';

export const OAUTH_PAGES = Symbol('OAuthPagesDeps');
export interface OAuthPagesDeps {
  readonly states: SigninStates;
  readonly oidc: OidcSignin;
  readonly codes: SigninCodes;
  readonly graph: GraphProfileClient;
  readonly teamsJsUrl: string;
}

/** passport-azure-ad prefixes a custom state with "CUSTOM" and 32 characters of its own. */
const PASSPORT_STATE_PREFIX = 38;

/**
 * The OAuth fallback's browser half: `/auth/start?state=…` (from the OAuth card's button) sends
 * the person to Entra ID; `/auth/callback` takes them back, signed in, to a page with their code.
 */
@Controller('auth')
export class OAuthPagesController {
  constructor(
    @Inject(OAUTH_PAGES) private readonly deps: OAuthPagesDeps,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Get('start')
  async start(@Query('state') state: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const starter = typeof state === 'string' ? this.deps.states.verify(state, new Date()) : undefined;
    if (!starter || typeof state !== 'string') return this.problem(request, reply, 400, 'invalidLink');
    const outcome = await this.deps.oidc.start(browserRequest(request), state, starter.tenantId, this.deps.states.codeVerifier(state));
    if (outcome.kind !== 'redirect') return this.failed(request, reply, outcome);
    void reply.header('set-cookie', outcome.setCookies).header('cache-control', 'no-store').redirect(outcome.url, 302);
  }

  @Get('callback')
  async callback(@Query() query: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const raw = typeof query['state'] === 'string' ? query['state'] : '';
    const state = raw.startsWith('CUSTOM') ? raw.slice(PASSPORT_STATE_PREFIX) : '';
    const starter = this.deps.states.verify(state, new Date());
    if (!starter) return this.problem(request, reply, 400, 'expired');
    if (typeof query['error'] === 'string') {
      this.logger.warn({ error: query['error'] }, 'sign-in refused by Entra ID');
      return this.problem(request, reply, 400, 'refused', query['error']);
    }
    const outcome = await this.deps.oidc.callback(browserRequest(request), starter.tenantId, this.deps.states.codeVerifier(state));
    if (outcome.kind !== 'signedIn') return this.failed(request, reply, outcome);
    void reply.header('set-cookie', outcome.setCookies);
    // Only the person who asked may sign in for their Teams account: a link forwarded to a colleague links nobody.
    const signedInAs = outcome.account.aadObjectId.toLowerCase();
    if (starter.aadObjectId && starter.aadObjectId.toLowerCase() !== signedInAs) {
      this.logger.warn({ method: 'oauth' }, 'browser sign-in by another account than the Teams user who asked');
      return this.problem(request, reply, 403, 'notYours');
    }
    const profile = await this.deps.graph.profileWith(outcome.graphToken).catch((error: unknown) => {
      if (error instanceof UserTokenRefused) return error;
      throw error;
    });
    if (profile instanceof UserTokenRefused || profile.id.toLowerCase() !== signedInAs) {
      this.logger.warn({ reason: profile instanceof UserTokenRefused ? profile.message : 'Graph named another account' }, 'browser sign-in: no profile');
      return this.problem(request, reply, 503, 'noProfile');
    }
    const account = { aadObjectId: profile.id, tenantId: outcome.account.tenantId, upn: profile.userPrincipalName, displayName: profile.displayName };
    const code = await this.deps.codes.issue(starter, account, new Date());
    this.logger.info({ method: 'oauth' }, 'browser sign-in completed; code issued');
    return sendHtmlPage(reply, 200, codePage(code, this.deps.teamsJsUrl, signinPageText(request.headers['accept-language'])));
  }

  private failed(request: FastifyRequest, reply: FastifyReply, outcome: OidcOutcome): void {
    this.logger.warn({ reason: outcome.kind === 'failed' ? outcome.reason : outcome.kind }, 'browser sign-in failed');
    if (outcome.setCookies.length > 0) void reply.header('set-cookie', outcome.setCookies);
    return this.problem(request, reply, 400, 'unconfirmed');
  }

  private problem(request: FastifyRequest, reply: FastifyReply, status: number, problem: SigninProblem, detail?: string): void {
    return sendHtmlPage(reply, status, problemPage(problem, signinPageText(request.headers['accept-language']), detail));
  }
}

function browserRequest(request: FastifyRequest): BrowserRequest {
  const query = Object.fromEntries(Object.entries(request.query as Record<string, unknown>).map(([key, value]) => [key, typeof value === 'string' ? value : undefined]));
  return { query, cookieHeader: request.headers.cookie, userAgent: request.headers['user-agent'] };
}
