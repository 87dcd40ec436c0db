import { deriveId, metadataFor, type DeliveryRequested, type NotificationDue, type NotificationRequested, type NotificationResolved, type RecipientRetrying, type RecipientSettled } from '@herald/contracts';

/** Deliveries spread over this many subjects (`notifier.deliver.<n>`), by recipient. */
export const DELIVERY_PARTITIONS = 16;

export function partitionOf(recipientKey: string): number {
  let hash = 0;
  for (let i = 0; i < recipientKey.length; i++) hash = (hash * 31 + recipientKey.charCodeAt(i)) >>> 0;
  return hash % DELIVERY_PARTITIONS;
}

const causedBy = (type: string, cause: { metadata: NotificationRequested['metadata'] } | DeliveryRequested, ...parts: string[]) =>
  metadataFor({ id: deriveId(type, ...parts), cause: cause.metadata, occurredAt: new Date(), traceparent: cause.metadata.traceparent });

export function deliveryRequested(requested: NotificationRequested, resolution: { recipientKey: string; target: DeliveryRequested['data']['target']; person?: DeliveryRequested['data']['person'] }): DeliveryRequested {
  const { notificationId, content, topic, critical } = requested.data;
  return {
    type: 'DeliveryRequested',
    data: { notificationId, recipientKey: resolution.recipientKey, target: resolution.target, content, ...(topic ? { topic } : {}), ...(critical ? { critical } : {}), ...(resolution.person ? { person: resolution.person } : {}) },
    metadata: causedBy('DeliveryRequested', requested, notificationId, resolution.recipientKey),
  };
}

export function recipientSettled(cause: NotificationRequested | DeliveryRequested, recipientKey: string, outcome: Omit<RecipientSettled['data'], 'notificationId' | 'recipientKey'>): RecipientSettled {
  const { notificationId } = cause.data;
  return { type: 'RecipientSettled', data: { notificationId, recipientKey, ...outcome }, metadata: causedBy('RecipientSettled', cause, notificationId, recipientKey) };
}

export function notificationResolved(requested: NotificationRequested, total: number): NotificationResolved {
  const { notificationId } = requested.data;
  return { type: 'NotificationResolved', data: { notificationId, total }, metadata: causedBy('NotificationResolved', requested, notificationId) };
}

export function recipientRetrying(cause: DeliveryRequested, code: string, attempt: number, retryInMs: number): RecipientRetrying {
  const { notificationId, recipientKey } = cause.data;
  return { type: 'RecipientRetrying', data: { notificationId, recipientKey, code, attempt, retryInMs }, metadata: causedBy('RecipientRetrying', cause, notificationId, recipientKey, String(attempt)) };
}

/** Published by the scheduler at `sendAt`; its id derives from the notification, so it is stored once. */
export function notificationDue(requested: NotificationRequested, dueAt: Date): NotificationDue {
  const { notificationId } = requested.data;
  const metadata = metadataFor({ id: deriveId('NotificationDue', notificationId), cause: requested.metadata, occurredAt: dueAt, traceparent: requested.metadata.traceparent });
  return { type: 'NotificationDue', data: { notificationId, dueAt: dueAt.toISOString() }, metadata };
}
