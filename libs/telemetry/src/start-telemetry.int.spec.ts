import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { trace } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CapturedLogs } from '@herald/testing';
import { createLogger } from './logger.js';
import { startTelemetry, type Telemetry } from './start-telemetry.js';

const received: { path: string; body: string }[] = [];
const collector = createServer((request: IncomingMessage, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    received.push({ path: request.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});
let telemetry: Telemetry;

beforeAll(async () => {
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  const { port } = collector.address() as AddressInfo;
  telemetry = startTelemetry({ serviceName: 'herald-test', otlpEndpoint: `http://127.0.0.1:${port}` });
});

afterAll(async () => {
  await new Promise((resolve) => collector.close(resolve));
});

describe('telemetry', () => {
  it('writes the active trace and span ids into every log line, and redacts tokens', () => {
    const logs = new CapturedLogs();
    const logger = createLogger({ service: 'test', destination: logs });
    trace.getTracer('test').startActiveSpan('work', (span) => {
      logger.info({ headers: { authorization: 'Bearer secret-token' } }, 'inside');
      span.end();
    });
    logger.info('outside');
    const [inside, outside] = logs.lines;
    expect(inside?.['trace_id']).toMatch(/^[0-9a-f]{32}$/);
    expect(inside?.['span_id']).toMatch(/^[0-9a-f]{16}$/);
    expect(JSON.stringify(inside)).not.toContain('secret-token');
    expect(outside?.['trace_id']).toBeUndefined();
  });

  it('exports spans over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set', async () => {
    trace.getTracer('test').startSpan('exported-span').end();
    await telemetry.shutdown();
    const traces = received.filter((r) => r.path === '/v1/traces');
    expect(traces.length).toBeGreaterThan(0);
    expect(traces.map((t) => t.body).join('')).toContain('exported-span');
  });
});
