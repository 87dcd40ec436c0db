import type { TeamsSim } from '../teams-sim.types.js';
import { APP_ID, APP_PASSWORD, requestToken } from '../sim-test-support.spec-helpers.js';

/** A Graph app token for `tenant`, obtained by client credentials as graph-sync does. */
export async function graphAppToken(sim: TeamsSim, tenant = sim.tenantId): Promise<string> {
  const response = await requestToken(
    sim,
    { grant_type: 'client_credentials', client_id: APP_ID, client_secret: APP_PASSWORD, scope: 'https://graph.microsoft.com/.default' },
    tenant,
  );
  const body = (await response.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`no Graph token: ${JSON.stringify(body)}`);
  return body.access_token;
}

/** GET (or another method) on Graph with the token; `pathOrUrl` is a full URL (a nextLink) or a path under /graph. */
export function callGraph(sim: TeamsSim, token: string | undefined, pathOrUrl: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}) {
  const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${sim.graphBaseUrl}${pathOrUrl}`;
  return fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

export interface GraphPage<T = Record<string, unknown>> {
  value: T[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
  '@odata.context'?: string;
}

/** Follows nextLinks from `start` to the deltaLink (or the last page): every item, the pages, the final link. */
export async function readAllPages(sim: TeamsSim, token: string, start: string, headers: Record<string, string> = {}) {
  const items: Record<string, unknown>[] = [];
  let pages = 0;
  let next: string | undefined = start;
  let last: GraphPage = { value: [] };
  while (next) {
    const response = await callGraph(sim, token, next, { headers });
    if (response.status !== 200) throw new Error(`${next}: ${response.status} ${await response.text()}`);
    last = (await response.json()) as GraphPage;
    items.push(...last.value);
    pages += 1;
    next = last['@odata.nextLink'];
  }
  return { items, pages, deltaLink: last['@odata.deltaLink'] };
}
