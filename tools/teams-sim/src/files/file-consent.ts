import type { StoredActivity } from '../conversations/conversation-store.js';
import { nextEventId } from '../conversations/teams-ids.js';
import type { UploadSessions } from './upload-sessions.js';
import { uploadSessionPath } from './upload-session.routes.js';

export const FILE_CONSENT_CARD = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO_CARD = 'application/vnd.microsoft.teams.card.file.info';

/** Who answers a consent card: the person of the personal chat. */
export interface ConsentAnswerer {
  readonly id: string;
  readonly aadObjectId?: string;
  readonly name?: string;
}

export interface ConsentChat {
  readonly serviceUrl: string;
  readonly tenantId: string;
  readonly bot: { readonly id: string; readonly name: string };
  /** The sim's base URL: upload sessions and OneDrive's content URLs live under it. */
  readonly baseUrl: string;
}

type Attachment = { contentType?: string; name?: string; content?: { acceptContext?: unknown; declineContext?: unknown } };

/** The consent card of a bot message, with the file name it offers (`attachment.name`). */
export function consentCardOf(stored: StoredActivity | undefined): Attachment | undefined {
  const attachments = (stored?.activity['attachments'] as Attachment[] | undefined) ?? [];
  return attachments.find((attachment) => attachment.contentType === FILE_CONSENT_CARD);
}

/**
 * The `fileConsent/invoke` Teams sends when the person presses Allow or Decline on a bot's file
 * consent card (Teams "Send and receive files using bot"): `value.action`, the card's
 * `acceptContext`/`declineContext` as `value.context`, and on accept `value.uploadInfo` — the
 * upload session Teams opened in the person's OneDrive for the file (`uploadUrl`), where it will
 * live (`contentUrl`), its `uniqueId` and `fileType`. `replyToId` is the consent card's message.
 */
export function fileConsentInvoke(chat: ConsentChat, sessions: UploadSessions, stored: StoredActivity, from: ConsentAnswerer, action: 'accept' | 'decline') {
  const card = consentCardOf(stored);
  if (!card) throw new Error(`message ${stored.id} carries no file consent card`);
  const name = card.name ?? 'file';
  const uploadInfo = action === 'accept' ? openUpload(chat, sessions, stored.conversationId, name) : undefined;
  return {
    type: 'invoke',
    name: 'fileConsent/invoke',
    id: nextEventId(),
    timestamp: new Date().toISOString(),
    serviceUrl: chat.serviceUrl,
    channelId: 'msteams',
    from: { ...from },
    conversation: { conversationType: 'personal', tenantId: chat.tenantId, id: stored.conversationId },
    recipient: { ...chat.bot },
    replyToId: stored.id,
    channelData: { tenant: { id: chat.tenantId }, source: { name: 'message' } },
    locale: 'en-US',
    value: {
      type: 'fileUpload',
      action,
      context: action === 'accept' ? card.content?.acceptContext : card.content?.declineContext,
      ...(uploadInfo ? { uploadInfo } : {}),
    },
  };
}

function openUpload(chat: ConsentChat, sessions: UploadSessions, conversationId: string, name: string) {
  const documents = `${chat.baseUrl}/onedrive/personal/Documents/Applications/${encodeURIComponent(chat.bot.name)}`;
  const session = sessions.open(conversationId, name, () => `${documents}/${encodeURIComponent(name)}`);
  const extension = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  return { name, uploadUrl: `${chat.baseUrl}${uploadSessionPath(session.id)}`, contentUrl: session.contentUrl, uniqueId: session.uniqueId, fileType: extension };
}
