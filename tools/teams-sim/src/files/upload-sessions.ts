import { randomUUID } from 'node:crypto';
import { WaitableList } from '../waitable-list.js';

/** OneDrive's fragment unit: every fragment but the last must be a multiple of 320 KiB. */
export const FRAGMENT_UNIT = 327_680;
/** OneDrive refuses fragments over 60 MiB. */
export const MAX_FRAGMENT_BYTES = 60 * 1024 * 1024;
/** How long a session Teams opened for a consent stays usable (OneDrive's are days; never reached in a test unless expired on purpose). */
const SESSION_LIFETIME_MS = 24 * 3_600_000;

/** A file a bot uploaded to a person's OneDrive through a consent's upload session. */
export interface UploadedFile {
  readonly sessionId: string;
  readonly conversationId: string;
  readonly name: string;
  readonly bytes: number;
  readonly content: Buffer;
  readonly uniqueId: string;
  readonly contentUrl: string;
  /** How many PUTs carried it. */
  readonly fragments: number;
  readonly uploadedAt: string;
}

interface Session {
  readonly id: string;
  readonly conversationId: string;
  readonly name: string;
  readonly uniqueId: string;
  readonly contentUrl: string;
  expiresAt: number;
  total?: number;
  received: Buffer[];
  receivedBytes: number;
  /** A fragment before the last was not a multiple of 320 KiB: the upload fails once complete (OneDrive's documented outcome). */
  misaligned: boolean;
}

/** What a PUT of a byte range answers, as OneDrive does. */
export type PutAnswer = { status: number; body: Record<string, unknown> };

const error = (status: number, code: string, message: string): PutAnswer => ({ status, body: { error: { code, message } } });

/**
 * OneDrive upload sessions (Graph `uploadSession`), as Teams opens one in the person's OneDrive
 * when they accept a bot's file consent card: PUTs of byte ranges in order with `Content-Range`
 * (202 + `nextExpectedRanges` until the last byte, then 201 with the driveItem), the session
 * gone once complete or expired (404), an overlapping or out-of-order range refused (416).
 */
export class UploadSessions {
  private readonly sessions = new Map<string, Session>();
  readonly uploaded = new WaitableList<UploadedFile>();

  /** Opens a session for `name` in the person's OneDrive; `contentUrl` is where the file will live. */
  open(conversationId: string, name: string, contentUrlOf: (uniqueId: string) => string, now = Date.now()): Session {
    const uniqueId = randomUUID().toUpperCase();
    const session: Session = { id: randomUUID(), conversationId, name, uniqueId, contentUrl: contentUrlOf(uniqueId), expiresAt: now + SESSION_LIFETIME_MS, received: [], receivedBytes: 0, misaligned: false };
    this.sessions.set(session.id, session);
    return session;
  }

  /** Every open session expires now (as after OneDrive's expirationDateTime): their URLs answer 404. */
  expireAll(): void {
    for (const session of this.sessions.values()) session.expiresAt = 0;
  }

  put(sessionId: string, contentRange: string | undefined, body: Buffer, now = Date.now()): PutAnswer {
    const session = this.sessions.get(sessionId);
    if (!session || session.expiresAt <= now) {
      this.sessions.delete(sessionId);
      return error(404, 'itemNotFound', 'The upload session was not found or has expired.');
    }
    const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(contentRange ?? '');
    if (!range) return error(400, 'invalidRequest', 'A Content-Range header of the form "bytes start-end/total" is required.');
    const [start, end, total] = [Number(range[1]), Number(range[2]), Number(range[3])];
    if (end < start || end >= total || body.length !== end - start + 1) return error(400, 'invalidRequest', 'The Content-Range does not match the request body.');
    if (body.length > MAX_FRAGMENT_BYTES) return error(413, 'requestTooLarge', 'A fragment may carry at most 60 MiB.');
    if (session.total !== undefined && session.total !== total) return error(400, 'invalidRequest', 'The total size differs from earlier fragments.');
    if (start !== session.receivedBytes) return error(416, 'invalidRange', `The fragment does not start at the next expected byte (${session.receivedBytes}).`);
    session.total = total;
    session.received.push(body);
    session.receivedBytes += body.length;
    session.expiresAt = now + SESSION_LIFETIME_MS;
    if (end + 1 < total) {
      if (body.length % FRAGMENT_UNIT !== 0) session.misaligned = true;
      return { status: 202, body: { expirationDateTime: new Date(session.expiresAt).toISOString(), nextExpectedRanges: [`${session.receivedBytes}-`] } };
    }
    this.sessions.delete(sessionId);
    if (session.misaligned) return error(400, 'invalidRange', 'A fragment before the last was not a multiple of 320 KiB; the upload failed.');
    return this.complete(session, now);
  }

  private complete(session: Session, now: number): PutAnswer {
    const content = Buffer.concat(session.received);
    const at = new Date(now).toISOString();
    this.uploaded.push({ sessionId: session.id, conversationId: session.conversationId, name: session.name, bytes: content.length, content, uniqueId: session.uniqueId, contentUrl: session.contentUrl, fragments: session.received.length, uploadedAt: at });
    const driveItem = {
      id: session.uniqueId,
      name: session.name,
      size: content.length,
      webUrl: session.contentUrl,
      createdDateTime: at,
      lastModifiedDateTime: at,
      file: { mimeType: session.name.endsWith('.csv') ? 'text/csv' : 'application/octet-stream' },
    };
    return { status: 201, body: driveItem };
  }
}
