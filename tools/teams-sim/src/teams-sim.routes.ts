import type { FastifyInstance } from 'fastify';
import { openIdRoutes } from './channel/openid.routes.js';
import { chatRoutes } from './chat/chat.routes.js';
import { runTeamsClientSso } from './chat/teams-client-sso.js';
import { connectorRoutes } from './connector/connector.routes.js';
import { metadataRoutes } from './entra/metadata.routes.js';
import { tokenRoutes, type TokenRoutesDeps } from './entra/token.routes.js';
import { graphRoutes } from './graph/graph.routes.js';
import { chatSessionOf, postFor, type SimState } from './sim-state.js';
import { mintUserSsoToken } from './user-sso-token.js';

const DEFAULT_TOKEN_LIFETIME_SECONDS = 3599;

/** What Entra's token endpoint needs, on the http server and (later) the https one. */
export function tokenDeps(state: SimState): TokenRoutesDeps {
  const { options } = state;
  return {
    key: state.entraKey,
    app: { appId: options.appId, appPassword: options.appPassword, appName: state.botName },
    lifetimeSeconds: options.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS,
    users: state.users,
    countRequest: () => void state.counts.tokenRequests++,
    countOnBehalfOf: () => void state.counts.oboRequests++,
  };
}

async function registerMicrosoftCloud(app: FastifyInstance, state: SimState): Promise<void> {
  const { options, entraKey, recorder, store } = state;
  const baseUrl = () => state.baseUrl;
  await app.register(openIdRoutes, { keys: state.channelKeys, baseUrl });
  await app.register(tokenRoutes, tokenDeps(state));
  await app.register(metadataRoutes, { key: entraKey, baseUrl });
  await app.register(connectorRoutes, { appId: options.appId, tenantId: state.tenantId, limits: state.limits, members: state.members, entraKey, store, recorder });
  await app.register(graphRoutes, {
    key: entraKey,
    users: state.users,
    graphBaseUrl: () => `${state.baseUrl}/graph`,
    fault: () => state.graphFault,
    countCall: () => void state.counts.graphCalls++,
  });
}

/** The Teams client: the chat page and what it does on its own (SSO for OAuth cards). */
async function registerTeamsClient(app: FastifyInstance, state: SimState): Promise<void> {
  const session = () => chatSessionOf(state);
  const sendToBot = (activity: Record<string, unknown>) => postFor(state)(activity);
  await app.register(chatRoutes, { session, store: state.store, botEndpoint: state.options.botEndpoint, sendToBot });
  runTeamsClientSso({
    session,
    store: state.store,
    mintSsoToken: () => mintUserSsoToken(state),
    sendToBot,
    exchanges: state.tokenExchanges,
  });
}

export async function registerRoutes(app: FastifyInstance, state: SimState): Promise<void> {
  await registerMicrosoftCloud(app, state);
  await registerTeamsClient(app, state);
}
