import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ConnectorClient } from '@herald/connector-client';
import { CONSUMERS, conversationEventSchema, deriveId, metadataFor, SUBJECTS, type ConversationInstalled, type PersonProfiled } from '@herald/contracts';
import { subjectToken } from '@herald/event-sourcing';
import { JetStreamEventPattern, MessageBus, RetryLaterError } from '@herald/messaging';
import { LOGGER, type Logger } from '@herald/telemetry';
import { SendGovernor } from '../rate-governor/send-governor.js';
import { callConnector } from '../send-activity/call-connector.js';

/**
 * Herald was installed in someone's personal chat: ask the Bot Connector who they are (UPN, email,
 * guest or not) once, and record it as PersonProfiled, so `upn` recipients can find them and
 * guests can be skipped. The call counts against the tenant's rate, in slots no broadcast or
 * reply wants.
 */
@Controller()
export class ProfileInstalledPersonConsumer {
  constructor(
    @Inject(ConnectorClient) private readonly connector: ConnectorClient,
    @Inject(SendGovernor) private readonly governor: SendGovernor,
    @Inject(MessageBus) private readonly bus: MessageBus,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @JetStreamEventPattern(SUBJECTS.conversations, { durable: CONSUMERS.notifierProfilePeople })
  async handle(@Payload() payload: unknown): Promise<void> {
    const event = conversationEventSchema.parse(payload);
    if (event.type !== 'ConversationInstalled' || event.data.kind !== 'personal' || !event.data.user) return;
    const { conversationId, serviceUrl, tenantId, user } = event.data;
    // Only slots nobody else wants, waited for a moment at most: a running broadcast puts profiling off.
    const clearance = await this.governor.clear({ conversationId, tenantId }, 'background');
    if (!clearance.go) throw new RetryLaterError('no idle send slot for profiling', Math.max(clearance.retryInMs, 5_000));
    const answered = await callConnector(() => this.connector.getConversationMember(serviceUrl, conversationId, user.id));
    if ('failure' in answered) {
      const { failure } = answered;
      if (failure.kind === 'retry') throw new RetryLaterError('member profile unavailable', failure.delayMs ?? 5_000, { cause: answered.error });
      // Refused for good (a 4xx, an untrusted serviceUrl, an unusable id): the person is not profiled.
      this.logger.warn({ conversationId, code: failure.code }, 'member profile refused; person not profiled');
      return;
    }
    await this.bus.publish(SUBJECTS.person(subjectToken(user.id)), personProfiled(event, answered.result));
  }
}

function personProfiled(event: ConversationInstalled, member: Awaited<ReturnType<ConnectorClient['getConversationMember']>>): PersonProfiled {
  const { conversationId, user } = event.data;
  const fields = { aadObjectId: member.aadObjectId ?? user!.aadObjectId, userPrincipalName: member.userPrincipalName, email: member.email, userRole: member.userRole, tenantId: member.tenantId ?? event.data.tenantId };
  return {
    type: 'PersonProfiled',
    data: { userId: user!.id, conversationId, ...Object.fromEntries(Object.entries(fields).filter(([, value]) => typeof value === 'string' && value.length > 0)) },
    metadata: metadataFor({ id: deriveId('PersonProfiled', event.metadata.id), cause: event.metadata, occurredAt: new Date(), traceparent: event.metadata.traceparent }),
  };
}
