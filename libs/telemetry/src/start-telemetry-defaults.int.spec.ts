import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { metrics, trace } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTelemetry } from './start-telemetry.js';

// A collector where OpenTelemetry's exporters send by default (localhost:4318): Herald without
// OTEL_EXPORTER_OTLP_ENDPOINT must send it nothing (metrics are served on /metrics, logs go to
// stdout), and must not wait for it when it stops.
const received: string[] = [];
const collector = createServer((request, response) => {
  received.push(request.url ?? '');
  request.resume();
  request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
});
const app = createServer((_request, response) => response.end('ok'));

beforeAll(async () => {
  await new Promise<void>((resolve, reject) => collector.once('error', reject).listen(4318, resolve));
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await new Promise((resolve) => collector.close(resolve));
  await new Promise((resolve) => app.close(resolve));
});

describe('telemetry without an OTLP endpoint', () => {
  it('sends no metrics, logs or traces anywhere, and stops at once', async () => {
    const telemetry = startTelemetry({ serviceName: 'herald-test' });
    const { port } = app.address() as AddressInfo;
    // An instrumented HTTP call records spans and metrics, and a span of our own is ended.
    await new Promise<void>((resolve, reject) => httpRequest({ host: '127.0.0.1', port, path: '/work' }, (response) => response.resume().on('end', resolve)).on('error', reject).end());
    trace.getTracer('test').startSpan('work').end();
    metrics.getMeter('test').createCounter('work_done').add(1);
    const started = Date.now();
    await telemetry.shutdown();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(received).toEqual([]);
  });
});
