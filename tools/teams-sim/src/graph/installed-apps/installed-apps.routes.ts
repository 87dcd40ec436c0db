import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { badRequest, notFound, type GraphError } from '../graph-errors.js';
import { admitTenantCall, type GraphGateDeps } from '../graph-gate.js';
import { sendError } from '../graph-reply.js';
import { announces } from './install-conversation-update.js';
import { boundAppId, chatValue, installationValue, matchesFilter, parseInstalledAppsQuery } from './installed-apps-query.js';
import type { AppInstallation } from './installed-apps-store.js';

export interface InstalledAppsDeps extends GraphGateDeps {
  /** Posts the conversationUpdate of an install to the bot, in the background. */
  readonly announceInstall: (installation: AppInstallation) => void;
  /** The bot is in the installation's chat (again): the Bot Connector accepts sends to it. */
  readonly chatJoined: (installation: AppInstallation) => void;
  /** The app was uninstalled: the Bot Connector answers sends to its chat 403 BotNotInConversationRoster. */
  readonly chatLeft: (installation: AppInstallation) => void;
}

type Request = FastifyRequest<{ Params: { userId: string; installationId?: string }; Querystring: Record<string, string | undefined> }>;

const BASE = '/graph/v1.0/users/:userId/teamwork/installedApps';
const conflict = (): GraphError => ({ status: 409, code: 'Conflict', message: 'App is already installed for this user.' });
const noInstallation = (id: string): GraphError => ({ status: 404, code: 'NotFound', message: `No app installation found with id '${id}'.` });

/** The tenant and user (by id or UPN) of the call when the user exists; otherwise it is answered (401, 404, 429, a fault). */
async function admitForUser(deps: GraphGateDeps, request: Request, reply: FastifyReply, install = false) {
  const tenantId = await admitTenantCall(deps, request, reply, { install });
  if (!tenantId) return undefined;
  const user = deps.graph.directories.of(tenantId).find(request.params.userId);
  if (user) return { tenantId, userId: user.id };
  void sendError(request, reply, notFound(request.params.userId));
  return undefined;
}

async function list(deps: GraphGateDeps, request: Request, reply: FastifyReply) {
  const caller = await admitForUser(deps, request, reply);
  if (!caller) return reply;
  const parsed = parseInstalledAppsQuery(request.query);
  if (!parsed.query) return sendError(request, reply, parsed.error ?? badRequest('Invalid query.'));
  const { catalog } = deps.graph.installs;
  const query = parsed.query;
  const value = deps.graph.installs
    .list(caller.tenantId, caller.userId)
    .filter(() => matchesFilter(catalog, query))
    .map((installation) => installationValue(installation, catalog, query.expand));
  deps.graph.counts.pagesServed += 1;
  const root = `${deps.graphBaseUrl()}/v1.0`;
  return { '@odata.context': `${root}/$metadata#users('${request.params.userId}')/teamwork/installedApps`, value };
}

async function install(deps: InstalledAppsDeps, request: Request, reply: FastifyReply) {
  // The log says when each request arrived, as Graph's throttling counts it (admitTenantCall).
  const arrivedAt = Date.now();
  const caller = await admitForUser(deps, request, reply, true);
  if (!caller) return reply;
  const { tenantId, userId } = caller;
  const { installs } = deps.graph;
  const appId = boundAppId(request.body);
  const record = (status: number, conversationUpdate = false) =>
    installs.log.push({ tenantId, userId, teamsAppId: appId ?? '', status, at: arrivedAt, conversationUpdate });
  const refuse = (failure: GraphError) => {
    record(failure.status);
    return sendError(request, reply, failure);
  };
  if (!appId) return refuse(badRequest("The 'teamsApp@odata.bind' property is required."));
  if (appId.toLowerCase() !== installs.catalog.id.toLowerCase()) return refuse(notFound(appId));
  const installation = installs.install(tenantId, userId, Date.now());
  if (!installation) return refuse(conflict());
  installs.installedThroughGraph += 1;
  const announce = announces(deps.graph.installEvents, installs.installedThroughGraph);
  record(201, announce);
  deps.chatJoined(installation);
  if (announce) deps.announceInstall(installation);
  return reply.code(201).send();
}

/** The installation the path names, or the call is answered 404. */
async function installation(deps: GraphGateDeps, request: Request, reply: FastifyReply) {
  const caller = await admitForUser(deps, request, reply);
  if (!caller) return undefined;
  const id = request.params.installationId ?? '';
  const found = deps.graph.installs.get(caller.tenantId, caller.userId, id);
  if (!found) void sendError(request, reply, noInstallation(id));
  return found;
}

/** Apps in a user's personal scope: list (filter, expand), install, get, its chat, uninstall. */
export async function installedAppsRoutes(app: FastifyInstance, deps: InstalledAppsDeps): Promise<void> {
  app.get(BASE, (request: Request, reply) => list(deps, request, reply));
  app.post(BASE, (request: Request, reply) => install(deps, request, reply));
  app.get(`${BASE}/:installationId`, async (request: Request, reply) => {
    const found = await installation(deps, request, reply);
    if (!found) return reply;
    const parsed = parseInstalledAppsQuery(request.query);
    const root = `${deps.graphBaseUrl()}/v1.0`;
    const value = installationValue(found, deps.graph.installs.catalog, parsed.query?.expand ?? new Set());
    return { '@odata.context': `${root}/$metadata#users('${request.params.userId}')/teamwork/installedApps/$entity`, ...value };
  });
  app.get(`${BASE}/:installationId/chat`, async (request: Request, reply) => {
    const found = await installation(deps, request, reply);
    return found ? chatValue(found, `${deps.graphBaseUrl()}/v1.0`) : reply;
  });
  app.delete(`${BASE}/:installationId`, async (request: Request, reply) => {
    const found = await installation(deps, request, reply);
    if (!found) return reply;
    deps.graph.installs.uninstall(found.tenantId, found.userId, found.id);
    deps.chatLeft(found);
    return reply.code(204).send();
  });
}
