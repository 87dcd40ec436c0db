import type { Provider } from '@nestjs/common';
import type { ConnectorClient } from '@herald/connector-client';
import { CONSUMERS, SUBJECTS, type BusNames } from '@herald/contracts';
import { EventStore } from '@herald/event-sourcing';
import { consumerDefinition, type MessageBus } from '@herald/messaging';
import type { Database } from '@herald/persistence';
import type { GraphSyncRequests } from '../directory/graph-sync-requests.js';
import { DirectoryRecipients } from '../directory/directory-recipients.js';
import { RecipientDirectory } from '../notifications/recipient-directory.js';
import type { Clock } from '../scheduling/clock.js';
import type { OutboundSendsStore } from '../send-activity/outbound-sends.store.js';
import { AnswerExportWhenConsentAnsweredConsumer } from './answer-export/answer-export-when-consent-answered.consumer.js';
import { AuthorChats } from './author-chat.js';
import { ExportBook } from './export-book.js';
import { ExportRecipients } from './export-recipients.js';
import { ExportSteps } from './export-steps.js';
import { ExpireExportWhenDueConsumer } from './expire-export/expire-export-when-due.consumer.js';
import { OfferExportWhenRequestedConsumer } from './offer-export/offer-export-when-requested.consumer.js';
import { OnceOnly } from './once-only.js';

/** The recipient exports' consumers (one per use case). */
export const EXPORT_CONSUMERS = [OfferExportWhenRequestedConsumer, AnswerExportWhenConsentAnsweredConsumer, ExpireExportWhenDueConsumer];

/** What they need, built once from the notifier's own parts. */
export function exportProviders(deps: { bus: MessageBus; database: Database; connector: ConnectorClient; clock: Clock; skipGuests: boolean; sends: OutboundSendsStore; graphSync: GraphSyncRequests }): Provider[] {
  const events = new EventStore(deps.bus, { stream: deps.bus.names.stream('console').name });
  const directory = new RecipientDirectory(deps.database, new DirectoryRecipients(deps.graphSync, { skipGuests: deps.skipGuests }), { skipGuests: deps.skipGuests });
  return [
    { provide: ExportBook, useValue: new ExportBook(events, deps.clock) },
    { provide: AuthorChats, useValue: new AuthorChats(deps.database, directory, deps.graphSync) },
    { provide: ExportRecipients, useValue: new ExportRecipients(deps.database) },
    { provide: ExportSteps, useValue: new ExportSteps(deps.connector, new OnceOnly(deps.sends)) },
  ];
}

/** Their durable consumers: requests (CONSOLE), answers (INTERACTIONS), expiries (OUTBOUND). Each one at a time: a repeated answer waits for the first. */
export function exportConsumers(names: BusNames, ackWaitMs: number) {
  return [
    consumerDefinition({ stream: names.stream('console').name, durable: CONSUMERS.notifierOfferExports, filterSubject: names.subject(SUBJECTS.consoleExports), ackWaitMs }),
    consumerDefinition({ stream: names.stream('interactions').name, durable: CONSUMERS.notifierExportAnswers, filterSubject: names.subject(SUBJECTS.interaction('file-consent-answered')), ackWaitMs: Math.max(ackWaitMs, 120_000) }),
    consumerDefinition({ stream: names.stream('outbound').name, durable: CONSUMERS.notifierExpireExports, filterSubject: names.subject(SUBJECTS.expireExport), ackWaitMs }),
  ];
}
