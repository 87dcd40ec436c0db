import type { TeamsMember } from './conversations/member-directory.js';
import type { ConnectorFault, ConnectorLimitOptions } from './connector/connector-limits.js';
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
  /** Also serve Entra's metadata over https (a generated certificate; see `caCertificate`). */
  entraHttps?: { port?: number };
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

/** A published Bot Framework signing key and the channels it is endorsed for. */
export interface ChannelKeyInfo {
  kid: string;
  endorsements: readonly string[];
}

export interface TeamsSim {
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
  /** With `entraHttps`: the https base URL of Entra's metadata, and the certificate to trust for it. */
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
  /** Signs (unless a token is given) and POSTs to the bot endpoint as the Bot Framework channel does. */
  postActivity(activity: Record<string, unknown>, options?: { token?: string; endpoint?: string }): Promise<Response>;
  close(): Promise<void>;
}
