import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CONSUMERS, sendDigestSchema, SUBJECTS, type SendDigest } from '@herald/contracts';
import { JetStreamEventPattern } from '@herald/messaging';
import { LOGGER, type Logger } from '@herald/telemetry';
import { quietHoursEnd } from '../holding/local-time.js';
import { sendDigest } from '../holding/hold-deliveries.js';
import { RecipientOutcomes } from '../notifications/recipient-outcomes.js';
import { RecipientPreferences } from '../notifications/recipient-preferences.js';
import { activityOf } from '../notifications/notification-activity.js';
import { ScheduledMessages } from '../scheduling/scheduled-messages.js';
import { digestCard } from './digest-card.js';
import { DigestSender } from './digest-sender.js';
import { Digests, type DigestedDelivery } from './digests.js';

/**
 * SendDigest (the end of a person's digest period, published by the scheduler) → in their quiet
 * hours, put off until they end; muted since → each notification Skipped(muted) → otherwise the
 * digest — with every other of theirs put off until now, merged into it — is closed, and ONE card
 * listing its notifications goes out; each notification in it
 * settles as the card did (Delivered, or Failed / Unknown), a cancelled one Skipped(cancelled).
 * A redelivered SendDigest finds the digest sent, or the card's recorded outcome: nothing twice.
 */
@Controller()
export class SendDigestWhenDueConsumer {
  constructor(
    @Inject(Digests) private readonly digests: Digests,
    @Inject(RecipientPreferences) private readonly preferences: RecipientPreferences,
    @Inject(DigestSender) private readonly sender: DigestSender,
    @Inject(RecipientOutcomes) private readonly outcomes: RecipientOutcomes,
    @Inject(ScheduledMessages) private readonly scheduled: ScheduledMessages,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @JetStreamEventPattern(SUBJECTS.sendDigest, { durable: CONSUMERS.notifierSendDigest })
  async handle(@Payload() payload: unknown): Promise<void> {
    const command = sendDigestSchema.parse(payload);
    const digest = await this.digests.find(command.data.digestKey);
    if (!digest || digest.state === 'sent' || digest.state === 'merged') return;
    const first = (await this.digests.waiting(digest.digestKey))[0];
    if (!first) return this.digests.sent(digest.digestKey, [], new Date());
    const preferences = await this.preferences.of({ ...first.command.data, topic: undefined });
    const quietUntil = preferences.quietHours ? quietHoursEnd(this.scheduled.now(), preferences.timeZone ?? 'UTC', preferences.quietHours) : undefined;
    if (quietUntil) return this.putOff(command, quietUntil);
    const waiting = await this.digests.gather(digest, this.scheduled.now());
    if (!waiting) return;
    if (preferences.muted) return this.settleAll(digest.digestKey, waiting, { bucket: 'Skipped', code: 'muted', attempts: 0 });
    const [cancelled, listed] = [waiting.filter((entry) => entry.cancelled), waiting.filter((entry) => !entry.cancelled)];
    await this.settleAll(undefined, cancelled, { bucket: 'Skipped', code: 'cancelled', attempts: 0 });
    const card = digestCard(listed.map(({ command: { data }, content }) => ({ topic: data.topic, content })), digest.mode);
    const sent = listed.length > 0 ? await this.sender.send(digest.digestKey, listed.at(-1)!.command.data.target, activityOf({ card })) : undefined;
    if (sent && 'laterMs' in sent) return this.scheduled.later(SUBJECTS.sendDigest, command, sent.laterMs);
    if (sent) await this.settleAll(undefined, listed, sent.outcome);
    await this.digests.sent(digest.digestKey, waiting.map((entry) => entry.command.metadata.id), new Date());
    this.logger.info({ digest: digest.digestKey, notifications: listed.length, bucket: sent?.outcome.bucket }, 'digest sent');
  }

  /** In the person's quiet hours: the card waits for their end (the digest is closed; later notifications join the next one). */
  private async putOff(command: SendDigest, until: Date): Promise<void> {
    const { digestKey } = command.data;
    await this.digests.closeForLater(digestKey);
    await this.scheduled.schedule({ id: `digest:${digestKey}@${until.getTime()}`, subject: SUBJECTS.sendDigest, message: sendDigest(digestKey, until, command), dueAt: until });
  }

  private async settleAll(digestKey: string | undefined, entries: readonly DigestedDelivery[], outcome: Parameters<RecipientOutcomes['settle']>[1]): Promise<void> {
    for (const entry of entries) await this.outcomes.settle(entry.command, outcome);
    if (digestKey) await this.digests.sent(digestKey, entries.map((entry) => entry.command.metadata.id), new Date());
  }
}
