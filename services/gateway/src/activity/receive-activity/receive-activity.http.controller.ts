import { Body, Controller, Inject, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthError, InboundTokenVerifier } from '@herald/bot-auth';
import { inboundActivitySchema, SUBJECTS, type ActivityReceived, type InboundActivity } from '@herald/contracts';
import { METRICS } from '@herald/health';
import { MessageBus } from '@herald/messaging';
import { LOGGER, type Logger } from '@herald/telemetry';
import { parseBody, Problem } from '../../problem-details.filter.js';
import { answerInvoke } from '../answer-invoke/answer-invoke.js';
import { activityReceived, deduplicationId } from './activity-received.js';
import { authorizationHeaders } from './authorization-headers.js';

/**
 * `POST /api/messages`, the Bot Framework messaging endpoint: authenticate the channel's token,
 * store the activity in JetStream, and answer only once it is stored — 200 with an empty body,
 * or, for an invoke, the answer of the service that owns it.
 */
@Controller('api/messages')
export class ReceiveActivityController {
  constructor(
    @Inject(InboundTokenVerifier) private readonly verifier: InboundTokenVerifier,
    @Inject(MessageBus) private readonly bus: MessageBus,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Post()
  async receive(@Body() body: unknown, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    const activity = parseBody(inboundActivitySchema, body);
    await this.authenticate(authorizationHeaders(request), activity);
    const message = activityReceived(activity, new Date());
    await this.store(message);
    if (activity.type !== 'invoke') {
      void reply.status(200);
      return undefined;
    }
    const answer = await answerInvoke(this.bus, this.logger, message);
    void reply.status(answer.status);
    return answer.body;
  }

  private async store(message: ActivityReceived): Promise<void> {
    const { activity } = message.data;
    try {
      const ack = await this.bus.publish(SUBJECTS.activityReceived, message, { msgID: deduplicationId(activity) });
      this.logger.info({ activityId: activity.id, type: activity.type, seq: ack.seq, duplicate: ack.duplicate }, 'activity stored');
      if (!ack.duplicate) METRICS.activitiesStored.inc({ type: activity.type });
    } catch (error) {
      this.logger.error({ err: error, activityId: activity.id }, 'could not store activity');
      throw new Problem(503, 'the message bus is unavailable; retry later', { 'retry-after': '5' });
    }
  }

  private async authenticate(authorization: string | string[] | undefined, activity: InboundActivity): Promise<void> {
    try {
      await this.verifier.verify({ authorization, activity });
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      this.logger.warn({ status: error.status, check: error.check, reason: error.message, activityId: activity.id }, 'activity refused');
      throw new Problem(error.status, error.message, error.status === 503 ? { 'retry-after': '10' } : {});
    }
  }
}
