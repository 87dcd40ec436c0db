import Fastify from 'fastify';
import { createChannelKeys, mintChannelToken } from './channel/channel-tokens.js';
import { openIdRoutes } from './channel/openid.routes.js';
import { postActivity } from './channel/post-activity.js';
import { createChatSession } from './chat/chat-session.js';
import { chatRoutes } from './chat/chat.routes.js';
import { ConnectorRecorder } from './connector/connector-recorder.js';
import { connectorRoutes } from './connector/connector.routes.js';
import { ConversationStore } from './conversations/conversation-store.js';
import { metadataRoutes } from './entra/metadata.routes.js';
import { tokenRoutes } from './entra/token.routes.js';
import { createSigningKey } from './keys.js';
import type { TeamsSim, TeamsSimOptions } from './teams-sim.types.js';

/** Tenant of the simulated users unless `tenantId` is given. */
export const DEFAULT_TENANT_ID = '3b7c9e1a-4d2f-4a8b-9c6e-1f0d2a5b7e93';
const DEFAULT_TOKEN_LIFETIME_SECONDS = 3599;
/** Teams conversation ids run past find-my-way's default of 100 characters per path parameter. */
const MAX_PARAM_LENGTH = 2048;

/**
 * Starts the local stand-in for Microsoft's side of a Teams bot on one HTTP server: the Bot Framework channel
 * (OpenID metadata, signing keys, signed activities), Entra ID (client credentials tokens), the Bot Connector
 * REST API and a chat page.
 */
export async function startTeamsSim(options: TeamsSimOptions): Promise<TeamsSim> {
  const tenantId = options.tenantId ?? DEFAULT_TENANT_ID;
  const lifetimeSeconds = options.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS;
  const [channelKeys, entraKey] = await Promise.all([createChannelKeys(), createSigningKey()]);
  const recorder = new ConnectorRecorder();
  const store = new ConversationStore();
  const urls = { base: '' };
  const baseUrl = () => urls.base;
  let tokenRequests = 0;

  const mint: TeamsSim['mintChannelToken'] = (overrides) =>
    mintChannelToken(channelKeys, { appId: options.appId, serviceUrl: `${urls.base}/` }, overrides);
  const post: TeamsSim['postActivity'] = (activity, postOptions) =>
    postActivity(
      {
        botEndpoint: options.botEndpoint,
        serviceUrl: `${urls.base}/`,
        mintToken: (serviceUrl) => mint({ serviceUrl }),
      },
      activity,
      postOptions,
    );
  const botName = options.botName ?? 'Herald';
  let session = createChatSession(options.appId, botName, tenantId, '');

  const app = Fastify({ logger: false, routerOptions: { maxParamLength: MAX_PARAM_LENGTH } });
  await app.register(openIdRoutes, { keys: channelKeys, baseUrl });
  await app.register(tokenRoutes, {
    key: entraKey,
    appId: options.appId,
    appPassword: options.appPassword,
    lifetimeSeconds,
    countRequest: () => void tokenRequests++,
  });
  await app.register(metadataRoutes, { key: entraKey, baseUrl });
  await app.register(connectorRoutes, { appId: options.appId, entraKey, store, recorder });
  await app.register(chatRoutes, {
    session: () => session,
    store,
    botEndpoint: options.botEndpoint,
    sendToBot: (activity) => post(activity),
  });

  const address = await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  urls.base = address.replace(/\/$/, '');
  session = createChatSession(options.appId, botName, tenantId, `${urls.base}/`);
  return {
    url: urls.base,
    serviceUrl: `${urls.base}/`,
    openIdMetadataUrl: `${urls.base}/v1/.well-known/openidconfiguration`,
    authorityHost: urls.base,
    tenantId,
    chatConversationId: session.conversationId,
    channelKeys: channelKeys.map(({ kid, endorsements }) => ({ kid, endorsements })),
    connectorCalls: recorder.calls,
    get tokenRequests() {
      return tokenRequests;
    },
    waitForConnectorCalls: (predicate, count, timeoutMs) => recorder.waitFor(predicate, count, timeoutMs),
    mintChannelToken: mint,
    postActivity: post,
    close: () => app.close(),
  };
}
