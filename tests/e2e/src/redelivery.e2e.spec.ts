import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { mergeMap, type Observable } from 'rxjs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busNames, sendActivitySchema, SUBJECTS } from '@herald/contracts';
import { connectToNats, MessageBus } from '@herald/messaging';
import { createLogger } from '@herald/telemetry';
import { eventually, NATS_URL, fixture as sharedFixture } from '@herald/testing';
import { personalMessage, startHerald, type Herald } from './herald-harness.js';

const fixture = sharedFixture<{ conversation: { id: string } }>('message-personal.json');

/** The router dies right after its handler published the reply command, before it could ack. */
class DieBeforeAck implements NestInterceptor {
  constructor(private readonly router: () => NestFastifyApplication) {}
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      mergeMap(async () => {
        await this.router().getMicroservices()[0]!.unwrap<NatsConnection>().close();
        throw new Error('router crashed before ack');
      }),
    );
  }
}

let herald: Herald;
const repliesTo = (conversationId: string) => herald.sim.connectorCalls.filter((c) => c.conversationId === conversationId && c.operation === 'replyToActivity');

beforeAll(async () => {
  herald = await startHerald({ env: { NATS_ACK_WAIT_SECONDS: '2' } });
});

afterAll(async () => {
  await herald?.close();
});

describe('redelivery', () => {
  it('a router killed before its ack is redelivered the activity after restart, and the reply is still sent once', async () => {
    const first: { router?: NestFastifyApplication } = {};
    first.router = await herald.startRouter([new DieBeforeAck(() => first.router!)]);
    const activity = { ...personalMessage(herald.sim, 'help', fixture), conversation: { ...fixture.conversation, id: 'a:redelivery-1' } };
    const token = await herald.sim.mintChannelToken({ serviceUrl: activity.serviceUrl });
    await request(herald.gatewayUrl).post('/api/messages').set('Authorization', `Bearer ${token}`).send(activity).expect(200);

    const crashed = () => first.router!.getMicroservices()[0]!.unwrap<NatsConnection>().isClosed();
    await eventually(() => (crashed() ? true : undefined), 10_000, 'the first router to crash');
    await herald.startRouter();
    const redelivered = await eventually(
      () =>
        herald.logs.lines.find(
          (l) => l['service'] === 'router' && l['msg'] === 'activity dispatched' && l['activityId'] === activity.id && l['deliveries'] === 2,
        ),
      15_000,
      'the restarted router to handle the redelivered activity',
    );
    expect(redelivered['dispatcher']).toBe('help');

    await herald.sim.waitForConnectorCalls((c) => c.conversationId === 'a:redelivery-1', 1, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(repliesTo('a:redelivery-1')).toHaveLength(1);

    const jsm = await jetstreamManager(await connectToNats({ url: NATS_URL, name: 'test', logger: createLogger({ service: 'test', level: 'silent' }) }));
    const outbound = await jsm.streams.info(busNames(herald.prefix).stream('outbound').name, { subjects_filter: '>' });
    expect(outbound.state.messages, 'the reply command was stored once').toBe(1);
  });

  it('a SendActivity command delivered to the notifier again, beyond the de-duplication window, sends nothing twice', async () => {
    const activity = { ...personalMessage(herald.sim, 'help', fixture), conversation: { ...fixture.conversation, id: 'a:redelivery-2' } };
    const token = await herald.sim.mintChannelToken({ serviceUrl: activity.serviceUrl });
    await request(herald.gatewayUrl).post('/api/messages').set('Authorization', `Bearer ${token}`).send(activity).expect(200);
    await herald.sim.waitForConnectorCalls((c) => c.conversationId === 'a:redelivery-2', 1, 10_000);

    const connection = await connectToNats({ url: NATS_URL, name: 'test', logger: createLogger({ service: 'test', level: 'silent' }) });
    const jsm = await jetstreamManager(connection);
    const names = busNames(herald.prefix);
    const stored = await jsm.streams.getMessage(names.stream('outbound').name, { last_by_subj: names.subject(SUBJECTS.sendActivity) });
    const command = sendActivitySchema.parse(stored!.json());
    expect(command.data.conversationId).toBe('a:redelivery-2');
    // A new msgID defeats JetStream's de-duplication, as a re-publish after the window would.
    await new MessageBus(connection, names).publish(SUBJECTS.sendActivity, command, { msgID: `${command.metadata.id}:again` });

    await eventually(
      () => herald.logs.lines.filter((l) => l['service'] === 'notifier' && l['commandId'] === command.metadata.id).length >= 1 ? true : undefined,
      5_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(repliesTo('a:redelivery-2')).toHaveLength(1);
    await connection.close();
  });
});
