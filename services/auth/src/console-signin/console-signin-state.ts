import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A console sign-in in flight, as its `state` carries it through Entra. */
export interface ConsoleSignin {
  readonly returnTo: string;
  /** The id_token must echo it (replay protection). */
  readonly nonce: string;
  /** The locale the pages speak (the console's, e.g. `de-DE`), if it said. */
  readonly locale: string | undefined;
  readonly expiresAt: number;
}

/** What `/auth/console/signin` hands Entra and the browser. */
export interface StartedSignin {
  readonly state: string;
  readonly nonce: string;
  readonly codeChallenge: string;
  /** The cookie value that binds the state to this browser. */
  readonly binding: string;
}

export const CONSOLE_SIGNIN_LIFETIME_MS = 10 * 60_000;

const hash = (value: string): string => createHash('sha256').update(value).digest('base64url');

/**
 * The `state` of a console sign-in: where to return, the nonce and the locale, signed (HMAC-SHA256)
 * and short-lived, and bound to the browser that started it by a cookie whose hash it carries — so
 * nobody can finish a sign-in in someone else's browser (login CSRF) or change where it returns.
 * The PKCE verifier is derived from the state with the secret: any replica finds it again.
 */
export class ConsoleSigninStates {
  constructor(private readonly secret: string) {}

  start(returnTo: string, locale: string | undefined, now: Date): StartedSignin {
    const binding = randomBytes(24).toString('base64url');
    const nonce = randomBytes(16).toString('base64url');
    const fields = { r: returnTo, n: nonce, b: hash(binding), x: now.getTime() + CONSOLE_SIGNIN_LIFETIME_MS, ...(locale ? { l: locale } : {}) };
    const payload = Buffer.from(JSON.stringify(fields)).toString('base64url');
    const state = `${payload}.${this.mac(payload)}`;
    return { state, nonce, binding, codeChallenge: hash(this.codeVerifier(state)) };
  }

  /** The sign-in, or undefined when the state is forged, damaged, expired or was started in another browser. */
  verify(state: string, binding: string | undefined, now: Date): ConsoleSignin | undefined {
    const fields = this.fieldsOf(state);
    if (!fields || !binding || !same(hash(binding), fields.b) || fields.x <= now.getTime()) return undefined;
    return { returnTo: fields.r, nonce: fields.n, locale: fields.l, expiresAt: fields.x };
  }

  /** The locale a state names, even an expired one: to say in the person's language that it expired. */
  localeOf(state: string): string | undefined {
    return this.fieldsOf(state)?.l;
  }

  codeVerifier(state: string): string {
    return createHmac('sha256', `${this.secret}\u0000console-pkce`).update(state).digest('base64url');
  }

  private fieldsOf(state: string): { r: string; n: string; b: string; x: number; l?: string } | undefined {
    const [payload, mac, ...rest] = state.split('.');
    if (!payload || !mac || rest.length > 0 || !same(this.mac(payload), mac)) return undefined;
    try {
      const fields = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
      const { r, n, b, x, l } = fields;
      if (typeof r !== 'string' || typeof n !== 'string' || typeof b !== 'string' || typeof x !== 'number') return undefined;
      return { r, n, b, x, ...(typeof l === 'string' ? { l } : {}) };
    } catch {
      return undefined;
    }
  }

  private mac(payload: string): string {
    return createHmac('sha256', `${this.secret}\u0000console-state`).update(payload).digest('base64url');
  }
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
