import Fastify, { type FastifyInstance } from 'fastify';
import { createChannelKeys, mintChannelToken, type ChannelKey } from './channel/channel-tokens.js';
import { openIdRoutes } from './channel/openid.routes.js';
import { postActivity } from './channel/post-activity.js';
import { createChatSession } from './chat/chat-session.js';
import { chatRoutes } from './chat/chat.routes.js';
import { ConnectorRecorder } from './connector/connector-recorder.js';
import { connectorRoutes } from './connector/connector.routes.js';
import { ConversationStore } from './conversations/conversation-store.js';
import { ConnectorLimits } from './connector/connector-limits.js';
import { MemberDirectory } from './conversations/member-directory.js';
import { metadataRoutes } from './entra/metadata.routes.js';
import { startEntraHttps, type EntraHttps } from './entra/entra-https.js';
import { issueAccessToken } from './entra/entra-tokens.js';
import { tokenRoutes } from './entra/token.routes.js';
import { createSigningKey, type SigningKey } from './keys.js';
import type { TeamsSim, TeamsSimOptions } from './teams-sim.types.js';

/** Tenant of the simulated users unless `tenantId` is given. */
export const DEFAULT_TENANT_ID = '3b7c9e1a-4d2f-4a8b-9c6e-1f0d2a5b7e93';
const DEFAULT_TOKEN_LIFETIME_SECONDS = 3599;
const DEFAULT_BOT_NAME = 'Herald';
/** Teams conversation ids run past find-my-way's default of 100 characters per path parameter. */
const MAX_PARAM_LENGTH = 2048;

/** Everything one simulator instance holds; `baseUrl` is known once the server listens. */
interface SimState {
  readonly options: TeamsSimOptions;
  readonly tenantId: string;
  readonly channelKeys: readonly ChannelKey[];
  readonly entraKey: SigningKey;
  readonly recorder: ConnectorRecorder;
  readonly store: ConversationStore;
  readonly limits: ConnectorLimits;
  readonly members: MemberDirectory;
  entraHttps?: EntraHttps;
  baseUrl: string;
  tokenRequests: number;
}

const serviceUrlOf = (state: SimState): string => `${state.baseUrl}/`;
const chatSessionOf = (state: SimState) =>
  createChatSession(state.options.appId, state.options.botName ?? DEFAULT_BOT_NAME, state.tenantId, serviceUrlOf(state));

const mint = (state: SimState): TeamsSim['mintChannelToken'] => (overrides) =>
  mintChannelToken(state.channelKeys, { appId: state.options.appId, serviceUrl: serviceUrlOf(state) }, overrides);

const post = (state: SimState): TeamsSim['postActivity'] => (activity, options) => {
  const deps = {
    botEndpoint: state.options.botEndpoint,
    serviceUrl: serviceUrlOf(state),
    mintToken: (serviceUrl: string) => mint(state)({ serviceUrl }),
  };
  return postActivity(deps, activity, options);
};

async function registerRoutes(app: FastifyInstance, state: SimState): Promise<void> {
  const { options, channelKeys, entraKey, recorder, store } = state;
  const baseUrl = () => state.baseUrl;
  await app.register(openIdRoutes, { keys: channelKeys, baseUrl });
  await app.register(tokenRoutes, {
    key: entraKey,
    appId: options.appId,
    appPassword: options.appPassword,
    lifetimeSeconds: options.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS,
    countRequest: () => void state.tokenRequests++,
  });
  await app.register(metadataRoutes, { key: entraKey, baseUrl });
  await app.register(connectorRoutes, { appId: options.appId, tenantId: state.tenantId, limits: state.limits, members: state.members, entraKey, store, recorder });
  await app.register(chatRoutes, {
    session: () => chatSessionOf(state),
    store,
    botEndpoint: options.botEndpoint,
    sendToBot: (activity) => post(state)(activity),
  });
}

function toTeamsSim(app: FastifyInstance, state: SimState): TeamsSim {
  return {
    url: state.baseUrl,
    serviceUrl: serviceUrlOf(state),
    openIdMetadataUrl: `${state.baseUrl}/v1/.well-known/openidconfiguration`,
    authorityHost: state.baseUrl,
    tenantId: state.tenantId,
    chatConversationId: chatSessionOf(state).conversationId,
    channelKeys: state.channelKeys.map(({ kid, endorsements }) => ({ kid, endorsements })),
    connectorCalls: state.recorder.calls,
    get tokenRequests() {
      return state.tokenRequests;
    },
    waitForConnectorCalls: (predicate, count, timeoutMs) => state.recorder.waitFor(predicate, count, timeoutMs),
    setMember: (userId, profile) => state.members.set(userId, profile),
    failConversation: (conversationId, fault) => void state.limits.faults.set(conversationId, fault),
    clearFaults: () => state.limits.faults.clear(),
    get throttledCalls() {
      return state.limits.throttled;
    },
    mintChannelToken: mint(state),
    postActivity: post(state),
    ...(state.entraHttps ? { entraHttpsUrl: state.entraHttps.url, caCertificate: state.entraHttps.caCertificate } : {}),
    mintChannelEntraToken: (overrides = {}) =>
      issueAccessToken(state.entraKey, {
        clientId: overrides.callerAppId ?? state.options.appId,
        tenantId: overrides.tenantId ?? state.tenantId,
        resource: { audience: state.options.appId, version: overrides.version ?? '2.0' },
        lifetimeSeconds: 3_600,
      }),
    mintAppToken: (request) =>
      issueAccessToken(state.entraKey, {
        clientId: request.clientId,
        tenantId: request.tenantId ?? state.tenantId,
        resource: { audience: request.audience, version: '2.0' },
        lifetimeSeconds: 3_600,
        ...(request.roles ? { roles: request.roles } : {}),
      }),
    close: async () => {
      for (const socket of state.limits.hanging) socket.destroy();
      await state.entraHttps?.close();
      await app.close();
    },
  };
}

/**
 * Starts the local stand-in for Microsoft's side of a Teams bot on one HTTP server: the Bot Framework channel
 * (OpenID metadata, signing keys, signed activities), Entra ID (client credentials tokens), the Bot Connector
 * REST API and a chat page.
 */
export async function startTeamsSim(options: TeamsSimOptions): Promise<TeamsSim> {
  const [channelKeys, entraKey] = await Promise.all([createChannelKeys(), createSigningKey()]);
  const state: SimState = {
    options,
    tenantId: options.tenantId ?? DEFAULT_TENANT_ID,
    channelKeys,
    entraKey,
    recorder: new ConnectorRecorder(),
    store: new ConversationStore(),
    limits: new ConnectorLimits(options.connectorLimits ?? {}),
    members: new MemberDirectory(options.tenantId ?? DEFAULT_TENANT_ID),
    baseUrl: '',
    tokenRequests: 0,
  };
  // A simulator stops at once: connections still open (a held 'hang' fault, keep-alive sockets) are closed, not waited for.
  const app = Fastify({ logger: false, forceCloseConnections: true, routerOptions: { maxParamLength: MAX_PARAM_LENGTH } });
  await registerRoutes(app, state);
  const address = await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  state.baseUrl = address.replace(/\/$/, '');
  if (options.entraHttps) state.entraHttps = await startEntraHttps({ key: entraKey, host: options.host ?? '127.0.0.1', port: options.entraHttps.port ?? 0 });
  return toTeamsSim(app, state);
}
