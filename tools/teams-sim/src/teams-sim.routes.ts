import type { FastifyInstance } from 'fastify';
import { openIdRoutes } from './channel/openid.routes.js';
import { chatRoutes } from './chat/chat.routes.js';
import { signinRoutes } from './chat/signin.routes.js';
import { runTeamsClientSso } from './chat/teams-client-sso.js';
import { connectorRoutes } from './connector/connector.routes.js';
import { entraRoutes } from './entra/entra.routes.js';
import { defaultExposedApi } from './entra/exposed-api.js';
import type { TokenRoutesDeps } from './entra/token.routes.js';
import { graphRoutes, type GraphRoutesDeps } from './graph/graph.routes.js';
import { installConversationUpdate } from './graph/installed-apps/install-conversation-update.js';
import { chatJoined, chatLeft } from './graph/installed-apps/install-chat-faults.js';
import { fileConsentRoutes } from './files/file-consent.routes.js';
import { uploadSessionRoutes } from './files/upload-session.routes.js';
import { chatSessionOf, postFor, serviceUrlOf, type SimState } from './sim-state.js';
import { tabHostRoutes } from './tab/tab-host.routes.js';
import { mintUserSsoToken } from './user-sso-token.js';
import { CHAT_USER_AAD_OBJECT_ID } from './entra/user-directory.js';
import { issueUserSsoToken, TEAMS_WEB_CLIENT_ID } from './entra/user-tokens.js';

const DEFAULT_TOKEN_LIFETIME_SECONDS = 3599;
const TAB_SSO_TOKEN_LIFETIME_SECONDS = 3_600;

/** The API the bot's registration exposes: `access_as_user` under its Application ID URIs. */
export function exposedApiOf(state: SimState) {
  const { appId, exposedApi } = state.options;
  const api = defaultExposedApi(appId, exposedApi?.identifierUris);
  return exposedApi?.accessTokenAcceptedVersion ? { ...api, accessTokenAcceptedVersion: exposedApi.accessTokenAcceptedVersion } : api;
}

function tokenDeps(state: SimState): TokenRoutesDeps {
  const { options } = state;
  return {
    key: state.entraKey,
    app: { appId: options.appId, appPassword: options.appPassword, appName: state.botName, api: exposedApiOf(state) },
    lifetimeSeconds: options.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS,
    users: state.users,
    codes: state.codes,
    countRequest: () => void state.counts.tokenRequests++,
    countOnBehalfOf: () => void state.counts.oboRequests++,
  };
}

/** Entra's routes on a server whose base URL is `baseUrl` (the http one, or the https one): one state behind both. */
export async function registerEntra(app: FastifyInstance, state: SimState, baseUrl: () => string): Promise<void> {
  const token = tokenDeps(state);
  const { redirectUris } = state.options;
  await app.register(entraRoutes, {
    key: state.entraKey,
    baseUrl,
    token,
    authorize: { app: token.app, users: state.users, codes: state.codes, ...(redirectUris ? { redirectUris } : {}) },
  });
}

/** Graph over the sim's state; an install's conversationUpdate goes to the bot, its chat opens in the Bot Connector. */
function graphDeps(state: SimState): GraphRoutesDeps {
  const { options } = state;
  return {
    key: state.entraKey,
    users: state.users,
    graph: state.graph,
    graphBaseUrl: () => `${state.baseUrl}/graph`,
    announceInstall: (installation) => {
      if (!options.botEndpoint) return;
      const conversationId = state.graph.installEventConversationId;
      const activity = installConversationUpdate({ installation, conversationId, appId: options.appId, botName: state.botName, serviceUrl: serviceUrlOf(state) });
      postFor(state)(activity).catch(() => undefined);
    },
    chatJoined: (installation) => chatJoined(state, installation),
    chatLeft: (installation) => chatLeft(state, installation),
  };
}

async function registerMicrosoftCloud(app: FastifyInstance, state: SimState): Promise<void> {
  const { options, entraKey, recorder, store } = state;
  const baseUrl = () => state.baseUrl;
  await app.register(openIdRoutes, { keys: state.channelKeys, baseUrl });
  await registerEntra(app, state, baseUrl);
  await app.register(connectorRoutes, { appId: options.appId, tenantId: state.tenantId, limits: state.limits, members: state.members, entraKey, store, recorder });
  await app.register(graphRoutes, graphDeps(state));
  await app.register(uploadSessionRoutes, { sessions: state.uploads });
}

/** The Teams client: the chat page and what it does on its own (SSO for OAuth cards, the sign-in popup). */
async function registerTeamsClient(app: FastifyInstance, state: SimState): Promise<void> {
  const session = () => chatSessionOf(state);
  const sendToBot = (activity: Record<string, unknown>) => postFor(state)(activity);
  const chat = { session, store: state.store, botEndpoint: state.options.botEndpoint, sendToBot };
  await app.register(chatRoutes, chat);
  await app.register(signinRoutes, chat);
  await app.register(fileConsentRoutes, { ...chat, uploads: state.uploads, baseUrl: () => state.baseUrl });
  await app.register(tabHostRoutes, {
    user: (aadObjectId) => state.users.get(aadObjectId),
    defaultUser: CHAT_USER_AAD_OBJECT_ID,
    appName: state.botName,
    mintSsoToken: (aadObjectId) => mintTabSsoToken(state, aadObjectId),
    tabConfigs: state.tabConfigs,
  });
  runTeamsClientSso({
    session,
    store: state.store,
    mintSsoToken: () => mintUserSsoToken(state),
    sendToBot,
    exchanges: state.tokenExchanges,
  });
}

/**
 * A tab's SSO token, as the Teams web client gets it (`azp` its client id): for the app's Application ID URI,
 * `aud` by the version the app accepts (the app id for v2.0, the URI for v1.0).
 */
function mintTabSsoToken(state: SimState, aadObjectId: string): Promise<string> {
  const api = exposedApiOf(state);
  const v2 = api.accessTokenAcceptedVersion === 2;
  const user = state.users.get(aadObjectId);
  return issueUserSsoToken(state.entraKey, {
    user,
    tenantId: user.tenantId,
    audience: v2 ? api.appId : api.identifierUris[0]!,
    version: v2 ? '2.0' : '1.0',
    scp: api.scopes.join(' '),
    lifetimeSeconds: TAB_SSO_TOKEN_LIFETIME_SECONDS,
    client: { id: TEAMS_WEB_CLIENT_ID, acr: '0' },
  });
}

export async function registerRoutes(app: FastifyInstance, state: SimState): Promise<void> {
  await registerMicrosoftCloud(app, state);
  await registerTeamsClient(app, state);
}
