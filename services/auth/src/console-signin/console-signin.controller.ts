import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LOGGER, type Logger } from '@herald/telemetry';
import { sendHtmlPage } from '../browser-pages/html-page.js';
import type { ConsoleEntraClient, Redeemed } from './console-entra.client.js';
import { allowedReturnTo, returnWithToken } from './console-return-to.js';
import type { ConsoleSigninStates } from './console-signin-state.js';
import { consoleProblemPage } from './console-signin-pages.js';
import { consoleSigninText, type ConsoleSigninText, type ProblemKind } from './console-signin.messages.js';

export const CONSOLE_SIGNIN = Symbol('ConsoleSigninDeps');
export interface ConsoleSigninDeps {
  readonly states: ConsoleSigninStates;
  readonly entra: ConsoleEntraClient;
  /** The console's public URL, e.g. https://herald.example/console: the only place a sign-in returns to. */
  readonly consoleUrl: string;
  /** This service's public URL (AUTH_PUBLIC_URL). */
  readonly publicUrl: string;
}

const COOKIE = 'herald-console-signin';
const LOCALE = /^[a-z]{2,3}(-[a-z0-9]{2,8}){0,3}$/i;
type Query = Record<string, unknown>;
const stringParam = (value: unknown, max = 256): string | undefined => (typeof value === 'string' && value.length > 0 && value.length <= max ? value : undefined);

/**
 * The console's browser sign-in (OpenID Connect at Entra ID, code flow with PKCE):
 * `/auth/console/signin?returnTo=<console page>` sends the person to Entra; `/auth/console/callback`
 * redeems the code for an access token to Herald's API and returns (303) to the console page with
 * the token in the URL fragment, which never reaches a server, a log or a Referer.
 */
@Controller('auth/console')
export class ConsoleSigninController {
  constructor(
    @Inject(CONSOLE_SIGNIN) private readonly deps: ConsoleSigninDeps,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Get('signin')
  signin(@Query() query: Query, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const locale = stringParam(query['locale'], 35);
    const text = consoleSigninText(locale && LOCALE.test(locale) ? locale : undefined, request.headers['accept-language']);
    const returnTo = allowedReturnTo(query['returnTo'], this.deps.consoleUrl);
    if (!returnTo) return this.refuseReturnTo(request, reply, text);
    const started = this.deps.states.start(returnTo, locale && LOCALE.test(locale) ? locale : undefined, new Date());
    const url = this.deps.entra.authorizeUrl({ ...started, loginHint: stringParam(query['loginHint']) });
    void reply.header('set-cookie', this.cookie(started.binding, 600)).header('cache-control', 'no-store').redirect(url, 302);
  }

  @Get('callback')
  async callback(@Query() query: Query, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const state = stringParam(query['state'], 4_096) ?? '';
    const signin = this.deps.states.verify(state, cookieOf(request.headers.cookie), new Date());
    const text = consoleSigninText(signin?.locale ?? this.deps.states.localeOf(state), request.headers['accept-language']);
    const retry = this.signinLink(signin?.returnTo ?? this.deps.consoleUrl, signin?.locale);
    void reply.header('set-cookie', this.cookie('', 0));
    if (!signin) {
      this.logger.warn({ method: 'console' }, 'console sign-in: state expired, tampered with or of another browser');
      return sendHtmlPage(reply, 400, consoleProblemPage('expired', text, { href: retry, retry: true }));
    }
    const error = stringParam(query['error'], 128);
    const code = stringParam(query['code'], 8_192);
    if (error || !code) {
      this.logger.warn({ method: 'console', error: error ?? 'no code' }, 'console sign-in refused by Entra ID');
      return sendHtmlPage(reply, 400, consoleProblemPage(authorizeProblem(error, query), text, { href: retry, retry: true }, error ?? 'no code'));
    }
    const redeemed = await this.deps.entra.redeem(code, this.deps.states.codeVerifier(state), signin.nonce).catch((failure: unknown) => failure as Error);
    if (redeemed instanceof Error || redeemed.kind === 'refused') return this.refused(reply, redeemed, text, retry);
    this.logger.info({ method: 'console', tenantId: redeemed.tenantId }, 'console sign-in completed');
    void reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').redirect(returnWithToken(signin.returnTo, redeemed), 303);
  }

  private refused(reply: FastifyReply, redeemed: Error | Extract<Redeemed, { kind: 'refused' }>, text: ConsoleSigninText, retry: string): void {
    if (redeemed instanceof Error) {
      this.logger.warn({ method: 'console', reason: redeemed.message }, 'console sign-in: Entra ID unreachable');
      return sendHtmlPage(reply, 503, consoleProblemPage('unavailable', text, { href: retry, retry: true }, 'no answer'));
    }
    this.logger.warn({ method: 'console', reason: redeemed.detail }, 'console sign-in: code not redeemed');
    return sendHtmlPage(reply, redeemed.reason === 'account' ? 403 : 400, consoleProblemPage(redeemed.reason, text, { href: retry, retry: true }, redeemed.detail));
  }

  /** An open redirect is refused: 400, as problem+json to a program, as a page to a browser. */
  private refuseReturnTo(request: FastifyRequest, reply: FastifyReply, text: ConsoleSigninText): void {
    const accept = request.headers.accept ?? '';
    if (/json/.test(accept) && !/text\/html/.test(accept)) {
      void reply.code(400).header('content-type', 'application/problem+json').send({
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: `returnTo must be a page of the console (${this.deps.consoleUrl})`,
        field: 'returnTo',
      });
      return;
    }
    return sendHtmlPage(reply, 400, consoleProblemPage('invalidReturn', text, { href: this.deps.consoleUrl, retry: false }));
  }

  private signinLink(returnTo: string, locale: string | undefined): string {
    const query = new URLSearchParams({ returnTo, ...(locale ? { locale } : {}) });
    return `${this.deps.publicUrl}/auth/console/signin?${query.toString()}`;
  }

  /** Binds the sign-in to this browser for 10 minutes (or removes the binding: maxAge 0). */
  private cookie(value: string, maxAge: number): string {
    const secure = this.deps.publicUrl.startsWith('https:') ? '; Secure' : '';
    return `${COOKIE}=${value}; Path=/auth/console; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure}`;
  }
}

/** What an error Entra sent to the redirect URI means for the person. */
function authorizeProblem(error: string | undefined, query: Query): ProblemKind {
  if (error === 'access_denied') return 'declined';
  const description = typeof query['error_description'] === 'string' ? query['error_description'] : '';
  if (error === 'consent_required' || /AADSTS(65001|65004|90094)\b/.test(description)) return 'consent';
  return 'entra';
}

function cookieOf(header: string | undefined): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === COOKIE) return part.slice(at + 1).trim() || undefined;
  }
  return undefined;
}
