import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { EntraUser } from '../entra/user-directory.js';
import type { WaitableList } from '../waitable-list.js';
import { parseTabRequest, tabContext, type SavedTabConfig } from './tab-context.js';
import { tabHostPage } from './tab-host-page.js';

export interface TabHostDeps {
  readonly user: (aadObjectId: string) => EntraUser;
  /** Who looks at the tab when `/tab` names nobody: the chat page user. */
  readonly defaultUser: string;
  readonly appName: string;
  /** The person's SSO token for the app's resource, as the Teams client obtains it silently. */
  readonly mintSsoToken: (aadObjectId: string) => Promise<string>;
  /** The configurations configurable tabs saved (`pages.config.setConfig`, then Save), for tests. */
  readonly tabConfigs: WaitableList<SavedTabConfig>;
}

const TAB_HOST_JS = fileURLToPath(new URL('../../public/tab-host.js', import.meta.url));
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type TabQuery = { Querystring: Record<string, unknown> };
type TokenBody = { Body: { user?: unknown } | undefined };
type ConfigBody = { Body: { user?: unknown; config?: unknown } | undefined };

/**
 * The Teams client around a tab: `GET /tab?url=<tab URL>&user=<aadObjectId>&locale=de-DE&theme=dark`
 * frames the tab and answers TeamsJS (initialize, getContext, authentication.getAuthToken) from
 * `/tab/host.js`. getAuthToken gets the person's SSO token here; a person who has not consented to
 * the app (`setUser(id, { consented: false })`) gets Teams' `resourceRequiresConsent` failure instead.
 * `&frameContext=settings` opens a configurable tab's configuration page with Teams' Save button; what
 * the page saved (`pages.config.setConfig`, then `notifySuccess`) is recorded in `tabConfigs`.
 */
export async function tabHostRoutes(app: FastifyInstance, deps: TabHostDeps): Promise<void> {
  app.get<TabQuery>('/tab', async (request, reply) => {
    const parsed = parseTabRequest(request.query, deps.user, deps.defaultUser);
    if ('field' in parsed) {
      return reply.code(400).type('application/problem+json').send({ type: 'about:blank', title: 'Bad Request', status: 400, detail: parsed.detail, field: parsed.field });
    }
    const config = { tabUrl: parsed.url, tabOrigin: new URL(parsed.url).origin, context: tabContext(parsed), user: parsed.user.id, tokenUrl: '/tab/api/auth-token', tabConfigUrl: '/tab/api/tab-config' };
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(tabHostPage(parsed, config, deps.appName));
  });

  app.get('/tab/host.js', (_request, reply) =>
    reply.type('application/javascript; charset=utf-8').header('cache-control', 'no-cache').send(createReadStream(TAB_HOST_JS)),
  );

  app.post<TokenBody>('/tab/api/auth-token', async (request, reply) => {
    const user = request.body?.user;
    if (typeof user !== 'string' || !GUID.test(user)) return reply.code(400).send({ error: 'invalidRequest' });
    if (!deps.user(user).consented) return reply.code(403).send({ error: 'resourceRequiresConsent' });
    return reply.header('cache-control', 'no-store').send({ token: await deps.mintSsoToken(user) });
  });

  app.post<ConfigBody>('/tab/api/tab-config', async (request, reply) => {
    const { user, config } = request.body ?? {};
    if (typeof user !== 'string' || !GUID.test(user) || typeof config !== 'object' || config === null) return reply.code(400).send({ error: 'invalidRequest' });
    deps.tabConfigs.push({ user, config: config as Record<string, unknown> });
    return reply.code(204).send();
  });
}
