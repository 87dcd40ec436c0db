import { createChannelKeys, mintChannelToken, type ChannelKey } from './channel/channel-tokens.js';
import { postActivity } from './channel/post-activity.js';
import { createChatSession, type ChatSession } from './chat/chat-session.js';
import type { TokenExchangeRecord } from './chat/teams-client-sso.js';
import { ConnectorLimits } from './connector/connector-limits.js';
import { ConnectorRecorder } from './connector/connector-recorder.js';
import { ConversationStore } from './conversations/conversation-store.js';
import { MemberDirectory } from './conversations/member-directory.js';
import { AuthorizationCodes } from './entra/authorization-codes.js';
import type { EntraHttps } from './entra/entra-https.js';
import { CHAT_USER_AAD_OBJECT_ID, UserDirectory } from './entra/user-directory.js';
import { createGraphState, type GraphState } from './graph/graph-state.js';
import { catalogAppFor } from './graph/installed-apps/teams-app-catalog.js';
import { directoryUserSource } from './graph/directory/directory-user-source.js';
import { createSigningKey, type SigningKey } from './keys.js';
import { UploadSessions } from './files/upload-sessions.js';
import type { TeamsSim, TeamsSimOptions } from './teams-sim.types.js';
import type { SavedTabConfig } from './tab/tab-context.js';
import { WaitableList } from './waitable-list.js';

/** Tenant of the simulated users unless `tenantId` is given. */
export const DEFAULT_TENANT_ID = '3b7c9e1a-4d2f-4a8b-9c6e-1f0d2a5b7e93';
export const DEFAULT_BOT_NAME = 'Herald';

/** Everything one simulator instance holds; `baseUrl` is known once the server listens. */
export interface SimState {
  readonly options: TeamsSimOptions;
  readonly tenantId: string;
  readonly botName: string;
  readonly channelKeys: readonly ChannelKey[];
  readonly entraKey: SigningKey;
  readonly recorder: ConnectorRecorder;
  readonly store: ConversationStore;
  readonly limits: ConnectorLimits;
  readonly users: UserDirectory;
  readonly members: MemberDirectory;
  readonly codes: AuthorizationCodes;
  readonly tokenExchanges: WaitableList<TokenExchangeRecord>;
  readonly tabConfigs: WaitableList<SavedTabConfig>;
  readonly counts: { tokenRequests: number; oboRequests: number };
  readonly graph: GraphState;
  /** OneDrive's upload sessions, opened when a person accepts a file consent card. */
  readonly uploads: UploadSessions;
  entraHttps?: EntraHttps;
  baseUrl: string;
}

export async function createSimState(options: TeamsSimOptions): Promise<SimState> {
  const [channelKeys, entraKey] = await Promise.all([createChannelKeys(), createSigningKey()]);
  const tenantId = options.tenantId ?? DEFAULT_TENANT_ID;
  const users = new UserDirectory(tenantId);
  const graph = createGraphState({
    catalogApp: catalogAppFor(options.appId, options.botName ?? DEFAULT_BOT_NAME, options.teamsAppId),
    botAppId: options.appId,
    ...(options.installEvents ? { installEvents: options.installEvents } : {}),
    ...(options.installEventConversationId ? { installEventConversationId: options.installEventConversationId } : {}),
  });
  users.useSource(directoryUserSource(graph.directories.of(tenantId)));
  return {
    options,
    tenantId,
    botName: options.botName ?? DEFAULT_BOT_NAME,
    channelKeys,
    entraKey,
    recorder: new ConnectorRecorder(),
    store: new ConversationStore(),
    limits: new ConnectorLimits(options.connectorLimits ?? {}),
    users,
    members: new MemberDirectory(users),
    codes: new AuthorizationCodes(),
    tokenExchanges: new WaitableList(),
    tabConfigs: new WaitableList(),
    counts: { tokenRequests: 0, oboRequests: 0 },
    graph,
    uploads: new UploadSessions(),
    baseUrl: '',
  };
}

export const serviceUrlOf = (state: SimState): string => `${state.baseUrl}/`;

/** The chat page's conversation: the bot and Megan Bowen, as the directory describes her now. */
export function chatSessionOf(state: SimState): ChatSession {
  const user = state.users.get(CHAT_USER_AAD_OBJECT_ID);
  return createChatSession({
    appId: state.options.appId,
    botName: state.botName,
    tenantId: user.tenantId,
    serviceUrl: serviceUrlOf(state),
    user: { aadObjectId: user.id, name: user.displayName },
  });
}

export const mintFor = (state: SimState): TeamsSim['mintChannelToken'] => (overrides) =>
  mintChannelToken(state.channelKeys, { appId: state.options.appId, serviceUrl: serviceUrlOf(state) }, overrides);

export const postFor = (state: SimState): TeamsSim['postActivity'] => (activity, options) => {
  const deps = {
    botEndpoint: state.options.botEndpoint,
    serviceUrl: serviceUrlOf(state),
    mintToken: (serviceUrl: string) => mintFor(state)({ serviceUrl }),
  };
  return postActivity(deps, activity, options);
};
