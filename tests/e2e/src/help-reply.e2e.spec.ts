import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { decodeJwt } from 'jose';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture as sharedFixture } from '@herald/testing';
import { startTelemetry } from '@herald/telemetry';

// Telemetry first, as in every main.ts: the services are imported only after it started.
const spans = new InMemorySpanExporter();
const telemetry = startTelemetry({ serviceName: 'herald-e2e', spanProcessors: [new SimpleSpanProcessor({ exporter: spans })] });
const { personalMessage, startHerald } = await import('./herald-harness.js');

const fixture = sharedFixture<{ conversation: { id: string } }>('message-personal.json');
let herald: Awaited<ReturnType<typeof startHerald>>;

beforeAll(async () => {
  herald = await startHerald();
  await herald.startRouter();
});

afterAll(async () => {
  await herald?.close();
  await telemetry.shutdown();
});

describe('a `help` message, end to end', () => {
  let activity: ReturnType<typeof personalMessage>;
  let traceId: string;

  it('is answered with exactly one reply in the same conversation, sent with the notifier token', async () => {
    activity = personalMessage(herald.sim, 'help', fixture);
    const token = await herald.sim.mintChannelToken({ serviceUrl: activity.serviceUrl });
    await request(herald.gatewayUrl).post('/api/messages').set('Authorization', `Bearer ${token}`).send(activity).expect(200);

    const [reply] = await herald.sim.waitForConnectorCalls((c) => c.conversationId === fixture.conversation.id && c.method !== 'GET', 1, 10_000);
    expect(reply).toMatchObject({ operation: 'replyToActivity', activityId: activity.id });
    expect(reply!.status).toBeGreaterThanOrEqual(200);
    expect(reply!.status).toBeLessThan(300);
    expect((reply!.body as { replyToId?: string }).replyToId).toBe(activity.id);
    const card = (reply!.body as { attachments: { contentType: string; content: { body: { text?: string }[] } }[] }).attachments[0];
    expect(card?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card?.content.body[0]?.text).toMatch(/here's what I can do/i);

    const claims = decodeJwt(reply!.authorization!.replace(/^Bearer /, ''));
    expect(claims).toMatchObject({ aud: 'https://api.botframework.com', appid: expect.any(String) });
    expect(reply!.authorization).not.toContain(token);

    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(herald.sim.connectorCalls.filter((c) => c.conversationId === fixture.conversation.id && c.method !== 'GET')).toHaveLength(1);
  });

  it('forms one trace: gateway HTTP → publish → router → publish → notifier → POST to the connector', async () => {
    const finished = spans.getFinishedSpans();
    const server = finished.find((s) => s.kind === SpanKind.SERVER && String((s.attributes['http.target'] as string | undefined) ?? (s.attributes['url.path'] as string | undefined) ?? s.name).includes('/api/messages'));
    expect(server, 'the gateway HTTP server span').toBeDefined();
    traceId = server!.spanContext().traceId;
    const inTrace = finished.filter((s) => s.spanContext().traceId === traceId);
    const byName = (pattern: RegExp, kind: SpanKind) => inTrace.find((s) => pattern.test(s.name) && s.kind === kind);

    const publishReceived = byName(/^publish .*gateway\.activity\.received$/, SpanKind.PRODUCER);
    // The router reads each activity twice (dispatch, conversation facts): the dispatch consumer replies.
    const routerConsume = inTrace.find((s) => s.kind === SpanKind.CONSUMER && s.attributes['messaging.consumer.group.name'] === 'router-dispatch');
    const publishSend = byName(/^publish .*notifier\.command\.send-activity$/, SpanKind.PRODUCER);
    const notifierConsume = byName(/^process .*notifier\.command\.send-activity$/, SpanKind.CONSUMER);
    // (The same trace also holds the notifier's GET of the person's profile, Herald being installed by this first message.)
    const connectorPost = inTrace.find((s) => s.kind === SpanKind.CLIENT && s.attributes['http.request.method'] === 'POST' && String((s.attributes['url.full'] as string | undefined) ?? '').includes('/v3/conversations/'));

    expect(childOf(publishReceived, server)).toBe(true);
    expect(childOf(routerConsume, publishReceived)).toBe(true);
    expect(childOf(publishSend, routerConsume)).toBe(true);
    expect(childOf(notifierConsume, publishSend)).toBe(true);
    expect(childOf(connectorPost, notifierConsume)).toBe(true);
  });

  it('leaves the same trace id in the logs of gateway, router and notifier', () => {
    const line = (service: string, msg: string) => herald.logs.lines.find((l) => l['service'] === service && l['msg'] === msg && l['activityId'] === activity.id);
    expect(line('gateway', 'activity stored')?.['trace_id']).toBe(traceId);
    expect(line('router', 'activity dispatched')?.['trace_id']).toBe(traceId);
    const delivered = herald.logs.lines.find((l) => l['service'] === 'notifier' && l['msg'] === 'activity delivered' && l['trace_id'] === traceId);
    expect(delivered).toBeDefined();
  });
});

/** `child`'s parent is `parent` (both exist). */
function childOf(child: ReadableSpan | undefined, parent: ReadableSpan | undefined): boolean {
  if (!child || !parent) return false;
  return child.parentSpanContext?.spanId === parent.spanContext().spanId;
}
