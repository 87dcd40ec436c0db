import { Body, Controller, Headers, HttpCode, Inject, Post } from '@nestjs/common';
import { AuthError, ChannelTokenVerifier } from '@herald/bot-auth';
import { inboundActivitySchema, SUBJECTS, type InboundActivity } from '@herald/contracts';
import { MessageBus } from '@herald/messaging';
import { LOGGER, type Logger } from '@herald/telemetry';
import { Problem } from '../../problem-details.filter.js';
import { activityReceived, deduplicationId } from './activity-received.js';

/**
 * `POST /api/messages`, the Bot Framework messaging endpoint: authenticate the channel's token,
 * store the activity in JetStream, and answer 200 only once it is stored.
 */
@Controller('api/messages')
export class ReceiveActivityController {
  constructor(
    @Inject(ChannelTokenVerifier) private readonly verifier: ChannelTokenVerifier,
    @Inject(MessageBus) private readonly bus: MessageBus,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Post()
  @HttpCode(200)
  async receive(@Body() body: unknown, @Headers('authorization') authorization: string | undefined): Promise<void> {
    const activity = parseActivity(body);
    await this.authenticate(authorization, activity);
    const message = activityReceived(activity, new Date());
    try {
      const ack = await this.bus.publish(SUBJECTS.activityReceived, message, { msgID: deduplicationId(activity) });
      this.logger.info({ activityId: activity.id, type: activity.type, seq: ack.seq, duplicate: ack.duplicate }, 'activity stored');
    } catch (error) {
      this.logger.error({ err: error, activityId: activity.id }, 'could not store activity');
      throw new Problem(503, 'the message bus is unavailable; retry later', { 'retry-after': '5' });
    }
  }

  private async authenticate(authorization: string | undefined, activity: InboundActivity): Promise<void> {
    try {
      await this.verifier.verify(authorization, activity);
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      this.logger.warn({ status: error.status, reason: error.message, activityId: activity.id }, 'activity refused');
      throw new Problem(error.status, error.message, error.status === 503 ? { 'retry-after': '10' } : {});
    }
  }
}

function parseActivity(body: unknown): InboundActivity {
  const result = inboundActivitySchema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || '(body)';
  throw new Problem(400, `${field}: ${issue?.message ?? 'invalid activity'}`, {}, field);
}
