import type { TokenExchangeRecord } from './chat/teams-client-sso.js';
import type { TeamsMember } from './conversations/member-directory.js';
import type { ConnectorFault, ConnectorLimitOptions } from './connector/connector-limits.js';
import type { EntraUser, UserProfile } from './entra/user-directory.js';
import type { GraphSimApi } from './graph/graph-sim.types.js';
import type { FilesSimApi } from './files/files-sim.api.js';
import type { InstallEventConversationId, InstallEvents } from './graph/installed-apps/install-conversation-update.js';
import type { SavedTabConfig } from './tab/tab-context.js';
export interface TeamsSimOptions {
  /** 0 = a random free port; default 0. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** The bot's Microsoft App ID: `aud` of channel tokens, the only `client_id` the Entra endpoint knows. */
  appId: string;
  /** The client secret the Entra token endpoint accepts for `appId`. */
  appPassword: string;
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages (postActivity and the chat page). */
  botEndpoint?: string;
  /** Tenant of the simulated users; default a fixed GUID. */
  tenantId?: string;
  /** Lifetime of Entra access tokens in seconds; default 3599. */
  tokenLifetimeSeconds?: number;
  /** Display name of the bot in activities (`recipient.name`); default 'Herald'. */
  botName?: string;
  /** Teams' rate limits (429 + Retry-After when exceeded) and added latency of the Bot Connector. */
  connectorLimits?: ConnectorLimitOptions;
  /** Also serve Entra (metadata, keys, authorize, token) over https (a generated certificate; see `caCertificate`). */
  entraHttps?: { port?: number };
  /**
   * The redirect URIs registered for the bot's app: the authorize endpoint refuses any other (AADSTS50011).
   * Default: any https URL, or http on a loopback host.
   */
  redirectUris?: readonly string[];
  /**
   * The web API the bot's app registration exposes ("Expose an API"): its Application ID URIs (default
   * `api://botid-{appId}` and `api://{appId}`) with the delegated scope `access_as_user`, and the version of the
   * access tokens issued for it (`accessTokenAcceptedVersion`; default 2: v2.0 tokens, `aud` = the app id; 1:
   * v1.0 tokens, `aud` = the Application ID URI asked for).
   */
  exposedApi?: { identifierUris?: readonly string[]; accessTokenAcceptedVersion?: 1 | 2 };
  /** The bot's app id in the Teams app catalog (Graph's `teamsApp/id`); default DEV_TEAMS_APP_CATALOG_ID for the dev app id, else a stable id derived from `appId`. */
  teamsAppId?: string;
  /** Whether an app install through Graph is followed by a conversationUpdate to the bot; default 'always'. */
  installEvents?: InstallEvents;
  /**
   * The id an install's conversationUpdate names the chat by: 'chat' (default), the Graph chat id; 'personal',
   * the a:1… id Teams' activities carry for personal chats. The Bot Connector accepts sends to both.
   */
  installEventConversationId?: InstallEventConversationId;
}

export type ConnectorOperation =
  | 'createConversation'
  | 'sendToConversation'
  | 'replyToActivity'
  | 'updateActivity'
  | 'deleteActivity'
  | 'getConversationMember';

export interface RecordedConnectorCall {
  method: string;
  /** The request path as received (still percent-encoded), query included. */
  path: string;
  operation: ConnectorOperation;
  /** URL-decoded. */
  conversationId?: string;
  /** URL-decoded. */
  activityId?: string;
  authorization: string | undefined;
  /** The request body; null for a GET or DELETE without one. */
  body: unknown;
  /** 0: the connection was dropped without an answer (a `reset` fault). */
  status: number;
  at: Date;
}

export interface ChannelTokenOverrides {
  serviceUrl?: string;
  audience?: string | string[];
  issuer?: string;
  expiresInSeconds?: number;
  /** nbf = now + notBeforeSeconds (default 0). */
  notBeforeSeconds?: number;
  /** The header kid. A kid of one of the sim's channel keys signs with that key; any other kid keeps the default key. */
  kid?: string;
  /** Extra or replacing claims; a claim set to `undefined` is removed. */
  claims?: Record<string, unknown>;
}

export interface EntraChannelTokenOverrides {
  tenantId?: string;
  callerAppId?: string;
  /** Default '2.0'. */
  version?: '1.0' | '2.0';
}

/** The SSO token the Teams client obtains silently for the bot's resource (see `mintUserSsoToken`). */
export interface UserSsoTokenOptions {
  /** The user (`oid`); default the chat page user, Megan Bowen. */
  aadObjectId?: string;
  /** `tid` and issuer; default the user's tenant (the sim's unless `setUser` gave another). */
  tenantId?: string;
  /** `aud`; default the bot's app id. */
  audience?: string;
  /** exp = now + expiresInSeconds; default 3600; 0 or negative: already expired. */
  expiresInSeconds?: number;
  /** nbf = iat + notBeforeSeconds (default 0). */
  notBeforeSeconds?: number;
  /** Default '2.0' (iss login.microsoftonline.com/{tid}/v2.0, azp); '1.0': iss sts.windows.net/{tid}/, appid, upn. */
  version?: '1.0' | '2.0';
  /** Default 'access_as_user'. */
  scp?: string;
  /** Signed by a key the sim never published (its `kid` is unknown to Entra's JWKS). */
  unknownKey?: boolean;
}

/** A published Bot Framework signing key and the channels it is endorsed for. */
export interface ChannelKeyInfo {
  kid: string;
  endorsements: readonly string[];
}

export interface TeamsSim extends GraphSimApi, FilesSimApi {
  /** Base URL without trailing slash, e.g. http://127.0.0.1:41234. */
  url: string;
  /** `${url}/`: the serviceUrl put into activities. */
  serviceUrl: string;
  /** `${url}/v1/.well-known/openidconfiguration`. */
  openIdMetadataUrl: string;
  /** = url; Entra endpoints live under it: /{tenant}/oauth2/v2.0/token. */
  authorityHost: string;
  /** Tenant of the simulated users. */
  tenantId: string;
  /** The chat page's personal conversation with the bot. */
  chatConversationId: string;
  /** Bot Framework signing keys; the first (endorsed for msteams) signs by default. */
  channelKeys: readonly ChannelKeyInfo[];
  /** Every call the Bot Connector endpoints received, in order (rejected ones included). */
  connectorCalls: RecordedConnectorCall[];
  /** How many requests the Entra token endpoint received (failed ones included). */
  readonly tokenRequests: number;
  waitForConnectorCalls(
    predicate: (call: RecordedConnectorCall) => boolean,
    count?: number,
    timeoutMs?: number,
  ): Promise<RecordedConnectorCall[]>;
  mintChannelToken(overrides?: ChannelTokenOverrides): Promise<string>;
  /** Gives a user the profile the member API returns (UPN, email, `userRole: 'guest'`, …). */
  setMember(userId: string, profile: Partial<TeamsMember>): void;
  /** From now on, Bot Connector calls for `conversationId` get this answer (or a dropped connection). */
  failConversation(conversationId: string, fault: ConnectorFault): void;
  clearFaults(): void;
  /** How many calls were answered 429 for exceeding a rate limit. */
  readonly throttledCalls: number;
  /** With `entraHttps`: the https base URL of Entra (metadata, authorize, token), and the certificate to trust for it. */
  readonly entraHttpsUrl?: string;
  readonly caCertificate?: string;
  /**
   * An Entra access token as the channel presents it to a single-tenant bot: issued in `tenantId`
   * (default the sim's tenant), `aud` = the bot, obtained by `callerAppId` (`azp` of v2.0, `appid` of
   * v1.0 tokens), by default the bot's own app id: the caller a bot accepts unless told otherwise.
   */
  mintChannelEntraToken(overrides?: EntraChannelTokenOverrides): Promise<string>;
  /** An Entra v2.0 app-only access token for `audience`, as the token endpoint would issue to `clientId`. */
  mintAppToken(request: { clientId: string; audience: string; roles?: readonly string[]; tenantId?: string }): Promise<string>;
  /** The bot's Microsoft App ID and its display name in activities. */
  readonly appId: string;
  readonly botName: string;
  /**
   * Describes a user of the sim's Entra tenant by object id (Teams' `aadObjectId`): the member API, tokens and
   * Graph's /me all answer with it. `consented: false` makes on-behalf-of for the user fail with
   * AADSTS65001 consent_required (default true).
   */
  setUser(aadObjectId: string, profile: UserProfile): void;
  /** The user with that object id as the sim's directory knows them (a stable made-up user if never described). */
  getUser(aadObjectId: string): EntraUser;
  /**
   * The access token the Teams client gets silently for the bot's SSO resource and hands over in
   * `signin/tokenExchange` (Teams bot SSO docs): the user's delegated token for the bot, obtained by the Teams
   * client (`azp`/`appid` 1fec8e78-bce4-4aaf-ab1b-5451cc387264), signed by the sim's Entra key.
   */
  mintUserSsoToken(options?: UserSsoTokenOptions): Promise<string>;
  /** How many on-behalf-of requests the token endpoint received (failed ones included). */
  readonly oboRequests: number;
  /**
   * Every `signin/tokenExchange` the Teams client side of the chat page sent after an OAuth card with a
   * `tokenExchangeResource`, with the bot's answer status (0: unreachable), in order.
   */
  readonly tokenExchanges: readonly TokenExchangeRecord[];
  /**
   * The Teams client around a tab (`GET /tab`): frames `tabUrl` and answers its TeamsJS 2.x (initialize,
   * getContext with the person's locale, theme, object id, tenant and login hint, authentication.getAuthToken
   * with their SSO token for the app; `resourceRequiresConsent` once `setUser(user, { consented: false })`;
   * authentication.authenticate: a sign-in window whose TeamsJS notifySuccess / notifyFailure ends it).
   * Default user: the chat page user; locale `en-US`; theme `default`. TeamsJS accepts messages only from
   * Microsoft's origins or those the tab passes to `app.initialize(validMessageOrigins)`: a tab hosted by the
   * sim lists the sim's origin (`url`) there.
   * `frameContext: 'settings'` opens a configurable tab's configuration page (manifest `configurationUrl`) in
   * Teams' configuration dialog: its Save button (`#tab-host-save`) turns on with `pages.config.setValidityState(true)`
   * and fires the page's save handler; what the page set with `pages.config.setConfig` is recorded in
   * `tabConfigs` once the page calls `notifySuccess()`.
   */
  tabHostUrl(tabUrl: string, options?: { user?: string; locale?: string; theme?: 'default' | 'dark' | 'contrast'; entityId?: string; frameContext?: 'content' | 'settings' }): string;
  /** The configurations configurable tabs saved in the tab host, in order (who saved, and the `pages.config.setConfig` settings). */
  readonly tabConfigs: readonly SavedTabConfig[];
  /** Resolves once `count` tab configurations were saved; rejects after `timeoutMs` (default 5000). */
  waitForTabConfigs(count?: number, timeoutMs?: number): Promise<SavedTabConfig[]>;
  /** Resolves once `count` token exchanges were answered; rejects after `timeoutMs` (default 5000). */
  waitForTokenExchanges(count?: number, timeoutMs?: number): Promise<TokenExchangeRecord[]>;
  /** Signs (unless a token is given) and POSTs to the bot endpoint as the Bot Framework channel does. */
  postActivity(activity: Record<string, unknown>, options?: { token?: string; endpoint?: string }): Promise<Response>;
  close(): Promise<void>;
}
