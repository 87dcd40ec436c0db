import type { FastifyInstance } from 'fastify';
import { issueAccessToken } from './entra/entra-tokens.js';
import { filesSimApi } from './files/files-sim.api.js';
import { graphSimApi } from './graph/graph-sim.api.js';
import { chatSessionOf, mintFor, postFor, serviceUrlOf, type SimState } from './sim-state.js';
import type { TeamsSim } from './teams-sim.types.js';
import { mintUserSsoToken } from './user-sso-token.js';

/** Copies properties with their getters (a spread would freeze a counter at its current value). */
function compose<T>(...parts: object[]): T {
  const target = {};
  for (const part of parts) Object.defineProperties(target, Object.getOwnPropertyDescriptors(part));
  return target as T;
}

/** The Bot Framework channel and Bot Connector side: addresses, channel tokens, recorded calls, faults. */
function channelApi(state: SimState) {
  return {
    url: state.baseUrl,
    serviceUrl: serviceUrlOf(state),
    openIdMetadataUrl: `${state.baseUrl}/v1/.well-known/openidconfiguration`,
    tenantId: state.tenantId,
    appId: state.options.appId,
    botName: state.botName,
    chatConversationId: chatSessionOf(state).conversationId,
    channelKeys: state.channelKeys.map(({ kid, endorsements }) => ({ kid, endorsements })),
    connectorCalls: state.recorder.calls,
    waitForConnectorCalls: state.recorder.waitFor.bind(state.recorder),
    setMember: (userId: string, profile: Parameters<TeamsSim['setMember']>[1]) => state.members.set(userId, profile),
    failConversation: (conversationId: string, fault: Parameters<TeamsSim['failConversation']>[1]) => void state.limits.faults.set(conversationId, fault),
    clearFaults: () => state.limits.faults.clear(),
    get throttledCalls() {
      return state.limits.throttled;
    },
    mintChannelToken: mintFor(state),
    postActivity: postFor(state),
  };
}

/** Entra ID: the token endpoint's counters, the directory, and tokens tests mint directly. */
function entraApi(state: SimState) {
  const { options, entraKey } = state;
  return {
    authorityHost: state.baseUrl,
    get tokenRequests() {
      return state.counts.tokenRequests;
    },
    get oboRequests() {
      return state.counts.oboRequests;
    },
    ...(state.entraHttps ? { entraHttpsUrl: state.entraHttps.url, caCertificate: state.entraHttps.caCertificate } : {}),
    setUser: (aadObjectId: string, profile: Parameters<TeamsSim['setUser']>[1]) => state.users.set(aadObjectId, profile),
    getUser: (aadObjectId: string) => state.users.get(aadObjectId),
    mintUserSsoToken: (options?: Parameters<TeamsSim['mintUserSsoToken']>[0]) => mintUserSsoToken(state, options),
    mintChannelEntraToken: (overrides: Parameters<TeamsSim['mintChannelEntraToken']>[0] = {}) =>
      issueAccessToken(entraKey, {
        clientId: overrides.callerAppId ?? options.appId,
        tenantId: overrides.tenantId ?? state.tenantId,
        resource: { audience: options.appId, version: overrides.version ?? '2.0' },
        lifetimeSeconds: 3_600,
      }),
    mintAppToken: (request: Parameters<TeamsSim['mintAppToken']>[0]) =>
      issueAccessToken(entraKey, {
        clientId: request.clientId,
        tenantId: request.tenantId ?? state.tenantId,
        resource: { audience: request.audience, version: '2.0' },
        lifetimeSeconds: 3_600,
        ...(request.roles ? { roles: request.roles } : {}),
      }),
  };
}

/** The Teams client's token exchanges, and its tab host. */
function clientApi(state: SimState) {
  return {
    tabHostUrl: (tabUrl: string, options: Parameters<TeamsSim['tabHostUrl']>[1] = {}) => {
      const query = { url: tabUrl, ...Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) } as Record<string, string>;
      return `${state.baseUrl}/tab?${new URLSearchParams(query).toString()}`;
    },
    tokenExchanges: state.tokenExchanges.items,
    tabConfigs: state.tabConfigs.items,
    waitForTabConfigs: (count = 1, timeoutMs?: number) => state.tabConfigs.waitFor(() => true, count, timeoutMs),
    waitForTokenExchanges: (count = 1, timeoutMs?: number) => state.tokenExchanges.waitFor(() => true, count, timeoutMs),
  };
}

export function toTeamsSim(app: FastifyInstance, state: SimState): TeamsSim {
  const lifecycle = {
    close: async () => {
      for (const socket of state.limits.hanging) socket.destroy();
      await state.entraHttps?.close();
      await app.close();
    },
  };
  return compose<TeamsSim>(channelApi(state), entraApi(state), graphSimApi(state), filesSimApi(state), clientApi(state), lifecycle);
}
