import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { userValue } from '../directory/directory-user.js';
import { notFound } from '../graph-errors.js';
import { admitTenantCall, type GraphGateDeps } from '../graph-gate.js';
import { listing, type ListingAnswer, type RenderItem } from '../graph-listing.js';
import { requestedPageSize } from '../graph-paging.js';
import { sendError } from '../graph-reply.js';
import { advancedQueryRefused, parseGroupSearch } from './group-search.js';
import { groupValue, matchesSearch } from './group-store.js';

type Query = Readonly<Record<string, string | undefined>>;
type Request = FastifyRequest<{ Querystring: Query; Params: { id?: string } }>;
type Cast = 'directoryObjects' | 'users' | 'groups';

const selectOf = (query: Query) => query['$select']?.split(',').map((name) => name.trim()).filter(Boolean);

function answer(request: Request, reply: FastifyReply, result: ListingAnswer) {
  return result.ok ? result.body : sendError(request, reply, result.error);
}

/** Renders a transitive member: a group or a current user, typed with `@odata.type`; a removed user is left out. */
function memberRenderer(deps: GraphGateDeps, tenantId: string): RenderItem {
  return (id, select) => {
    const group = deps.graph.groups.get(tenantId, id);
    if (group) return { '@odata.type': '#microsoft.graph.group', ...groupValue(group, select) };
    const user = deps.graph.directories.of(tenantId).get(id);
    return user ? { '@odata.type': '#microsoft.graph.user', ...userValue(user, select) } : undefined;
  };
}

/** GET /groups/{id}/transitiveMembers[/microsoft.graph.user|group]: nested groups flattened, paged. */
async function transitiveMembers(deps: GraphGateDeps, request: Request, reply: FastifyReply, cast: Cast) {
  const tenantId = await admitTenantCall(deps, request, reply);
  if (!tenantId) return reply;
  const id = request.params.id ?? '';
  if (!deps.graph.groups.get(tenantId, id)) return sendError(request, reply, notFound(id));
  const directory = deps.graph.directories.of(tenantId);
  const items = () => {
    const { groupIds, userIds } = deps.graph.groups.transitiveMembers(tenantId, id);
    const users = userIds.filter((userId) => directory.get(userId));
    return cast === 'users' ? users : cast === 'groups' ? groupIds : [...users, ...groupIds];
  };
  const select = selectOf(request.query);
  const suffix = cast === 'directoryObjects' ? '' : `/microsoft.graph.${cast.slice(0, -1)}`;
  const path = `/groups/${id}/transitiveMembers${suffix}${select ? `?$select=${select.join(',')}` : ''}`;
  const pageSize = requestedPageSize(request, reply, 0, request.query['$top']) || undefined;
  const render = memberRenderer(deps, tenantId);
  return answer(request, reply, listing(deps.graph, request.query['$skiptoken'], { items, meta: { tenantId, generation: 0, path, ...(select ? { select } : {}) } }, {
    serviceRoot: `${deps.graphBaseUrl()}/v1.0`, context: cast, render, ...(pageSize ? { pageSize } : {}),
  }));
}

/** GET /groups, with `$search="displayName:…"` and `$count=true` (both need ConsistencyLevel: eventual). */
async function listGroups(deps: GraphGateDeps, request: Request, reply: FastifyReply) {
  const tenantId = await admitTenantCall(deps, request, reply);
  if (!tenantId) return reply;
  const { query } = request;
  const refused = advancedQueryRefused(query, request.headers['consistencylevel']);
  if (refused) return sendError(request, reply, refused);
  const parsed = query['$search'] === undefined ? {} : parseGroupSearch(query['$search']);
  if (parsed.error) return sendError(request, reply, parsed.error);
  const { search } = parsed;
  const items = () => deps.graph.groups.all(tenantId).filter((group) => !search || matchesSearch(group.displayName, search.clauses, search.all)).map((group) => group.id);
  const select = selectOf(query);
  const path = `/groups?${new URLSearchParams(Object.entries({ $search: query['$search'], $select: select?.join(','), $count: query['$count'] }).filter((entry): entry is [string, string] => entry[1] !== undefined)).toString()}`;
  const pageSize = requestedPageSize(request, reply, 0, query['$top']) || undefined;
  const render: RenderItem = (id, names) => { const group = deps.graph.groups.get(tenantId, id); return group && groupValue(group, names); };
  return answer(request, reply, listing(deps.graph, query['$skiptoken'], { items, meta: { tenantId, generation: 0, path, ...(select ? { select } : {}) } }, {
    serviceRoot: `${deps.graphBaseUrl()}/v1.0`, context: 'groups', render, count: query['$count'] === 'true', ...(pageSize ? { pageSize } : {}),
  }));
}

/** Groups of the Graph token's tenant: list and search, get one, transitive members (with casts). */
export async function groupsRoutes(app: FastifyInstance, deps: GraphGateDeps): Promise<void> {
  const base = '/graph/v1.0/groups';
  app.get(base, (request: Request, reply) => listGroups(deps, request, reply));
  app.get(`${base}/:id`, async (request: Request, reply) => {
    const tenantId = await admitTenantCall(deps, request, reply);
    if (!tenantId) return reply;
    const group = deps.graph.groups.get(tenantId, request.params.id ?? '');
    if (!group) return sendError(request, reply, notFound(request.params.id ?? ''));
    return { '@odata.context': `${deps.graphBaseUrl()}/v1.0/$metadata#groups/$entity`, ...groupValue(group, selectOf(request.query)) };
  });
  app.get(`${base}/:id/transitiveMembers`, (request: Request, reply) => transitiveMembers(deps, request, reply, 'directoryObjects'));
  app.get(`${base}/:id/transitiveMembers/microsoft.graph.user`, (request: Request, reply) => transitiveMembers(deps, request, reply, 'users'));
  app.get(`${base}/:id/transitiveMembers/microsoft.graph.group`, (request: Request, reply) => transitiveMembers(deps, request, reply, 'groups'));
}
