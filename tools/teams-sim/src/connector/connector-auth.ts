import { jwtVerify } from 'jose';
import type { SigningKey } from '../keys.js';
import { BOT_FRAMEWORK_RESOURCE } from '../entra/entra-tokens.js';

const V1_ISSUER = /^https:\/\/sts\.windows\.net\/[0-9a-f-]{36}\/$/;
const V2_ISSUER = /^https:\/\/login\.microsoftonline\.com\/[0-9a-f-]{36}\/v2\.0$/;
/** Industry-standard clock skew (Bot Connector authentication doc). */
const CLOCK_TOLERANCE_SECONDS = 300;

export type ConnectorAuthResult = { ok: true } | { ok: false; reason: string };

/**
 * Accepts what the real Bot Connector accepts: `Authorization: Bearer <token>` where the token was signed by
 * the (simulated) Entra key, is current, has `aud` https://api.botframework.com and belongs to the bot.
 */
export async function verifyConnectorAuthorization(
  authorization: string | undefined,
  entraKey: SigningKey,
  appId: string,
): Promise<ConnectorAuthResult> {
  const match = /^Bearer (\S+)$/i.exec(authorization ?? '');
  if (!match?.[1]) return { ok: false, reason: 'missing Bearer token' };
  try {
    const { payload } = await jwtVerify(match[1], entraKey.publicJwk, {
      algorithms: ['RS256'],
      audience: BOT_FRAMEWORK_RESOURCE,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    });
    const issuer = String(payload.iss ?? '');
    if (!V1_ISSUER.test(issuer) && !V2_ISSUER.test(issuer)) return { ok: false, reason: `issuer ${issuer}` };
    const clientId = payload['appid'] ?? payload['azp'];
    if (typeof clientId !== 'string' || clientId.toLowerCase() !== appId.toLowerCase()) {
      return { ok: false, reason: `token belongs to app ${String(clientId)}` };
    }
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
