import Fastify, { type FastifyInstance } from 'fastify';
import { startEntraHttps } from './entra/entra-https.js';
import { createSimState, DEFAULT_TENANT_ID } from './sim-state.js';
import { toTeamsSim } from './teams-sim.api.js';
import { registerEntra, registerRoutes } from './teams-sim.routes.js';
import type { TeamsSim, TeamsSimOptions } from './teams-sim.types.js';

export { DEFAULT_TENANT_ID };

/** Teams conversation ids run past find-my-way's default of 100 characters per path parameter. */
const MAX_PARAM_LENGTH = 2048;

/**
 * Starts the local stand-in for Microsoft's side of a Teams bot on one HTTP server: the Bot Framework channel
 * (OpenID metadata, signing keys, signed activities), Entra ID (client credentials, on-behalf-of and
 * authorization code grants, its user directory; also over https with `entraHttps`), the Bot Connector REST
 * API, Microsoft Graph (/me) and a chat page that behaves like the Teams client (SSO token exchange for
 * OAuth cards, the sign-in popup).
 */
export async function startTeamsSim(options: TeamsSimOptions): Promise<TeamsSim> {
  const state = await createSimState(options);
  // A simulator stops at once: connections still open (a held 'hang' fault, keep-alive sockets) are closed, not waited for.
  const app = Fastify({ logger: false, forceCloseConnections: true, routerOptions: { maxParamLength: MAX_PARAM_LENGTH } });
  await registerRoutes(app, state);
  const address = await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  state.baseUrl = address.replace(/\/$/, '');
  if (options.entraHttps) {
    const routes = (https: FastifyInstance, baseUrl: () => string) => registerEntra(https, state, baseUrl);
    state.entraHttps = await startEntraHttps({ host: options.host ?? '127.0.0.1', port: options.entraHttps.port ?? 0, routes });
  }
  return toTeamsSim(app, state);
}
