import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ConversationStore } from '../conversations/conversation-store.js';
import type { SigningKey } from '../keys.js';
import type { ConnectorOperation } from '../teams-sim.types.js';
import { verifyConnectorAuthorization } from './connector-auth.js';
import { errorResponse, unauthorized, type ConnectorResult } from './connector-errors.js';
import type { ConnectorRecorder } from './connector-recorder.js';
import * as operations from './conversations.operations.js';

export interface ConnectorRoutesDeps {
  readonly appId: string;
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
    body: request.body,
    status: result.status,
    at: new Date(),
  });
  reply.code(result.status);
  return result.body === undefined ? reply.send() : reply.send(result.body);
}

/** Authenticates, runs the operation and records the call, whatever the outcome. */
function route(deps: ConnectorRoutesDeps, operation: ConnectorOperation, handler: Handler) {
  return {
    config: { operation },
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      const auth = await verifyConnectorAuthorization(request.headers.authorization, deps.entraKey, deps.appId);
      if (!auth.ok) request.log.info({ reason: auth.reason }, 'connector call rejected');
      const result = auth.ok ? handler(request.params as ActivityParams, request.body) : unauthorized();
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
  app.delete(ACTIVITY, route(deps, 'deleteActivity', (params) =>
    operations.deleteActivity(deps, params.conversationId, params.activityId),
  ));
}
