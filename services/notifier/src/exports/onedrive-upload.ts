import { setTimeout } from 'node:timers/promises';

/** OneDrive takes fragments in multiples of 320 KiB (every one but the last). */
export const FRAGMENT_UNIT = 327_680;
/** 10 × 320 KiB per PUT: well under OneDrive's 60 MiB. */
const FRAGMENT_BYTES = 10 * FRAGMENT_UNIT;
const ATTEMPTS_PER_FRAGMENT = 3;
const TIMEOUT_MS = 30_000;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Where the file ended (the driveItem), or why it could not be uploaded. */
export type UploadResult = { uploaded: { id?: string; webUrl?: string; size?: number } } | { failed: string };

/**
 * Uploads `content` to a OneDrive upload session (the `uploadUrl` of a file consent's
 * `uploadInfo`): PUT byte ranges in order with `Content-Range`, resuming from the session's
 * `nextExpectedRanges`, until it answers 200/201 with the driveItem. The URL is pre-authenticated:
 * no Authorization header is ever sent to it (no bot token leaves Herald this way). A fragment
 * Microsoft answers 5xx, 429 or not at all is tried again a few times.
 */
export async function uploadToSession(uploadUrl: string, content: Buffer, fetchImpl: typeof fetch = fetch): Promise<UploadResult> {
  if (!isAllowedUrl(uploadUrl)) return { failed: 'UntrustedUploadUrl' };
  let start = 0;
  for (;;) {
    const end = Math.min(start + FRAGMENT_BYTES, content.length) - 1;
    const answer = await putFragment(uploadUrl, content, start, end, fetchImpl);
    if ('failed' in answer) return answer;
    if (answer.status === 200 || answer.status === 201) return { uploaded: answer.body as { id?: string; webUrl?: string; size?: number } };
    const next = nextStart(answer.body);
    if (next === undefined || next <= start || next >= content.length) return { failed: 'UnexpectedUploadAnswer' };
    start = next;
  }
}

async function putFragment(url: string, content: Buffer, start: number, end: number, fetchImpl: typeof fetch): Promise<{ status: number; body: unknown } | { failed: string }> {
  for (let attempt = 1; ; attempt += 1) {
    const answer = await fetchImpl(url, {
      method: 'PUT',
      headers: { 'content-range': `bytes ${start}-${end}/${content.length}`, 'content-type': 'application/octet-stream' },
      body: content.subarray(start, end + 1),
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    }).then(
      async (response) => ({ status: response.status, body: await response.json().catch(() => undefined) }),
      () => ({ status: 0, body: undefined }),
    );
    if (answer.status === 200 || answer.status === 201 || answer.status === 202) return answer;
    const transient = answer.status === 0 || answer.status === 429 || answer.status >= 500;
    if (!transient || attempt >= ATTEMPTS_PER_FRAGMENT) return { failed: answer.status === 404 ? 'UploadSessionGone' : `UploadFailed:${answer.status}` };
    await setTimeout(500 * 2 ** attempt);
  }
}

/** The first byte of the session's first missing range ("26-" or "26-100"). */
function nextStart(body: unknown): number | undefined {
  const ranges = (body as { nextExpectedRanges?: unknown } | undefined)?.nextExpectedRanges;
  const first: unknown = Array.isArray(ranges) ? (ranges as unknown[])[0] : undefined;
  const match = typeof first === 'string' ? /^(\d+)-/.exec(first) : null;
  return match ? Number(match[1]) : undefined;
}

/** https, or http to a loopback host (the simulator in dev mode). */
function isAllowedUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname));
}
