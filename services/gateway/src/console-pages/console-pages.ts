import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { ASSET_CACHE_CONTROL, contentTypeOf, indexHeaders } from './console-headers.js';

export interface ConsolePagesOptions {
  /** The auth service's console sign-in page (null: sign-in only inside Teams). */
  authSignInUrl: string | null;
  frameAncestors: readonly string[];
  /** Teams hosts besides Microsoft's whose messages TeamsJS should accept (dev mode: teams-sim). */
  teamsHostOrigins: readonly string[];
  /** Where `npm run build` put the console (default services/gateway/dist/console-web). */
  directory?: string;
}

/** services/gateway/dist/console-web, from src/console-pages (tests) and dist/console-pages (built) alike. */
export const CONSOLE_BUILD_DIRECTORY = fileURLToPath(new URL('../../dist/console-web/', import.meta.url));

/** A hashed asset's name as Vite writes it: no folders, no dots in front. */
const ASSET_NAME = /^[\w-]+(\.[\w-]+)*$/;

/**
 * The messages console's single-page app at `/console`: `index.html` for `/console`, `/console/`
 * and every deep link (the app routes in the browser), hashed assets under `/console/assets/`,
 * and `/console/config.json` (where the browser signs in; which dev Teams hosts TeamsJS may trust).
 */
export function registerConsolePages(fastify: FastifyInstance, options: ConsolePagesOptions): void {
  const directory = options.directory ?? CONSOLE_BUILD_DIRECTORY;
  const index = async (_request: unknown, reply: FastifyReply) => {
    const html = await readFile(join(directory, 'index.html')).catch(() => null);
    if (!html) return notBuilt(reply);
    return reply.headers(indexHeaders(options.frameAncestors)).send(html);
  };
  fastify.get('/console', index);
  fastify.get('/console/', index);
  fastify.get('/console/config.json', async (_request, reply) =>
    reply.header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff').send({ authSignInUrl: options.authSignInUrl, teamsHostOrigins: options.teamsHostOrigins }),
  );
  fastify.get<{ Params: { name: string } }>('/console/assets/:name', async (request, reply) => {
    const { name } = request.params;
    const file = ASSET_NAME.test(name) ? await readFile(join(directory, 'assets', name)).catch(() => null) : null;
    if (!file) return reply.status(404).header('content-type', 'application/problem+json').send({ type: 'about:blank', title: 'Not Found', status: 404, detail: `no console asset ${name}` });
    return reply.header('content-type', contentTypeOf(name)).header('cache-control', ASSET_CACHE_CONTROL).header('x-content-type-options', 'nosniff').send(file);
  });
  fastify.get('/console/*', index);
}

function notBuilt(reply: FastifyReply) {
  return reply
    .status(503)
    .header('content-type', 'application/problem+json')
    .send({ type: 'about:blank', title: 'Service Unavailable', status: 503, detail: 'the console is not built: run npm run build' });
}
