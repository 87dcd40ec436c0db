import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CONSUMERS, sendActivitySchema, SUBJECTS, type SendActivity } from '@herald/contracts';
import { JetStreamEventPattern } from '@herald/messaging';
import { METRICS } from '@herald/health';
import { LOGGER, type Logger } from '@herald/telemetry';
import { ActivitySender } from './activity-sender.js';
import { SendGovernor } from '../rate-governor/send-governor.js';
import { callConnector, type ConnectorCall } from './call-connector.js';
import { OutboundSendsStore } from './outbound-sends.store.js';
import { SendOutcomes } from './send-outcomes.js';

/** Attempts before a retryable failure becomes final. */
export const MAX_SEND_ATTEMPTS = 6;

/**
 * SendActivity → one Bot Connector call (never repeated when its outcome is unknown) → a delivery
 * event. Only the Bot Connector's answer decides the outcome; Herald's own failures throw and the
 * command comes back later. A wait for Teams' limits longer than a moment reschedules the command.
 */
@Controller()
export class SendActivityConsumer {
  constructor(
    @Inject(OutboundSendsStore) private readonly sends: OutboundSendsStore,
    @Inject(ActivitySender) private readonly sender: ActivitySender,
    @Inject(SendGovernor) private readonly governor: SendGovernor,
    @Inject(SendOutcomes) private readonly outcomes: SendOutcomes,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @JetStreamEventPattern(SUBJECTS.sendActivity, { durable: CONSUMERS.notifierSend })
  async handle(@Payload() payload: unknown): Promise<void> {
    const command = sendActivitySchema.parse(payload);
    const earlier = await this.sends.lookup(command.metadata.id);
    if (earlier?.state === 'in_flight') return this.outcomes.interrupted(command, earlier);
    if (earlier && earlier.state !== 'retrying') return this.outcomes.repeat(command, earlier);
    // Answers to a person go first: a running broadcast never delays them by more than its horizon.
    const clearance = await this.governor.clear(command.data, command.data.interactive ? 'interactive' : 'broadcast');
    if (!clearance.go) return this.outcomes.later(command, clearance.retryInMs);
    const claim = await this.sends.claim(command.metadata.id, command.data.conversationId, new Date());
    if (claim.kind === 'interrupted') return this.outcomes.interrupted(command, claim.record);
    if (claim.kind === 'finished') return this.outcomes.repeat(command, claim.record);
    const sent = await callConnector(() => this.sender.send(command.data));
    if ('failure' in sent) return this.fail(command, sent, claim.attempts);
    METRICS.connectorSends.inc({ outcome: 'delivered' });
    await this.outcomes.delivered(command, sent.result.id ?? null, claim.attempts);
    this.logger.info({ commandId: command.metadata.id, activityId: sent.result.id }, 'activity delivered');
  }

  private async fail(command: SendActivity, call: Extract<ConnectorCall<unknown>, { failure: unknown }>, attempts: number): Promise<void> {
    const { failure } = call;
    METRICS.connectorSends.inc({ outcome: failure.kind });
    this.logger.warn({ err: call.error, commandId: command.metadata.id, failure, attempts }, 'send failed');
    if (failure.kind === 'retry' && attempts < MAX_SEND_ATTEMPTS) {
      if (failure.throttled) this.governor.throttled(command.data.tenantId, failure.delayMs ?? 1_000);
      return this.outcomes.retry(command, failure.code, failure.delayMs ?? 1_000 * 2 ** attempts);
    }
    const outcome = failure.kind === 'unknown' ? 'Unknown' : 'Failed';
    await this.outcomes.failed(command, { outcome, code: failure.code, status: 'status' in failure ? failure.status : undefined }, attempts);
  }
}
