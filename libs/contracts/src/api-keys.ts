import { createHash, createHmac } from 'node:crypto';

/**
 * API keys of the notification API (`HERALD_API_KEYS`). A caller is known by the key's id, never
 * the key; card-action callbacks to the caller's `callbackUrl` are signed with a secret derived
 * from its key, which the app can derive too:
 * `secret = HMAC-SHA256(key = API key, "herald-callback-signing-v1")` (hex), and
 * `X-Herald-Signature: sha256=<hex HMAC-SHA256(key = secret, raw body)>`.
 */
export function apiKeyId(key: string): string {
  return `key-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}

export function callbackSigningSecret(key: string): string {
  return createHmac('sha256', key).update('herald-callback-signing-v1').digest('hex');
}

export function callbackSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}
