import type { OutboundActivity } from '@herald/contracts';
import type { ClientCredentialsToken } from './client-credentials.js';
import { isTrustedServiceUrl } from '@herald/config';

/** A Bot Connector answer other than 2xx, (or a refusal to send, code `UntrustedServiceUrl`). */
export class ConnectorError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly code: string,
    readonly retryAfterMs: number | undefined,
  ) {
    super(message);
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
  replyToActivity(serviceUrl: string, conversationId: string, replyToId: string, activity: OutboundActivity) {
    const path = `/v3/conversations/${encodeURIComponent(conversationId)}/activities/${encodeURIComponent(replyToId)}`;
    return this.call('POST', serviceUrl, path, { ...activity, replyToId });
  }

  /** PUT /v3/conversations/{conversationId}/activities/{activityId}: replaces an activity the bot sent. */
  updateActivity(serviceUrl: string, conversationId: string, activityId: string, activity: OutboundActivity) {
    const path = `/v3/conversations/${encodeURIComponent(conversationId)}/activities/${encodeURIComponent(activityId)}`;
    return this.call('PUT', serviceUrl, path, { ...activity, id: activityId });
  }

  /** DELETE /v3/conversations/{conversationId}/activities/{activityId}: removes an activity the bot sent. */
  deleteActivity(serviceUrl: string, conversationId: string, activityId: string) {
    const path = `/v3/conversations/${encodeURIComponent(conversationId)}/activities/${encodeURIComponent(activityId)}`;
    return this.call('DELETE', serviceUrl, path, undefined);
  }

  /** GET /v3/conversations/{conversationId}/members/{memberId}: the member's TeamsChannelAccount (UPN, email, `userRole`). */
  getConversationMember(serviceUrl: string, conversationId: string, memberId: string) {
    const path = `/v3/conversations/${encodeURIComponent(conversationId)}/members/${encodeURIComponent(memberId)}`;
    return this.call('GET', serviceUrl, path, undefined) as Promise<ResourceResponse & { userPrincipalName?: string; email?: string; userRole?: string; aadObjectId?: string; tenantId?: string; name?: string }>;
  }

  /** POST /v3/conversations/{conversationId}/activities */
  sendToConversation(serviceUrl: string, conversationId: string, activity: OutboundActivity) {
    return this.call('POST', serviceUrl, `/v3/conversations/${encodeURIComponent(conversationId)}/activities`, activity);
  }

  /**
   * POST /v3/conversations: a personal chat with `userId` (Teams answers with the existing chat's
   * id when there is one, so asking twice is harmless).
   */
  createConversation(serviceUrl: string, params: { botId: string; userId: string; tenantId: string }) {
    return this.call('POST', serviceUrl, '/v3/conversations', {
      bot: { id: params.botId },
      members: [{ id: params.userId }],
      isGroup: false,
      tenantId: params.tenantId,
      channelData: { tenant: { id: params.tenantId } },
    });
  }

  private async call(method: string, serviceUrl: string, path: string, body: unknown): Promise<ResourceResponse> {
    if (!isTrustedServiceUrl(serviceUrl, this.trustedHosts)) {
      throw new ConnectorError(`serviceUrl host is not trusted: ${new URL(serviceUrl).host}`, undefined, 'UntrustedServiceUrl', undefined);
    }
    const url = `${serviceUrl.replace(/\/+$/, '')}${path}`;
    const response = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${await this.bearer()}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await response.text();
    if (!response.ok) throw errorFrom(response, text);
    return text ? (JSON.parse(text) as ResourceResponse) : {};
  }

  private async bearer(): Promise<string> {
    try {
      return await this.token.get();
    } catch (error) {
      throw new ConnectorError(`no Bot Connector token: ${(error as Error).message}`, undefined, 'TokenUnavailable', undefined);
    }
  }
}

function errorFrom(response: Response, text: string): ConnectorError {
  let code = `Http${response.status}`;
  try {
    code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? code;
  } catch {
    // not JSON: keep the status as the code
  }
  const retryAfter = Number(response.headers.get('retry-after'));
  return new ConnectorError(
    `Bot Connector answered ${response.status} ${code}`,
    response.status,
    code,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
  );
}
