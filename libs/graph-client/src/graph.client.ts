import type { TenantTokens } from './graph-app-tokens.js';
import { runBatch, type BatchRequest, type BatchResponse } from './graph-batch.js';
import { GraphError } from './graph-error.js';
import { DEFAULT_RETRY, GraphHttp, type RetryPolicy } from './graph-http.js';

export interface GraphClientOptions {
  /** GRAPH_BASE_URL (toMicrosoftConfig's `graphBaseUrl`), e.g. https://graph.microsoft.com. */
  baseUrl: string;
  /** Default `v1.0`: paths are relative to `{baseUrl}/{version}`. */
  version?: string;
  /** Each attempt without an answer by then is abandoned (default 30 s). */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
}

/** One page of a collection, with the links to checkpoint: `nextLink` for the next page, `deltaLink` after the last one of a delta query. */
export interface GraphPage<T> {
  value: T[];
  nextLink?: string;
  deltaLink?: string;
}

interface CollectionBody<T> {
  value?: T[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

/**
 * Microsoft Graph for one tenant, with an app-only token. Paths are relative to the version root
 * (`/users/delta`); build them with `graphPath` so ids are encoded. No URL outside
 * `{GRAPH_BASE_URL}/{version}/` ever gets the token: not a path that resolves elsewhere, not a nextLink.
 */
export class GraphClient {
  private readonly root: URL;
  private readonly http: GraphHttp;

  constructor(tokens: TenantTokens, readonly tenantId: string, options: GraphClientOptions) {
    this.root = new URL(`${options.baseUrl.replace(/\/+$/, '')}/${options.version ?? 'v1.0'}`);
    this.http = new GraphHttp(tokens, tenantId, { ...DEFAULT_RETRY, ...options.retry }, options.timeoutMs ?? 30_000);
  }

  /** `headers`: extra request headers, e.g. `{ ConsistencyLevel: 'eventual' }` for `$search` and `$count` on directory objects. */
  async get<T = unknown>(path: string, headers?: Readonly<Record<string, string>>): Promise<T> {
    return (await this.http.send({ method: 'GET', url: this.urlOf(path), ...(headers ? { headers } : {}) })).body as T;
  }

  async post<T = unknown>(path: string, body: unknown): Promise<T> {
    return (await this.http.send({ method: 'POST', url: this.urlOf(path), body })).body as T;
  }

  async delete(path: string): Promise<void> {
    await this.http.send({ method: 'DELETE', url: this.urlOf(path) });
  }

  /**
   * Every page of a collection, following `@odata.nextLink` until a page has none. `start` is a
   * path, or a nextLink/deltaLink checkpointed earlier (to resume). A link to another host, or
   * outside GRAPH_BASE_URL, is refused (`UntrustedUrl`) before it is called. `headers` go with every page.
   */
  async *pages<T = unknown>(start: string, headers?: Readonly<Record<string, string>>): AsyncGenerator<GraphPage<T>> {
    let url: string | undefined = this.urlOf(start);
    while (url) {
      const body = ((await this.http.send({ method: 'GET', url, ...(headers ? { headers } : {}) })).body ?? {}) as CollectionBody<T>;
      const page: GraphPage<T> = { value: body.value ?? [] };
      if (body['@odata.nextLink']) page.nextLink = body['@odata.nextLink'];
      if (body['@odata.deltaLink']) page.deltaLink = body['@odata.deltaLink'];
      yield page;
      url = page.nextLink === undefined ? undefined : this.urlOf(page.nextLink);
    }
  }

  /**
   * JSON batching: sent to `/$batch` 20 at a time (requests linked by `dependsOn` stay in one
   * batch); one response per request, in the order asked. Sub-requests answered 429/503/504 (and
   * those that failed only because they depended on one, 424) are sent again after the longest
   * Retry-After among them while the wait budget lasts; other statuses are returned as they came.
   */
  batch(requests: readonly BatchRequest[]): Promise<BatchResponse[]> {
    return runBatch(this.http, this.urlOf('/$batch'), requests);
  }

  /** The absolute URL of a path (or of an absolute link), refused unless it stays under the version root. */
  urlOf(pathOrLink: string): string {
    const absolute = /^[a-z][a-z0-9+.-]*:/i.test(pathOrLink);
    if (!absolute && !pathOrLink.startsWith('/')) throw untrusted(`a Graph path starts with "/": ${pathOrLink}`);
    const url = new URL(absolute ? pathOrLink : `${this.root.href}${pathOrLink}`);
    if (url.origin !== this.root.origin || !url.pathname.startsWith(`${this.root.pathname}/`)) {
      throw untrusted(`not a Graph URL under ${this.root.href}: ${url.origin}${url.pathname}`);
    }
    return url.href;
  }
}

function untrusted(message: string): GraphError {
  return new GraphError(undefined, 'UntrustedUrl', message, undefined);
}

/** A path whose interpolated values are each one encoded segment; "", "." and ".." are refused. */
export function graphPath(strings: TemplateStringsArray, ...ids: string[]): string {
  return strings.reduce((path, part, i) => {
    if (i === 0) return part;
    const id = ids[i - 1]!;
    if (id === '' || id === '.' || id === '..') throw new GraphError(undefined, 'InvalidId', `not a usable id: "${id}"`, undefined);
    return `${path}${encodeURIComponent(id)}${part}`;
  }, '');
}
