import { createRequire } from 'node:module';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually } from '@herald/testing';
import { startTelemetry } from './start-telemetry.js';

// Telemetry first, as in every main.ts; then `http` loaded the way Fastify loads it (require).
const spans = new InMemorySpanExporter();
const telemetry = startTelemetry({ serviceName: 'herald-test', spanProcessors: [new SimpleSpanProcessor({ exporter: spans })] });
const { createServer } = createRequire(import.meta.url)('node:http') as typeof import('node:http');

afterAll(() => telemetry.shutdown());

describe('telemetry of HTTP requests', () => {
  it("never records a sign-in callback's authorization code or state in a span", async () => {
    const server = createServer((_request, response) => response.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      await fetch(`http://127.0.0.1:${port}/auth/callback?code=0.AAAA-secret-code&state=CUSTOMsigned-state&session_state=s1&lang=en`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    // The server's span (the browser's own request is not Herald's to record); it ends just after the answer.
    const served = await eventually(() => {
      const found = spans.getFinishedSpans().filter((span) => span.kind === SpanKind.SERVER);
      return found.length > 0 ? found : undefined;
    }, 5_000, 'the server span');
    expect(served.map((span) => span.attributes['url.path'])).toEqual(['/auth/callback']);
    const recorded = JSON.stringify(served.map((span) => [span.name, span.attributes]));
    expect(recorded).not.toContain('secret-code');
    expect(recorded).not.toContain('signed-state');
    expect(recorded).toContain('lang=en');
  });
});
