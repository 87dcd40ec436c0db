import type { FastifyInstance } from 'fastify';
import type { SigningKey } from '../keys.js';
import { authorizeRoutes, type AuthorizeRoutesDeps } from './authorize.routes.js';
import { metadataRoutes } from './metadata.routes.js';
import { tokenRoutes, type TokenRoutesDeps } from './token.routes.js';

export interface EntraRoutesDeps {
  readonly key: SigningKey;
  /** The base URL of the server these routes are on: the discovery documents name its endpoints. */
  readonly baseUrl: () => string;
  readonly token: TokenRoutesDeps;
  readonly authorize: AuthorizeRoutesDeps;
}

/** Entra ID's endpoints: discovery documents and keys, authorize, token. Served over http and https alike. */
export async function entraRoutes(app: FastifyInstance, deps: EntraRoutesDeps): Promise<void> {
  await app.register(metadataRoutes, { key: deps.key, baseUrl: deps.baseUrl });
  await app.register(authorizeRoutes, deps.authorize);
  await app.register(tokenRoutes, deps.token);
}
