import Fastify, { type FastifyInstance } from 'fastify';

export interface RecordedCall {
  method: string;
  url: string;
  authorization: string | undefined;
  body: unknown;
  at: number;
}

export interface FakeGraph {
  url: string;
  calls: RecordedCall[];
  close(): Promise<void>;
}

/** A local HTTP server standing in for Graph in a spec: `routes` answer as Graph documents, every call is recorded. */
export async function startFakeGraph(routes: (app: FastifyInstance, self: () => FakeGraph) => void): Promise<FakeGraph> {
  const app = Fastify({ logger: false, forceCloseConnections: true });
  const calls: RecordedCall[] = [];
  app.addHook('onRequest', async (request) => {
    calls.push({ method: request.method, url: request.url, authorization: request.headers.authorization, body: undefined, at: Date.now() });
  });
  app.addHook('preHandler', async (request) => {
    calls.at(-1)!.body = request.body;
  });
  const fake: FakeGraph = { url: '', calls, close: () => app.close() };
  routes(app, () => fake);
  fake.url = (await app.listen({ port: 0, host: '127.0.0.1' })).replace(/\/$/, '');
  return fake;
}

/** Graph's error body (Microsoft Graph error responses). */
export function graphErrorBody(code: string, message: string, requestId = 'req-1') {
  return { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': requestId, 'client-request-id': requestId } } };
}

/** The claims of a JWT, unverified (to see what teams-sim issued). */
export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
}
