import { callbackSignature } from '@herald/contracts';
import type { CallbackAnswer, CallbackClient } from '../callbacks/callback.client.js';

/** The app has this long to answer anything Herald posts to its `callbackUrl`. */
export const CALLBACK_TIMEOUT_MS = 5_000;

/** POSTs `body` (JSON) to an app's `callbackUrl` through the checked client, signed with the caller's secret (`X-Herald-Signature`). */
export function postSignedCallback(client: CallbackClient, url: string, secret: string, body: string, headers: Record<string, string>): Promise<CallbackAnswer> {
  return client.post(url, body, { 'content-type': 'application/json', 'x-herald-signature': callbackSignature(secret, body), ...headers });
}
