import { createHmac, timingSafeEqual } from 'node:crypto';

/** Who started an OAuth sign-in, carried through Entra in `state`: the Teams user and conversation. */
export interface SigninState {
  readonly teamsUserId: string;
  /** The Entra object id Teams gives the person (`from.aadObjectId`): only that account may sign in for them. */
  readonly aadObjectId?: string;
  readonly conversationId: string;
  readonly tenantId: string;
  /** Epoch ms after which the state is refused. */
  readonly expiresAt: number;
}

export const SIGNIN_STATE_LIFETIME_MS = 10 * 60_000;

/**
 * `state` of an OAuth sign-in: the starter's identity, signed (HMAC-SHA256) so that nobody can
 * start or finish a sign-in for another Teams user, and short-lived (10 minutes).
 */
export class SigninStates {
  constructor(private readonly secret: string) {}

  sign(starter: Omit<SigninState, 'expiresAt'>, now: Date): string {
    const fields = { u: starter.teamsUserId, ...(starter.aadObjectId ? { a: starter.aadObjectId } : {}), c: starter.conversationId, t: starter.tenantId, x: now.getTime() + SIGNIN_STATE_LIFETIME_MS };
    const payload = Buffer.from(JSON.stringify(fields)).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  /** The starter, or undefined when the state is forged, damaged or expired. */
  verify(state: string, now: Date): SigninState | undefined {
    const [payload, mac, ...rest] = state.split('.');
    if (!payload || !mac || rest.length > 0) return undefined;
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    const fields = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { u?: unknown; a?: unknown; c?: unknown; t?: unknown; x?: unknown };
    if (typeof fields.u !== 'string' || typeof fields.c !== 'string' || typeof fields.t !== 'string' || typeof fields.x !== 'number') return undefined;
    if (fields.a !== undefined && typeof fields.a !== 'string') return undefined;
    if (fields.x <= now.getTime()) return undefined;
    return { teamsUserId: fields.u, ...(fields.a ? { aadObjectId: fields.a } : {}), conversationId: fields.c, tenantId: fields.t, expiresAt: fields.x };
  }

  /**
   * The PKCE code verifier of the sign-in `state` started: derived from it with the secret, so the
   * callback (on any replica) finds it again and nobody without the secret can compute it.
   */
  codeVerifier(state: string): string {
    return createHmac('sha256', `${this.secret}\u0000pkce`).update(state).digest('base64url');
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}
