import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';

/** botbuilder's `ServiceClientCredentials` and `WebResourceLike`, named through the public API only. */
type Credentials = Awaited<ReturnType<ConfigurationServiceClientCredentialFactory['createCredentials']>>;
type OutboundRequest = Parameters<Credentials['signRequest']>[0];

export interface BotRegistration {
  readonly appId: string;
  readonly appPassword: string;
}

/** Refresh this long before expiry, as botbuilder's AppCredentials does. */
const REFRESH_MARGIN_MS = 5 * 60_000;

/** The client credentials grant against `{loginEndpoint}/oauth2/v2.0/token`, one token per scope, kept until near expiry. */
class ClientCredentialsToken {
  private token: { value: string; refreshAt: number } | undefined;
  private pending: Promise<{ value: string; refreshAt: number }> | undefined;

  constructor(
    private readonly tokenUrl: string,
    private readonly scope: string,
    private readonly registration: BotRegistration,
  ) {}

  async get(): Promise<string> {
    if (this.token && this.token.refreshAt > Date.now()) return this.token.value;
    this.pending ??= this.fetchToken().finally(() => (this.pending = undefined));
    this.token = await this.pending;
    return this.token.value;
  }

  private async fetchToken(): Promise<{ value: string; refreshAt: number }> {
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.registration.appId,
      client_secret: this.registration.appPassword,
      scope: this.scope,
    });
    const response = await fetch(this.tokenUrl, { method: 'POST', body: form });
    const body = (await response.json()) as { access_token?: string; expires_in?: number; error_description?: string };
    if (!response.ok || !body.access_token) throw new Error(`token endpoint ${response.status}: ${body.error_description ?? ''}`);
    return { value: body.access_token, refreshAt: Date.now() + (body.expires_in ?? 0) * 1000 - REFRESH_MARGIN_MS };
  }
}

/**
 * botbuilder's own credentials factory, except where it gets the Bot Connector token: botbuilder's MSAL
 * client refuses an http authority (`authority_uri_insecure`), and teams-sim's Entra endpoint is plain
 * http on loopback. The token comes from that endpoint with the bot's id and secret, as MSAL would fetch it.
 */
export class SimEntraCredentialsFactory extends ConfigurationServiceClientCredentialFactory {
  private readonly tokens = new Map<string, ClientCredentialsToken>();

  constructor(private readonly registration: BotRegistration) {
    super({ MicrosoftAppId: registration.appId, MicrosoftAppPassword: registration.appPassword, MicrosoftAppType: 'MultiTenant' });
  }

  override async createCredentials(appId: string, audience: string, loginEndpoint: string): Promise<Credentials> {
    if (!(await this.isValidAppId(appId))) throw new Error('Invalid appId.');
    const scope = `${audience.replace(/\/$/, '')}/.default`;
    const key = `${loginEndpoint} ${scope}`;
    let token = this.tokens.get(key);
    if (!token) {
      token = new ClientCredentialsToken(`${loginEndpoint}/oauth2/v2.0/token`, scope, this.registration);
      this.tokens.set(key, token);
    }
    const source = token;
    return {
      async signRequest(request: OutboundRequest): Promise<OutboundRequest> {
        request.headers.set('authorization', `Bearer ${await source.get()}`);
        return request;
      },
    };
  }
}

/** What botbuilder's stock credentials do with the sim's login URL: the error they fail with, or 'ok'. */
export async function probeStockCredentials(registration: BotRegistration, loginEndpoint: string, scope: string): Promise<string> {
  const stock = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: registration.appId,
    MicrosoftAppPassword: registration.appPassword,
    MicrosoftAppType: 'MultiTenant',
  });
  const credentials = await stock.createCredentials(registration.appId, scope, loginEndpoint, false);
  const headers = new Map<string, string>();
  try {
    await credentials.signRequest({ headers } as unknown as OutboundRequest);
    return headers.has('authorization') ? 'ok' : 'no token';
  } catch (error) {
    return (error as Error).message.split('.')[0] ?? String(error);
  }
}
