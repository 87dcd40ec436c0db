import { metadataFor, type PersonalChatAnswer, type personalChatRequestSchema } from '@herald/contracts';
import { GraphError, type GraphGovernor } from '@herald/graph-client';
import type { Logger } from '@herald/telemetry';
import { isGraphUnavailable, retryInMsOf } from '../graph-failure.js';
import type { GraphClients } from '../graph-clients.js';
import type { DiscoveredConversations } from './discovered-conversations.js';
import { InstalledAppsClient, type Installation } from './installed-apps.client.js';
import type { TenantServiceUrls } from './tenant-service-urls.js';

type PersonalChatRequest = ReturnType<typeof personalChatRequestSchema.parse>['data'];

/** How long a request may wait for an install slot of the governor (reserved ahead, so waiting requests are paced, not retried) before it answers `wait`. */
const SLOT_WAIT_MS = 5_000;
/** Ask again after this long: no install slot was free, or Graph does not show a new install yet. */
const SHORT_RETRY_MS = 1_000;

export interface PersonalChatsDeps {
  graph: GraphClients;
  governor: GraphGovernor;
  discovered: DiscoveredConversations;
  endpoints: TenantServiceUrls;
  options: { catalogAppId: string | undefined; graphBaseUrl: string };
  logger: Logger;
}

interface Found {
  installation: Installation;
  /** Set when this request installed the app: just before its POST. */
  installedAt?: string;
}

const failed = (code: string): PersonalChatAnswer => ({ status: 'failed', code });
const wait = (retryInMs: number, code: string): PersonalChatAnswer => ({ status: 'wait', retryInMs, code });

/**
 * The bot's personal chat with an Entra user: the app's installation for them (installed now,
 * within the governor's install rate, when Graph shows none), its chat, recorded as
 * ConversationDiscovered unless the conversation's events already have that install.
 */
export class PersonalChats {
  constructor(private readonly deps: PersonalChatsDeps) {}

  async chat({ tenantId, userId, repair }: PersonalChatRequest): Promise<PersonalChatAnswer> {
    const { catalogAppId, graphBaseUrl } = this.deps.options;
    if (!catalogAppId) return failed('AppNotInCatalog');
    const endpoint = await this.deps.endpoints.of(tenantId);
    if (!endpoint) return failed('NoServiceUrl');
    const apps = new InstalledAppsClient(this.deps.graph.forRequests(tenantId), catalogAppId, graphBaseUrl);
    try {
      const found = await this.installation(apps, tenantId, userId);
      if ('status' in found) return found;
      const conversationId = await apps.chatId(userId, found.installation.id);
      if (!conversationId) return wait(SHORT_RETRY_MS, 'ChatNotFound');
      const conversation = { conversationId, kind: 'personal' as const, tenantId, ...endpoint, user: { aadObjectId: userId } };
      const recorded = await this.deps.discovered.record({ conversation, ...(found.installedAt ? { installedAt: found.installedAt } : {}) }, metadataFor({ occurredAt: new Date() }));
      const installed = found.installedAt !== undefined;
      this.deps.logger.info({ tenantId, userId, conversationId, installed, recorded, repair }, 'personal chat found through Graph');
      return { status: 'ready', conversationId, ...endpoint, installed };
    } catch (error) {
      return this.answerTo(error, catalogAppId);
    }
  }

  /** The installation Graph shows, after installing it when there is none. */
  private async installation(apps: InstalledAppsClient, tenantId: string, userId: string): Promise<Found | PersonalChatAnswer> {
    const existing = await apps.find(userId);
    if (existing) return { installation: existing };
    if (!(await this.deps.governor.acquire('install', tenantId, SLOT_WAIT_MS))) return wait(SHORT_RETRY_MS, 'InstallRateLimited');
    const installedAt = new Date().toISOString();
    const outcome = await apps.install(userId).catch((error: unknown) => {
      if (error instanceof GraphError && error.status === 429) this.deps.governor.pause('install', tenantId, retryInMsOf(error));
      throw error;
    });
    // 201 has no body, 409 none of use: the installation's id comes from a second look.
    const installation = await apps.find(userId);
    if (!installation) return wait(SHORT_RETRY_MS, 'InstallPending');
    return outcome === 'installed' ? { installation, installedAt } : { installation };
  }

  /** Graph's refusals as answers: for good (404, 403, other 4xx) or for now (throttled, down); anything else fails the request. */
  private answerTo(error: unknown, catalogAppId: string): PersonalChatAnswer {
    if (!(error instanceof GraphError)) throw error;
    if (isGraphUnavailable(error)) return wait(retryInMsOf(error), error.code);
    if (error.status === 404) return failed(error.message.includes(catalogAppId) ? 'AppNotInCatalog' : 'UserNotFound');
    if (error.status === 403) return failed('InstallForbidden');
    return failed(error.code);
  }
}
