import { AuthError } from '../auth-error.js';
import { SIGNING_ALGORITHM } from '../token/signing-algorithm.check.js';
import { importSigningKeys, type SigningKey } from './import-signing-keys.js';

/**
 * OpenID metadata → its `jwks_uri` → the JWKS, imported (Bot Connector authentication doc, steps 2–3).
 * Anything short of usable documents (unreachable, non-2xx, not JSON, no `jwks_uri`, no `keys`,
 * metadata not offering RS256) is a 503: the keys cannot be checked now, which says nothing about the caller.
 */
export async function fetchSigningKeys(metadataUrl: string, timeoutMs: number): Promise<Map<string, SigningKey>> {
  const metadata = await fetchJson(metadataUrl, 'OpenID metadata', timeoutMs);
  const jwksUri = metadata['jwks_uri'];
  if (typeof jwksUri !== 'string') throw unavailable('OpenID metadata has no jwks_uri');
  if (!offersRs256(metadata)) throw unavailable(`OpenID metadata does not offer ${SIGNING_ALGORITHM}`);
  const jwks = await fetchJson(jwksUri, 'JWKS', timeoutMs);
  const keys = jwks['keys'];
  if (!Array.isArray(keys)) throw unavailable('JWKS has no keys array');
  return importSigningKeys(keys);
}

/** The doc's requirement 6: a signature "using the signing algorithm that is specified in the
 * `id_token_signing_alg_values_supported` property"; absent = no restriction. */
function offersRs256(metadata: Record<string, unknown>): boolean {
  const algorithms = metadata['id_token_signing_alg_values_supported'];
  return !Array.isArray(algorithms) || algorithms.includes(SIGNING_ALGORITHM);
}

async function fetchJson(url: string, what: string, timeoutMs: number): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
  } catch (error) {
    throw unavailable(`${what} unreachable: ${(error as Error).message}`);
  }
  if (!response.ok) throw unavailable(`${what} answered ${response.status}`);
  const body: unknown = await response.json().catch(() => undefined);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw unavailable(`${what} is not a JSON object`);
  return body as Record<string, unknown>;
}

function unavailable(message: string): AuthError {
  return new AuthError(503, 'signing-keys-unavailable', message);
}
