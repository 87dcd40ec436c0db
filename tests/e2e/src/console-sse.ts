import { eventually } from '@herald/testing';

/** One server-sent event: its `event` name and its parsed `data`. */
export interface ServerSentEvent {
  event: string;
  data: unknown;
}

/**
 * A `text/event-stream` response read as a browser's EventSource would: blocks separated by a
 * blank line, `event:` and `data:` fields, comments (`: keep-alive`) counted apart. One
 * connection; `close()` goes away as a closing tab does.
 */
export class EventStreamReader {
  readonly events: ServerSentEvent[] = [];
  comments = 0;
  private readonly abort = new AbortController();
  /** The server ended the stream (or close() was called). */
  ended = false;

  private constructor(readonly response: Response) {}

  static async open(url: string, token: string): Promise<EventStreamReader> {
    const controller = new AbortController();
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: controller.signal });
    const reader = new EventStreamReader(response);
    reader.abort.signal.addEventListener('abort', () => controller.abort());
    if (response.ok && response.body) void reader.read(response.body);
    return reader;
  }

  /** The first event (from the start of the stream) that `matches`, waiting for it up to `timeoutMs`. */
  waitFor(matches: (event: ServerSentEvent) => boolean, timeoutMs = 30_000, what = 'event'): Promise<ServerSentEvent> {
    return eventually(() => this.events.find(matches) ?? (this.ended ? Promise.reject(new Error(`stream ended before ${what}`)) : undefined), timeoutMs, what);
  }

  close(): void {
    this.abort.abort();
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    let buffer = '';
    try {
      for await (const text of body.pipeThrough(new TextDecoderStream())) {
        buffer += text;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          this.take(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // aborted by close()
    } finally {
      this.ended = true;
    }
  }

  private take(block: string): void {
    const lines = block.split('\n');
    if (lines.every((line) => line.startsWith(':'))) {
      this.comments += 1;
      return;
    }
    const field = (name: string) => lines.filter((line) => line.startsWith(`${name}:`)).map((line) => line.slice(name.length + 1).replace(/^ /, ''));
    const data = field('data').join('\n');
    if (data) this.events.push({ event: field('event')[0] ?? 'message', data: JSON.parse(data) as unknown });
  }
}
