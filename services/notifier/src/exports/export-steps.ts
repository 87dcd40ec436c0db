import { ConnectorClient } from '@herald/connector-client';
import { deriveId, type OutboundActivity } from '@herald/contracts';
import { callConnector } from '../send-activity/call-connector.js';
import type { Chat } from './author-chat.js';
import { consentActivity, fileInfoActivity, settledConsentActivity, type ConsentOutcome } from './export-cards.js';
import type { OnceOnly, StepResult, StepTry } from './once-only.js';
import { uploadToSession } from './onedrive-upload.js';

/** What Teams gave for the accepted file (`fileConsent/invoke`'s `uploadInfo`). */
export interface UploadInfo {
  readonly uploadUrl: string;
  readonly name: string;
  readonly contentUrl?: string;
  readonly uniqueId?: string;
  readonly fileType?: string;
}

/**
 * The side effects of an export, each at most once (OnceOnly, keyed by the export): the consent
 * card, the upload to the author's OneDrive, the file info card, and the consent card replaced
 * once it is answered or expired.
 */
export class ExportSteps {
  constructor(
    private readonly connector: ConnectorClient,
    private readonly once: OnceOnly,
  ) {}

  offer(exportId: string, chat: Chat, file: { name: string; content: Buffer; rows: number }): Promise<StepResult> {
    return this.send(deriveId('ExportConsentCard', exportId), chat, consentActivity(exportId, file.name, file.content.length, file.rows));
  }

  /** PUTs the CSV to Teams' upload session: no bot token goes with it. */
  upload(exportId: string, chat: Chat, uploadUrl: string, content: Buffer): Promise<StepResult> {
    return this.once.run(deriveId('ExportUpload', exportId), chat.conversationId, async (): Promise<StepTry> => {
      const result = await uploadToSession(uploadUrl, content);
      return 'uploaded' in result ? {} : { failure: { kind: 'failed', code: result.failed } };
    });
  }

  showFile(exportId: string, chat: Chat, upload: UploadInfo): Promise<StepResult> {
    const { name, contentUrl, uniqueId, fileType } = upload;
    if (!contentUrl || !uniqueId) return Promise.resolve({ done: true });
    return this.send(deriveId('ExportFileInfoCard', exportId), chat, fileInfoActivity({ name, contentUrl, uniqueId, fileType: fileType ?? 'csv' }));
  }

  /** Replaces the consent card (it can no longer be answered) with what became of the export. */
  settleCard(exportId: string, chat: Chat, activityId: string | undefined, outcome: ConsentOutcome, fileName: string): Promise<StepResult> {
    if (!activityId) return Promise.resolve({ done: true });
    return this.once.run(deriveId('ExportConsentSettled', exportId), chat.conversationId, async (): Promise<StepTry> => {
      const updated = await callConnector(() => this.connector.updateActivity(chat.serviceUrl, chat.conversationId, activityId, settledConsentActivity(outcome, fileName)));
      return 'failure' in updated ? { failure: updated.failure } : {};
    });
  }

  private send(key: string, chat: Chat, activity: OutboundActivity): Promise<StepResult> {
    return this.once.run(key, chat.conversationId, async (): Promise<StepTry> => {
      const sent = await callConnector(() => this.connector.sendToConversation(chat.serviceUrl, chat.conversationId, activity));
      if ('failure' in sent) return { failure: sent.failure };
      return sent.result.id ? { activityId: sent.result.id } : {};
    });
  }
}
