import type { OutboundActivity } from '@herald/contracts';
import type { ClientCredentialsToken } from './client-credentials.js';
import { isTrustedServiceUrl } from '@herald/config';

/**
 * A Bot Connector answer other than 2xx, a refusal to send (code `UntrustedServiceUrl`,
 * `TokenUnavailable`), a redirect (`UnexpectedRedirect`: never followed), or a network failure
 * (`status` undefined, the cause kept). `idempotent`: the call may be repeated without a second
 * effect (PUT, DELETE, GET, and createConversation, which answers the existing chat).
 */
export class ConnectorError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly code: string,
    readonly retryAfterMs: number | undefined,
    readonly idempotent = false,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ConnectorError';
  }
}

export interface ResourceResponse {
  id?: string;
}

/** Bot Connector REST v3: the conversation activity operations Herald uses. */
export class ConnectorClient {
  constructor(
    private readonly token: ClientCredentialsToken,
    private readonly trustedHosts: readonly string[],
    /** A call without an answer by then is abandoned, its outcome unknown. */
    private readonly timeoutMs = 15_000,
  ) {}

  /** POST /v3/conversations/{conversationId}/activities/{activityId} */
  async replyToActivity(serviceUrl: string, conversationId: string, replyToId: string, activity: OutboundActivity) {
    const path = `/v3/conversations/${segment(conversationId)}/activities/${segment(replyToId)}`;
    return this.call('POST', serviceUrl, path, { ...activity, replyToId }, false);
  }

  /** PUT /v3/conversations/{conversationId}/activities/{activityId}: replaces an activity the bot sent. */
  async updateActivity(serviceUrl: string, conversationId: string, activityId: string, activity: OutboundActivity) {
    const path = `/v3/conversations/${segment(conversationId)}/activities/${segment(activityId)}`;
    return this.call('PUT', serviceUrl, path, { ...activity, id: activityId }, true);
  }

  /** DELETE /v3/conversations/{conversationId}/activities/{activityId}: removes an activity the bot sent. */
  async deleteActivity(serviceUrl: string, conversationId: string, activityId: string) {
    const path = `/v3/conversations/${segment(conversationId)}/activities/${segment(activityId)}`;
    return this.call('DELETE', serviceUrl, path, undefined, true);
  }

  /** GET /v3/conversations/{conversationId}/members/{memberId}: the member's TeamsChannelAccount (UPN, email, `userRole`). */
  async getConversationMember(serviceUrl: string, conversationId: string, memberId: string) {
    const path = `/v3/conversations/${segment(conversationId)}/members/${segment(memberId)}`;
    return this.call('GET', serviceUrl, path, undefined, true) as Promise<ResourceResponse & { userPrincipalName?: string; email?: string; userRole?: string; aadObjectId?: string; tenantId?: string; name?: string }>;
  }

  /** POST /v3/conversations/{conversationId}/activities */
  async sendToConversation(serviceUrl: string, conversationId: string, activity: OutboundActivity) {
    return this.call('POST', serviceUrl, `/v3/conversations/${segment(conversationId)}/activities`, activity, false);
  }

  /**
   * POST /v3/conversations: a personal chat with `userId` (Teams answers with the existing chat's
   * id when there is one, so asking twice is harmless).
   */
  async createConversation(serviceUrl: string, params: { botId: string; userId: string; tenantId: string }) {
    return this.call('POST', serviceUrl, '/v3/conversations', {
      bot: { id: params.botId },
      members: [{ id: params.userId }],
      isGroup: false,
      tenantId: params.tenantId,
      channelData: { tenant: { id: params.tenantId } },
    }, true);
  }

  private async call(method: string, serviceUrl: string, path: string, body: unknown, idempotent: boolean): Promise<ResourceResponse> {
    if (!isTrustedServiceUrl(serviceUrl, this.trustedHosts)) {
      throw new ConnectorError(`serviceUrl host is not trusted: ${new URL(serviceUrl).host}`, undefined, 'UntrustedServiceUrl', undefined, idempotent);
    }
    const url = `${serviceUrl.replace(/\/+$/, '')}${path}`;
    const authorization = `Bearer ${await this.bearer(idempotent)}`;
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method,
        headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        // A redirect would carry the request (and, to the same origin, the token) somewhere else: never followed.
        redirect: 'error',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw networkError(error, idempotent);
    }
    if (!response.ok) throw errorFrom(response, text, idempotent);
    return resourceOf(text);
  }

  private async bearer(idempotent: boolean): Promise<string> {
    try {
      return await this.token.get();
    } catch (error) {
      throw new ConnectorError(`no Bot Connector token: ${(error as Error).message}`, undefined, 'TokenUnavailable', undefined, idempotent);
    }
  }
}

/** A 2xx answer's body; one that is not JSON still means the call succeeded (its id unknown). */
function resourceOf(text: string): ResourceResponse {
  try {
    return text ? (JSON.parse(text) as ResourceResponse) : {};
  } catch {
    return {};
  }
}

function errorFrom(response: Response, text: string, idempotent: boolean): ConnectorError {
  let code = `Http${response.status}`;
  try {
    code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? code;
  } catch {
    // not JSON: keep the status as the code
  }
  return new ConnectorError(`Bot Connector answered ${response.status} ${code}`, response.status, code, retryAfterMs(response.headers.get('retry-after')), idempotent);
}

/** `Retry-After` in seconds or as an HTTP date (RFC 9110 §10.2.3). */
function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds > 0 ? seconds * 1_000 : undefined;
  const at = Date.parse(header);
  return Number.isFinite(at) && at > now ? at - now : undefined;
}

/** A failure without an HTTP answer: a redirect refused, a timeout, a refused or dropped connection (`code` says which). */
function networkError(error: unknown, idempotent: boolean): ConnectorError {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const name = (error as Error)?.name;
  if (/redirect/i.test(String(cause?.message ?? ''))) {
    return new ConnectorError('the Bot Connector answered with a redirect; not followed', undefined, 'UnexpectedRedirect', undefined, idempotent, { cause: error });
  }
  const code = name === 'TimeoutError' || name === 'AbortError' ? 'Timeout' : (cause?.code ?? 'NetworkError');
  return new ConnectorError(`no answer from the Bot Connector: ${code}`, undefined, code, undefined, idempotent, { cause: error });
}

/**
 * One path segment, percent-encoded. An empty id, "." or ".." is refused before any call: URL
 * parsing would resolve it (even as %2E) to another path on the same host, with the token.
 */
function segment(id: string): string {
  if (id === '' || id === '.' || id === '..') throw new ConnectorError(`not a usable id: "${id}"`, undefined, 'InvalidId', undefined);
  return encodeURIComponent(id);
}
