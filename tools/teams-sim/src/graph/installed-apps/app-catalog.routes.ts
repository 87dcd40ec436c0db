import type { FastifyInstance, FastifyRequest } from 'fastify';
import { badRequest } from '../graph-errors.js';
import { admitTenantCall, type GraphGateDeps } from '../graph-gate.js';
import { sendError } from '../graph-reply.js';
import { appDefinition, type TeamsCatalogApp } from './teams-app-catalog.js';

type Request = FastifyRequest<{ Querystring: Record<string, string | undefined> }>;

/** `$filter=externalId eq '…'` (or id, displayName, distributionMethod), clauses joined by `and`. */
function matcher(filter: string | undefined): ((app: TeamsCatalogApp) => boolean) | undefined {
  if (filter === undefined) return () => true;
  const clauses = filter.split(/\s+and\s+/i).map((clause) => /^\s*(id|externalId|displayName|distributionMethod)\s+eq\s+'([^']*)'\s*$/.exec(clause));
  if (clauses.some((clause) => !clause)) return undefined;
  return (app) => clauses.every((clause) => String(app[clause![1] as keyof TeamsCatalogApp]).toLowerCase() === clause![2]!.toLowerCase());
}

/** GET /appCatalogs/teamsApps ("List teamsApp"): the organization's catalog, which holds the bot's app. */
export async function appCatalogRoutes(app: FastifyInstance, deps: GraphGateDeps): Promise<void> {
  app.get('/graph/v1.0/appCatalogs/teamsApps', async (request: Request, reply) => {
    const tenantId = await admitTenantCall(deps, request, reply);
    if (!tenantId) return reply;
    const matches = matcher(request.query['$filter']);
    if (!matches) return sendError(request, reply, badRequest(`Invalid filter clause: ${request.query['$filter']}`));
    const { catalog } = deps.graph.installs;
    const expand = request.query['$expand']?.includes('appDefinitions') ?? false;
    const value = [catalog].filter(matches).map((entry) => ({ ...entry, ...(expand ? { appDefinitions: [appDefinition(entry)] } : {}) }));
    deps.graph.counts.pagesServed += 1;
    return { '@odata.context': `${deps.graphBaseUrl()}/v1.0/$metadata#appCatalogs/teamsApps`, value };
  });
}
