import { callbackSignature } from '@herald/contracts';

/** The app has this long to answer anything Herald posts to its `callbackUrl`. */
export const CALLBACK_TIMEOUT_MS = 5_000;

/** POSTs `body` (JSON) to an app's `callbackUrl`, signed with the caller's secret (`X-Herald-Signature`). */
export function postSignedCallback(url: string, secret: string, body: string, headers: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-herald-signature': callbackSignature(secret, body), ...headers },
    body,
    signal: AbortSignal.timeout(CALLBACK_TIMEOUT_MS),
  });
}
