import {
  base64url,
  exportJWK,
  exportPKCS8,
  exportSPKI,
  generateKeyPair,
  importPKCS8,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTHeaderParameters,
  type JWTPayload,
} from 'jose';

export const APP_ID = '8a0f6a5e-3c1d-4f4e-9d6b-1f2a3b4c5d6e';
export const OTHER_APP_ID = '11111111-2222-4333-8444-555555555555';
export const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const OTHER_TENANT_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
export const CHANNEL_ISSUER = 'https://api.botframework.com';
export const SERVICE_URL = 'https://smba.trafficmanager.net/amer/';
/** A fixed "now" for every test clock: 2026-01-01T00:00:00Z. */
export const T0 = Date.UTC(2026, 0, 1);

/** An RS256 key pair and the JWK a provider publishes for it. */
export interface TestKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  readonly jwk: JWK & { endorsements?: string[] };
}

let kidCounter = 0;

export async function createTestKey(
  options: { endorsements?: string[] | null; jwk?: Record<string, unknown> } = {},
): Promise<TestKey> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  const kid = `test-key-${++kidCounter}`;
  const { kty, n, e } = await exportJWK(publicKey);
  const endorsements = options.endorsements === undefined ? ['msteams'] : options.endorsements;
  const jwk = { kty, n, e, kid, use: 'sig', x5t: kid, ...(endorsements && { endorsements }), ...options.jwk };
  return { kid, privateKey, publicKey, jwk };
}

/** Signs claims RS256 with the key's kid, as login.botframework.com and Entra do. */
export function signToken(key: TestKey, claims: JWTPayload, header: Partial<JWTHeaderParameters> = {}): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid, ...header }).sign(key.privateKey);
}

/** Signs with another algorithm the same RSA key supports (RS384, PS256), re-importing the private key for it. */
export async function signTokenWith(alg: 'RS384' | 'PS256', key: TestKey, claims: JWTPayload): Promise<string> {
  const privateKey = await importPKCS8(await exportPKCS8(key.privateKey), alg);
  return new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT', kid: key.kid }).sign(privateKey);
}

/** The classic key-confusion forgery: HS256 with the RSA public key's PEM as the HMAC secret. */
export async function signHs256WithPublicKey(key: TestKey, claims: JWTPayload): Promise<string> {
  const secret = new TextEncoder().encode(await exportSPKI(key.publicKey));
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: key.kid }).sign(secret);
}

/** The same token with its header segment replaced (the signature no longer covers it). */
export function withHeader(token: string, header: Record<string, unknown>): string {
  const [, payload, signature] = token.split('.');
  return [base64url.encode(JSON.stringify(header)), payload, signature].join('.');
}

/** The same token with its payload segment replaced. */
export function withPayload(token: string, claims: Record<string, unknown>): string {
  const [header, , signature] = token.split('.');
  return [header, base64url.encode(JSON.stringify(claims)), signature].join('.');
}

/** An `alg: none` token naming a real kid. */
export function unsecuredToken(kid: string, claims: JWTPayload): string {
  const encode = (value: object) => base64url.encode(JSON.stringify(value));
  return `${encode({ alg: 'none', typ: 'JWT', kid })}.${encode(claims)}.`;
}

/** Claims of a channel token as the Bot Connector sends it, valid at `nowMs`. */
export function channelClaims(nowMs: number, overrides: Record<string, unknown> = {}): JWTPayload {
  const now = Math.floor(nowMs / 1000);
  return { iss: CHANNEL_ISSUER, aud: APP_ID, serviceurl: SERVICE_URL, iat: now, nbf: now, exp: now + 3600, ...overrides };
}

/**
 * Claims of an app-only Entra v2.0 access token for the bot, valid at `nowMs`, obtained (azp) by the
 * default allowed caller, the bot's own app. A claim overridden with `undefined` is left out.
 */
export function entraClaims(nowMs: number, tenantId: string, overrides: Record<string, unknown> = {}): JWTPayload {
  const now = Math.floor(nowMs / 1000);
  const iss = `https://login.microsoftonline.com/${tenantId}/v2.0`;
  const claims = { iss, aud: APP_ID, tid: tenantId, azp: APP_ID, ver: '2.0', iat: now, nbf: now, exp: now + 3600, ...overrides };
  return Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined));
}

/** A Teams message activity as the gateway parses it. */
export function teamsActivity(overrides: Record<string, unknown> = {}) {
  return {
    type: 'message',
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    conversation: { id: 'a:1', tenantId: TENANT_ID },
    channelData: { tenant: { id: TENANT_ID } },
    ...overrides,
  };
}
