import { randomUUID } from 'node:crypto';
import type { EntraUser } from '../entra/user-directory.js';

/** What `/tab` is asked to host: the tab's URL and who looks at it, in which language and theme. */
export interface TabRequest {
  readonly url: string;
  readonly user: EntraUser;
  readonly locale: string;
  readonly theme: 'default' | 'dark' | 'contrast';
  /** The tab's `entityId` (manifest `staticTabs[].entityId`), if any. */
  readonly entityId: string | undefined;
  /** `content`: the tab itself; `settings`: a configurable tab's configuration page, with the host's Save button. */
  readonly frameContext: TabFrameContext;
}

export type TabFrameContext = 'content' | 'settings';

/** What a configurable tab's configuration page saved (`pages.config.setConfig`: entityId, contentUrl, …) and for whom. */
export interface SavedTabConfig {
  readonly user: string;
  readonly config: Record<string, unknown>;
}

export type TabRequestProblem = { field: 'url' | 'user' | 'locale' | 'theme' | 'frameContext'; detail: string };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOCALE = /^[a-z]{2,3}(-[a-z0-9]{2,8}){0,3}$/i;
const THEMES = ['default', 'dark', 'contrast'] as const;
const FRAME_CONTEXTS = ['content', 'settings'] as const;

type Query = Record<string, unknown>;

/** The query of `/tab` (`url`, `user`, `locale`, `theme`, `entityId`, `frameContext`), or the field that is wrong. */
export function parseTabRequest(query: Query, userOf: (aadObjectId: string) => EntraUser, defaultUser: string): TabRequest | TabRequestProblem {
  const url = typeof query['url'] === 'string' ? query['url'] : '';
  if (!/^https?:\/\/[^\s]+$/.test(url) || !URL.canParse(url)) return { field: 'url', detail: 'url must be the http(s) URL of the tab' };
  const user = query['user'] ?? defaultUser;
  if (typeof user !== 'string' || !GUID.test(user)) return { field: 'user', detail: "user must be the person's Entra object id (aadObjectId)" };
  const locale = query['locale'] ?? 'en-US';
  if (typeof locale !== 'string' || !LOCALE.test(locale)) return { field: 'locale', detail: 'locale must be a language tag, e.g. de-DE' };
  const theme = query['theme'] ?? 'default';
  if (!THEMES.includes(theme as never)) return { field: 'theme', detail: `theme must be one of ${THEMES.join(', ')}` };
  const frameContext = query['frameContext'] ?? 'content';
  if (!FRAME_CONTEXTS.includes(frameContext as never)) return { field: 'frameContext', detail: `frameContext must be one of ${FRAME_CONTEXTS.join(', ')}` };
  const entityId = typeof query['entityId'] === 'string' ? query['entityId'] : undefined;
  return { url, user: userOf(user), locale, theme: theme as TabRequest['theme'], entityId, frameContext: frameContext as TabFrameContext };
}

/**
 * The context the Teams web client gives a personal tab (TeamsJS `getContext`, in the host's
 * legacy shape that TeamsJS turns into `app.Context`: `locale` → `app.locale`, `userObjectId` →
 * `user.id`, `tid` → `user.tenant.id`, `loginHint`, `theme` → `app.theme`, …).
 */
export function tabContext(request: TabRequest): Record<string, unknown> {
  const { user } = request;
  return {
    locale: request.locale,
    theme: request.theme,
    entityId: request.entityId,
    frameContext: request.frameContext,
    hostClientType: 'web',
    hostName: 'Teams',
    appSessionId: randomUUID(),
    sessionId: randomUUID(),
    appLaunchId: randomUUID(),
    ringId: 'general',
    userObjectId: user.id,
    userDisplayName: user.displayName,
    userPrincipalName: user.userPrincipalName,
    loginHint: user.userPrincipalName,
    userLicenseType: 'Unknown',
    tid: user.tenantId,
    tenantSKU: 'enterprise',
    isFullScreen: false,
    isMultiWindow: false,
  };
}
