import type { ConsoleStatusSnapshot } from '@herald/contracts';
import type { ConsoleApi } from './console-api.js';

const RECONNECT_MS = [1_000, 2_000, 5_000, 10_000];

/**
 * Follows `GET /messages/{id}/events` (server-sent events) with `fetch` and a stream reader —
 * EventSource cannot send the Authorization header — and reconnects after a dropped connection.
 * Returns a function that stops it.
 */
export function followStatus(api: ConsoleApi, messageId: string, onStatus: (event: ConsoleStatusSnapshot) => void, onConnected: (connected: boolean) => void): () => void {
  const abort = new AbortController();
  let failures = 0;
  const run = async () => {
    while (!abort.signal.aborted) {
      try {
        const response = await api.fetch(`/messages/${encodeURIComponent(messageId)}/events`, { signal: abort.signal, headers: { accept: 'text/event-stream' } });
        onConnected(true);
        failures = 0;
        await readEvents(response, (name, data) => {
          if (name === 'status') onStatus(JSON.parse(data) as ConsoleStatusSnapshot);
        });
      } catch (error) {
        if (abort.signal.aborted || (error as { status?: number }).status === 401 || (error as { status?: number }).status === 403) return;
      }
      onConnected(false);
      await sleep(RECONNECT_MS[Math.min(failures++, RECONNECT_MS.length - 1)] ?? 10_000, abort.signal);
    }
  };
  void run();
  return () => abort.abort();
}

/** Reads an event stream to its end, calling `onEvent` for each event (comments such as `: keep-alive` are skipped). */
export async function readEvents(response: Response, onEvent: (name: string, data: string) => void): Promise<void> {
  if (!response.body) return;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replace(/\r\n?/g, '\n');
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      dispatch(buffer.slice(0, end), onEvent);
      buffer = buffer.slice(end + 2);
    }
  }
}

function dispatch(block: string, onEvent: (name: string, data: string) => void): void {
  let name = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') name = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length > 0) onEvent(name, data.join('\n'));
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}
