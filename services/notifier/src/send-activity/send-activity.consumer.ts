import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { CONSUMERS, sendActivitySchema, SUBJECTS, type SendActivity } from '@herald/contracts';
import { JetStreamContext, JetStreamEventPattern, MessageBus, RetryLaterError } from '@herald/messaging';
import { METRICS } from '@herald/health';
import { LOGGER, type Logger } from '@herald/telemetry';
import { ActivitySender } from './activity-sender.js';
import { SendGovernor } from '../rate-governor/send-governor.js';
import { classifyFailure } from './delivery-outcome.js';
import { deliveryFailed, deliverySucceeded } from './delivery-events.js';
import { OutboundSendsStore, type SendRecord } from './outbound-sends.store.js';

/** Attempts before a retryable failure becomes final. */
export const MAX_SEND_ATTEMPTS = 6;

/** SendActivity → one Bot Connector call (never repeated when its outcome is unknown) → a delivery event. */
@Controller()
export class SendActivityConsumer {
  constructor(
    @Inject(OutboundSendsStore) private readonly sends: OutboundSendsStore,
    @Inject(ActivitySender) private readonly sender: ActivitySender,
    @Inject(SendGovernor) private readonly governor: SendGovernor,
    @Inject(MessageBus) private readonly bus: MessageBus,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @JetStreamEventPattern(SUBJECTS.sendActivity, { durable: CONSUMERS.notifierSend })
  async handle(@Payload() payload: unknown, @Ctx() context: JetStreamContext): Promise<void> {
    const command = sendActivitySchema.parse(payload);
    const claim = await this.sends.claim(command.metadata.id, command.data.conversationId, new Date());
    if (claim.kind === 'finished') return this.republish(command, claim.record);
    if (claim.kind === 'interrupted') return this.finish(command, { outcome: 'Unknown', code: 'InterruptedInFlight' }, claim.record.attempts);
    try {
      // Answers to a person go first: a running broadcast never delays them by more than its horizon.
      await this.governor.beforeSend(command.data, command.data.interactive ? 'interactive' : 'broadcast');
      const { id } = await this.sender.send(command.data);
      await this.sends.record(command.metadata.id, { state: 'delivered', activityId: id ?? null }, new Date());
      METRICS.connectorSends.inc({ outcome: 'delivered' });
      await this.bus.publish(SUBJECTS.deliverySucceeded, deliverySucceeded(command, id ?? null, claim.attempts, new Date()));
      this.logger.info({ commandId: command.metadata.id, activityId: id, seq: context.streamSequence }, 'activity delivered');
    } catch (error) {
      const failure = classifyFailure(error);
      METRICS.connectorSends.inc({ outcome: failure.kind });
      this.logger.warn({ err: error, commandId: command.metadata.id, failure, attempts: claim.attempts }, 'send failed');
      if (failure.kind === 'retry' && claim.attempts < MAX_SEND_ATTEMPTS) {
        await this.sends.record(command.metadata.id, { state: 'retrying', code: failure.code }, new Date());
        throw new RetryLaterError(`send failed: ${failure.code}`, failure.delayMs ?? 1_000 * 2 ** claim.attempts, { cause: error });
      }
      const outcome = failure.kind === 'unknown' ? 'Unknown' : 'Failed';
      await this.finish(command, { outcome, code: failure.code, status: 'status' in failure ? failure.status : undefined }, claim.attempts);
    }
  }

  private async finish(command: SendActivity, failure: Parameters<typeof deliveryFailed>[1], attempts: number): Promise<void> {
    await this.sends.record(command.metadata.id, { state: failure.outcome === 'Unknown' ? 'unknown' : 'failed', code: failure.code }, new Date());
    await this.bus.publish(SUBJECTS.deliveryFailed, deliveryFailed(command, failure, attempts, new Date()));
  }

  /** A redelivered, already finished command: publish its outcome again (de-duplicated by id), send nothing. */
  private async republish(command: SendActivity, record: SendRecord): Promise<void> {
    const event =
      record.state === 'delivered'
        ? deliverySucceeded(command, record.activityId ?? null, record.attempts, record.updatedAt)
        : deliveryFailed(command, { outcome: record.state === 'unknown' ? 'Unknown' : 'Failed', code: record.code ?? 'Unknown' }, record.attempts, record.updatedAt);
    await this.bus.publish(event.type === 'DeliverySucceeded' ? SUBJECTS.deliverySucceeded : SUBJECTS.deliveryFailed, event);
  }
}
