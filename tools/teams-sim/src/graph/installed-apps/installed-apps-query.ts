import { badRequest, type GraphError } from '../graph-errors.js';
import type { AppInstallation } from './installed-apps-store.js';
import { appDefinition, type TeamsCatalogApp } from './teams-app-catalog.js';

type Query = Readonly<Record<string, string | undefined>>;

export interface InstalledAppsQuery {
  readonly expand: ReadonlySet<string>;
  readonly filter?: { property: 'id' | 'externalId'; value: string };
}

const EXPANDABLE = new Set(['teamsApp', 'teamsAppDefinition']);

/** `$expand=teamsApp[,teamsAppDefinition]` and `$filter=teamsApp/id eq '…'` (or teamsApp/externalId). */
export function parseInstalledAppsQuery(query: Query): { query?: InstalledAppsQuery; error?: GraphError } {
  const expand = new Set((query['$expand'] ?? '').split(',').map((name) => name.trim()).filter(Boolean));
  const unknown = [...expand].find((name) => !EXPANDABLE.has(name));
  if (unknown) return { error: badRequest(`Could not find a property named '${unknown}' on type 'microsoft.graph.userScopeTeamsAppInstallation'.`) };
  const rawFilter = query['$filter'];
  if (rawFilter === undefined) return { query: { expand } };
  const match = /^\s*teamsApp\/(id|externalId)\s+eq\s+'([^']*)'\s*$/.exec(rawFilter);
  if (!match) return { error: badRequest(`Invalid filter clause: ${rawFilter}`) };
  return { query: { expand, filter: { property: match[1] as 'id' | 'externalId', value: match[2]! } } };
}

export function matchesFilter(app: TeamsCatalogApp, query: InstalledAppsQuery): boolean {
  return !query.filter || app[query.filter.property].toLowerCase() === query.filter.value.toLowerCase();
}

/** An installation as Graph shows it: its id, and the expanded navigation properties asked for. */
export function installationValue(installation: AppInstallation, app: TeamsCatalogApp, expand: ReadonlySet<string>) {
  return {
    id: installation.id,
    ...(expand.has('teamsApp') ? { teamsApp: { ...app } } : {}),
    ...(expand.has('teamsAppDefinition') ? { teamsAppDefinition: appDefinition(app) } : {}),
  };
}

/** The chat resource of "Get one-on-one chat between the specified user and Teams app". */
export function chatValue(installation: AppInstallation, serviceRoot: string) {
  const created = new Date(installation.installedAt).toISOString();
  return {
    '@odata.context': `${serviceRoot}/$metadata#chats/$entity`,
    id: installation.chatId,
    topic: null,
    createdDateTime: created,
    lastUpdatedDateTime: created,
    chatType: 'oneOnOne',
    webUrl: `https://teams.microsoft.com/l/chat/${encodeURIComponent(installation.chatId)}/0?tenantId=${installation.tenantId}`,
    tenantId: installation.tenantId,
    onlineMeetingInfo: null,
    viewpoint: null,
  };
}

/** The app id in `teamsApp@odata.bind`: ".../appCatalogs/teamsApps/{id}". */
export function boundAppId(body: unknown): string | undefined {
  const bind = (body as Record<string, unknown> | undefined)?.['teamsApp@odata.bind'];
  if (typeof bind !== 'string') return undefined;
  return /\/appCatalogs\/teamsApps\/([^/?#]+)\/?$/.exec(bind)?.[1] ?? undefined;
}
