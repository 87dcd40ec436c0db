import type { FastifyInstance } from 'fastify';
import { MAX_FRAGMENT_BYTES, type UploadSessions } from './upload-sessions.js';

export interface UploadSessionRoutesDeps {
  readonly sessions: UploadSessions;
}

/** Where an upload session of the sim's OneDrive takes its byte ranges. */
export const uploadSessionPath = (sessionId: string): string => `/onedrive/upload/${sessionId}`;

/**
 * OneDrive's pre-authenticated upload URL: `PUT` byte ranges with `Content-Range`, no
 * `Authorization` header (the URL is the credential; a bearer token sent to it is refused, 401).
 * Any body type is taken as bytes.
 */
export async function uploadSessionRoutes(app: FastifyInstance, deps: UploadSessionRoutesDeps): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  app.put<{ Params: { sessionId: string } }>('/onedrive/upload/:sessionId', { bodyLimit: MAX_FRAGMENT_BYTES + 1 }, async (request, reply) => {
    if (request.headers.authorization !== undefined) {
      return reply.code(401).send({ error: { code: 'unauthenticated', message: 'An upload URL is pre-authenticated: send no Authorization header.' } });
    }
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const answer = deps.sessions.put(request.params.sessionId, request.headers['content-range'], body);
    return reply.code(answer.status).send(answer.body);
  });
}
