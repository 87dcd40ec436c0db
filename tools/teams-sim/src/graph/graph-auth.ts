import { decodeJwt, errors, jwtVerify, type JWTPayload } from 'jose';
import type { SigningKey } from '../keys.js';
import { GRAPH_RESOURCE } from '../entra/entra-tokens.js';
import { delegatedOnly, invalidToken, type GraphError } from './graph-errors.js';

/** Graph's own app id: Graph tokens name it as audience in v2.0 form. */
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
/** The clock skew Microsoft's token validation allows. */
const CLOCK_TOLERANCE_SECONDS = 300;

export type GraphCaller = { ok: true; objectId: string } | { ok: false; failure: GraphError };

const fail = (failure: GraphError): GraphCaller => ({ ok: false, failure });

async function verify(token: string, key: SigningKey): Promise<GraphError | undefined> {
  try {
    await jwtVerify(token, key.publicJwk, { algorithms: ['RS256'], clockTolerance: CLOCK_TOLERANCE_SECONDS });
    return undefined;
  } catch (error) {
    if (error instanceof errors.JWTExpired || error instanceof errors.JWTClaimValidationFailed) {
      return invalidToken('Access token has expired or is not yet valid.');
    }
    return invalidToken('Access token validation failure.');
  }
}

/** A Graph token's caller: its tenant (`tid`), and the user of a delegated token. */
export type GraphTenantCaller = { ok: true; tenantId: string; objectId?: string } | { ok: false; failure: GraphError };

/** Verifies a token signed by Entra, current, for Graph: its claims, or why Graph refuses it. */
async function graphClaims(authorization: string | undefined, key: SigningKey): Promise<{ claims: JWTPayload } | { failure: GraphError }> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) return { failure: invalidToken('Access token is empty.') };
  const invalid = await verify(token, key);
  if (invalid) return { failure: invalid };
  const claims = decodeJwt(token);
  if (claims.aud !== GRAPH_RESOURCE && claims.aud !== GRAPH_APP_ID) {
    return { failure: invalidToken('Access token validation failure. Invalid audience.') };
  }
  return { claims };
}

/** Graph's check for tenant resources (users, groups, installed apps): an app-only or delegated Graph token. */
export async function authenticateGraphTenant(authorization: string | undefined, key: SigningKey): Promise<GraphTenantCaller> {
  const checked = await graphClaims(authorization, key);
  if ('failure' in checked) return { ok: false, failure: checked.failure };
  const { claims } = checked;
  const tenantId = claims['tid'];
  if (typeof tenantId !== 'string') return { ok: false, failure: invalidToken('Access token validation failure.') };
  const objectId = typeof claims['scp'] === 'string' && typeof claims['oid'] === 'string' ? claims['oid'] : undefined;
  return { ok: true, tenantId: tenantId.toLowerCase(), ...(objectId ? { objectId } : {}) };
}

/**
 * Graph's check of `Authorization: Bearer <token>`: a token signed by Entra, current, for Graph; /me also
 * needs a user (delegated) token. The messages are the ones Graph answers with.
 */
export async function authenticateGraphCaller(authorization: string | undefined, key: SigningKey): Promise<GraphCaller> {
  const checked = await graphClaims(authorization, key);
  if ('failure' in checked) return fail(checked.failure);
  const { claims } = checked;
  if (typeof claims['scp'] !== 'string' || typeof claims['oid'] !== 'string') return fail(delegatedOnly());
  return { ok: true, objectId: claims['oid'] };
}
