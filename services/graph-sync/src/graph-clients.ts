import { GraphClient, type GraphAppTokens } from '@herald/graph-client';

/** A caller waits for a request's answer: throttling is waited out this long at most, then answered as such (the caller asks again later). */
const REQUEST_RETRY = { maxTotalWaitMs: 5_000 };
const REQUEST_TIMEOUT_MS = 10_000;

/** Graph clients per tenant, all with the app's tokens. */
export class GraphClients {
  constructor(
    private readonly tokens: GraphAppTokens,
    private readonly baseUrl: string,
  ) {}

  /** For the directory sync, which nobody waits for: the client's full retry budget. */
  forSync(tenantId: string): GraphClient {
    return new GraphClient(this.tokens, tenantId, { baseUrl: this.baseUrl });
  }

  /** For request/reply handlers. */
  forRequests(tenantId: string): GraphClient {
    return new GraphClient(this.tokens, tenantId, { baseUrl: this.baseUrl, timeoutMs: REQUEST_TIMEOUT_MS, retry: REQUEST_RETRY });
  }
}
