import { errors, jwtVerify, type JWTPayload } from 'jose';
import { AuthError } from './auth-error.js';
import { OpenIdKeys } from './openid-keys.js';

export interface ChannelTokenOptions {
  openIdMetadataUrl: string;
  /** BOT_TOKEN_ISSUER, `https://api.botframework.com`. */
  issuer: string;
  /** MICROSOFT_APP_ID. */
  appId: string;
}

const CLOCK_SKEW_SECONDS = 300;

/** Verifies the Bot Framework channel token on an inbound activity (Bot Connector authentication doc). */
export class ChannelTokenVerifier {
  private readonly keys: OpenIdKeys;

  constructor(private readonly options: ChannelTokenOptions) {
    this.keys = new OpenIdKeys(options.openIdMetadataUrl);
  }

  async verify(authorization: string | string[] | undefined, activity: { serviceUrl: string }): Promise<JWTPayload> {
    const token = bearerToken(authorization);
    const payload = await this.verifySignatureAndClaims(token);
    if (typeof payload['serviceurl'] !== 'string') throw new AuthError(403, 'token has no serviceurl claim');
    if (!sameServiceUrl(payload['serviceurl'], activity.serviceUrl)) {
      throw new AuthError(403, 'serviceUrl does not match the token');
    }
    return payload;
  }

  private async verifySignatureAndClaims(token: string): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(token, (header, input) => this.keys.getKey(header, input), {
        issuer: this.options.issuer,
        audience: this.options.appId,
        algorithms: ['RS256'],
        clockTolerance: CLOCK_SKEW_SECONDS,
        requiredClaims: ['exp', 'nbf'],
      });
      return payload;
    } catch (error) {
      if (error instanceof AuthError) throw error;
      if (error instanceof errors.JWKSTimeout || (error instanceof TypeError && /fetch/i.test(error.message))) {
        throw new AuthError(503, 'signing keys unreachable');
      }
      throw new AuthError(401, `invalid token: ${(error as Error).message}`);
    }
  }
}

function bearerToken(authorization: string | string[] | undefined): string {
  if (Array.isArray(authorization)) throw new AuthError(401, 'more than one Authorization header');
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(authorization ?? '');
  if (!match?.[1]) throw new AuthError(401, 'missing or malformed Bearer token');
  return match[1];
}

/** Host compared case-insensitively, a trailing slash ignored. */
export function sameServiceUrl(a: string, b: string): boolean {
  const normalise = (value: string) => {
    try {
      const url = new URL(value);
      return `${url.protocol}//${url.host.toLowerCase()}${url.pathname.replace(/\/+$/, '')}`;
    } catch {
      return undefined;
    }
  };
  const left = normalise(a);
  return left !== undefined && left === normalise(b);
}
