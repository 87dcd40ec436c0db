import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ConversationStore } from '../conversations/conversation-store.js';
import type { SigningKey } from '../keys.js';
import type { ConnectorOperation } from '../teams-sim.types.js';
import { verifyConnectorAuthorization } from './connector-auth.js';
import { errorResponse, unauthorized, type ConnectorResult } from './connector-errors.js';
import type { ConnectorRecorder } from './connector-recorder.js';
import * as operations from './conversations.operations.js';
import type { ConnectorFault, ConnectorLimits } from './connector-limits.js';
import type { MemberDirectory } from '../conversations/member-directory.js';

export interface ConnectorRoutesDeps {
  readonly appId: string;
  readonly tenantId: string;
  readonly limits: ConnectorLimits;
  readonly members: MemberDirectory;
  readonly entraKey: SigningKey;
  readonly store: ConversationStore;
  readonly recorder: ConnectorRecorder;
}

interface ActivityParams {
  conversationId: string;
  activityId: string;
}
type Handler = (params: ActivityParams, body: unknown) => ConnectorResult;

const CONVERSATION = '/v3/conversations/:conversationId/activities';
const ACTIVITY = '/v3/conversations/:conversationId/activities/:activityId';

function answer(
  deps: ConnectorRoutesDeps,
  operation: ConnectorOperation,
  request: FastifyRequest,
  reply: FastifyReply,
  result: ConnectorResult,
) {
  const params = (request.params ?? {}) as Partial<ActivityParams>;
  deps.recorder.record({
    method: request.method,
    path: request.url,
    operation,
    ...(params.conversationId === undefined ? {} : { conversationId: params.conversationId }),
    ...(params.activityId === undefined ? {} : { activityId: params.activityId }),
    authorization: request.headers.authorization,
    body: request.body ?? null,
    status: result.status,
    at: new Date(),
  });
  reply.code(result.status);
  if (result.headers) void reply.headers(result.headers);
  return result.body === undefined ? reply.send() : reply.send(result.body);
}

/** Authenticates, runs the operation and records the call, whatever the outcome. */
function route(deps: ConnectorRoutesDeps, operation: ConnectorOperation, handler: Handler) {
  return {
    config: { operation },
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      const auth = await verifyConnectorAuthorization(request.headers.authorization, deps.entraKey, deps.appId);
      if (!auth.ok) request.log.info({ reason: auth.reason }, 'connector call rejected');
      const params = request.params as ActivityParams;
      let limited = auth.ok ? deps.limits.admit(params.conversationId, tenantOf(request.body) ?? deps.tenantId) : undefined;
      if (deps.limits.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, deps.limits.latencyMs));
      if (typeof limited === 'object' && 'answerAfterMs' in limited) {
        await new Promise((resolve) => setTimeout(resolve, (limited as { answerAfterMs: number }).answerAfterMs));
        limited = undefined;
      }
      if (limited === 'reset' || limited === 'hang') {
        // The request arrived, the answer never comes: the caller cannot know whether it was acted on.
        deps.recorder.record({ method: request.method, path: request.url, operation, conversationId: params.conversationId, authorization: request.headers.authorization, body: request.body ?? null, status: 0, at: new Date() });
        const socket = request.raw.socket;
        if (limited === 'reset') socket.destroy();
        else deps.limits.hanging.add(socket);
        return reply;
      }
      const result = !auth.ok ? unauthorized() : limited ? asResult(limited) : handler(params, request.body);
      return answer(deps, operation, request, reply, result);
    },
  };
}

/** The Bot Connector REST API v3 conversation operations a Teams bot uses. */
export async function connectorRoutes(app: FastifyInstance, deps: ConnectorRoutesDeps): Promise<void> {
  // An empty body (DELETE with a JSON content type) is no body, not a syntax error.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, body === '' ? undefined : JSON.parse(String(body)));
    } catch (error) {
      done(Object.assign(error as FastifyError, { statusCode: 400 }), undefined);
    }
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const operation = (request.routeOptions.config as { operation?: ConnectorOperation }).operation;
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
    const result = errorResponse(status, status === 400 ? 'BadSyntax' : 'ServiceError', error.message);
    if (!operation) return reply.code(result.status).send(result.body);
    return answer(deps, operation, request, reply, result);
  });

  app.post('/v3/conversations', route(deps, 'createConversation', (_params, body) =>
    operations.createConversation(deps, body),
  ));
  app.post(CONVERSATION, route(deps, 'sendToConversation', (params, body) =>
    operations.sendToConversation(deps, params.conversationId, body),
  ));
  app.post(ACTIVITY, route(deps, 'replyToActivity', (params, body) =>
    operations.replyToActivity(deps, params.conversationId, params.activityId, body),
  ));
  app.put(ACTIVITY, route(deps, 'updateActivity', (params, body) =>
    operations.updateActivity(deps, params.conversationId, params.activityId, body),
  ));
  // GET /v3/conversations/{conversationId}/members/{memberId}: a TeamsChannelAccount (userRole, UPN, email).
  app.get('/v3/conversations/:conversationId/members/:memberId', route(deps, 'getConversationMember', (params) => ({
    status: 200,
    body: deps.members.get((params as unknown as { memberId: string }).memberId),
  })));
  app.delete(ACTIVITY, route(deps, 'deleteActivity', (params) =>
    operations.deleteActivity(deps, params.conversationId, params.activityId),
  ));
}

function asResult(limited: Exclude<ConnectorFault, 'reset' | 'hang' | { answerAfterMs: number }> | ConnectorResult): ConnectorResult {
  if (!('code' in limited)) return limited;
  const fault = limited;
  return {
    status: fault.status,
    body: { error: { code: fault.code, message: `simulated ${fault.status} ${fault.code}` } },
    ...(fault.retryAfterSeconds ? { headers: { 'retry-after': String(fault.retryAfterSeconds) } } : {}),
  };
}

function tenantOf(body: unknown): string | undefined {
  const tenantId = (body as { tenantId?: unknown; channelData?: { tenant?: { id?: unknown } } } | undefined)?.tenantId ?? (body as { channelData?: { tenant?: { id?: unknown } } } | undefined)?.channelData?.tenant?.id;
  return typeof tenantId === 'string' ? tenantId : undefined;
}
