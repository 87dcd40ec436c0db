import { chatSessionOf, postFor, type SimState } from '../sim-state.js';
import { consentCardOf, fileConsentInvoke, type ConsentAnswerer } from './file-consent.js';
import type { UploadedFile } from './upload-sessions.js';

/** Files a bot sends a person through file consent cards, for tests (no browser needed). */
export interface FilesSimApi {
  /** Every file uploaded to a completed upload session, in order. */
  readonly uploadedFiles: readonly UploadedFile[];
  /** Resolves once `count` matching files were uploaded; rejects after `timeoutMs` (default 5000). */
  waitForUploadedFiles(predicate?: (file: UploadedFile) => boolean, count?: number, timeoutMs?: number): Promise<UploadedFile[]>;
  /**
   * The person presses Allow (`accept`) or Decline on the file consent card of message `messageId`
   * in `conversationId` (default the chat page's): the `fileConsent/invoke` is posted to the bot;
   * resolves with its answer. `from`: the person (default the chat page's user).
   */
  answerFileConsent(answer: { messageId: string; action: 'accept' | 'decline'; conversationId?: string; from?: ConsentAnswerer }): Promise<{ status: number; body: unknown }>;
  /** Every open upload session expires now: their upload URLs answer 404. */
  expireUploadSessions(): void;
}

export function filesSimApi(state: SimState): FilesSimApi {
  return {
    get uploadedFiles() {
      return state.uploads.uploaded.items;
    },
    waitForUploadedFiles: (predicate = () => true, count = 1, timeoutMs = 5_000) => state.uploads.uploaded.waitFor(predicate, count, timeoutMs),
    answerFileConsent: async ({ messageId, action, conversationId, from }) => {
      const session = chatSessionOf(state);
      const stored = state.store.find(conversationId ?? session.conversationId, messageId);
      if (!consentCardOf(stored)) throw new Error(`teams-sim: message ${messageId} carries no file consent card`);
      const invoke = fileConsentInvoke({ ...session, baseUrl: state.baseUrl }, state.uploads, stored!, from ?? session.user, action);
      const response = await postFor(state)(invoke);
      const text = await response.text();
      return { status: response.status, body: text === '' ? undefined : safeJson(text) };
    },
    expireUploadSessions: () => state.uploads.expireAll(),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
