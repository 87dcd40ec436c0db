import { collectDefaultMetrics, Counter, Histogram, register } from 'prom-client';

let defaultsStarted = false;

/** Process metrics (CPU, memory, event-loop lag, GC) once per process, labelled with the service. */
export function startProcessMetrics(service: string): void {
  if (defaultsStarted) return;
  defaultsStarted = true;
  register.setDefaultLabels({ service });
  collectDefaultMetrics();
}

/** Herald's own counters: what SREs alert on. Registered once per process. */
export const METRICS = {
  activitiesStored: new Counter({ name: 'herald_activities_stored_total', help: 'Inbound Teams activities stored in JetStream', labelNames: ['type'] as const }),
  notificationsAccepted: new Counter({ name: 'herald_notifications_accepted_total', help: 'Notifications accepted by the API' }),
  recipientsSettled: new Counter({ name: 'herald_recipients_settled_total', help: 'Notification recipients settled, by bucket', labelNames: ['bucket'] as const }),
  connectorSends: new Counter({ name: 'herald_connector_sends_total', help: 'Bot Connector calls, by outcome', labelNames: ['outcome'] as const }),
  deadLetters: new Counter({ name: 'herald_dead_letters_total', help: 'Messages a consumer or projection gave up on (copied to DEAD_LETTER): alert on any increase', labelNames: ['consumer'] as const }),
  sendSlotWait: new Histogram({ name: 'herald_send_slot_wait_seconds', help: 'Time a send waited for its rate-limit slot', labelNames: ['priority'] as const, buckets: [0.005, 0.025, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] }),
};

/** The Prometheus text exposition of every metric of this process. */
export function metricsText(): Promise<string> {
  return register.metrics();
}

export const METRICS_CONTENT_TYPE = register.contentType;
