import type { FastifyInstance } from 'fastify';
import { BOT_FRAMEWORK_ISSUER, channelJwks, type ChannelKey } from './channel-tokens.js';

export interface OpenIdRoutesDeps {
  readonly keys: readonly ChannelKey[];
  readonly baseUrl: () => string;
}

/** login.botframework.com's two documents: the OpenID metadata and the JWKS with `endorsements`. */
export async function openIdRoutes(app: FastifyInstance, deps: OpenIdRoutesDeps): Promise<void> {
  app.get('/v1/.well-known/openidconfiguration', async () => ({
    issuer: BOT_FRAMEWORK_ISSUER,
    authorization_endpoint: 'https://invalid.botframework.com',
    jwks_uri: `${deps.baseUrl()}/v1/.well-known/keys`,
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
  }));

  app.get('/v1/.well-known/keys', async () => channelJwks(deps.keys));
}
