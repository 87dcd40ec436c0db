import { Body, Controller, Inject, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthError, InboundTokenVerifier, type VerifiedToken } from '@herald/bot-auth';
import { inboundActivitySchema, SUBJECTS, type ActivityReceived, type InboundActivity } from '@herald/contracts';
import { METRICS } from '@herald/health';
import { MessageBus } from '@herald/messaging';
import { LOGGER, type Logger } from '@herald/telemetry';
import { parseBody, Problem } from '../../problem-details.filter.js';
import { answerInvoke } from '../answer-invoke/answer-invoke.js';
import { activityReceived, deduplicationId } from './activity-received.js';
import { withoutSecrets } from './without-secrets.js';
import { CallerAuthentication, MESSAGES_PATH } from './caller-authentication.hook.js';

/**
 * `POST /api/messages`, the Bot Framework messaging endpoint. The channel's token was verified
 * before the body was read (caller-authentication.hook.ts); here the body is parsed (400 naming the
 * field), the activity is checked against the token (403), stored in JetStream, and answered only
 * once it is stored — 200 with an empty body, or, for an invoke, the answer of the service that owns it.
 */
@Controller(MESSAGES_PATH)
export class ReceiveActivityController {
  constructor(
    @Inject(CallerAuthentication) private readonly callers: CallerAuthentication,
    @Inject(InboundTokenVerifier) private readonly verifier: InboundTokenVerifier,
    @Inject(MessageBus) private readonly bus: MessageBus,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Post()
  async receive(@Body() body: unknown, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    const token = this.callers.tokenOf(request);
    const activity = parseBody(inboundActivitySchema, body);
    this.authorize(token, activity);
    const message = activityReceived(activity, new Date());
    await this.store(withoutSecrets(message));
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

  private authorize(token: VerifiedToken, activity: InboundActivity): void {
    try {
      this.verifier.authorize(token, activity);
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      this.logger.warn({ status: error.status, check: error.check, reason: error.message, activityId: activity.id }, 'activity refused');
      throw new Problem(error.status, error.message, error.status === 503 ? { 'retry-after': '10' } : {});
    }
  }
}
