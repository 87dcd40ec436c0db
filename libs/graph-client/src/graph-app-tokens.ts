import { ClientCredentialsToken } from '@herald/connector-client';

export interface GraphAppTokensOptions {
  /** AAD_AUTHORITY_HOST (toMicrosoftConfig's `authorityHost`). */
  authorityHost: string;
  appId: string;
  appPassword: string;
  /** The resource whose `/.default` scope is asked for; see `graphResourceOf`. */
  resource: string;
  now?: () => number;
}

/** Where Graph tokens come from, per tenant: what GraphClient needs. */
export interface TenantTokens {
  get(tenantId: string): Promise<string>;
  /** A token other than `stale` (Graph refused it with 401): a new one is asked for unless another caller already did. */
  fresh(tenantId: string, stale: string): Promise<string>;
}

const GRAPH_HOSTS = ['graph.microsoft.com', 'graph.microsoft.us', 'dod-graph.microsoft.us', 'microsoftgraph.chinacloudapi.cn'];

/**
 * The token audience for GRAPH_BASE_URL: a national cloud's Graph origin, or the global Graph
 * for any other host (teams-sim in dev mode issues Graph tokens for https://graph.microsoft.com).
 */
export function graphResourceOf(graphBaseUrl: string): string {
  const url = new URL(graphBaseUrl);
  return GRAPH_HOSTS.includes(url.hostname) ? url.origin : 'https://graph.microsoft.com';
}

/**
 * App-only Graph tokens by client credentials at `{authorityHost}/{tenant}/oauth2/v2.0/token`, one
 * ClientCredentialsToken per tenant: cached until 5 minutes before expiry, one request in flight
 * per tenant. Tokens are never logged: nothing here logs, and errors carry only status and code.
 */
export class GraphAppTokens implements TenantTokens {
  private readonly tokens = new Map<string, ClientCredentialsToken>();

  constructor(private readonly options: GraphAppTokensOptions) {}

  get(tenantId: string): Promise<string> {
    return this.tokenFor(tenantId).get();
  }

  async fresh(tenantId: string, stale: string): Promise<string> {
    const current = this.tokenFor(tenantId);
    if ((await current.get()) !== stale) return current.get();
    // Replaced once: concurrent callers holding the same stale token share the new request.
    if (this.tokens.get(tenantId) === current) this.tokens.set(tenantId, this.create(tenantId));
    return this.tokenFor(tenantId).get();
  }

  private tokenFor(tenantId: string): ClientCredentialsToken {
    let token = this.tokens.get(tenantId);
    if (!token) {
      token = this.create(tenantId);
      this.tokens.set(tenantId, token);
    }
    return token;
  }

  private create(tenant: string): ClientCredentialsToken {
    const { authorityHost, appId, appPassword, resource, now } = this.options;
    return new ClientCredentialsToken({
      authorityHost,
      tenant,
      clientId: appId,
      clientSecret: appPassword,
      scope: `${resource}/.default`,
      ...(now ? { now } : {}),
    });
  }
}
