import { deriveId, metadataFor, type DeliveryFailed, type DeliverySucceeded, type SendActivity } from '@herald/contracts';
import { currentTraceparent } from '@herald/messaging';

const target = (command: SendActivity) => ({
  commandId: command.metadata.id,
  serviceUrl: command.data.serviceUrl,
  conversationId: command.data.conversationId,
  ...(command.data.tenantId ? { tenantId: command.data.tenantId } : {}),
});

const metadata = (type: string, command: SendActivity, now: Date) =>
  metadataFor({ id: deriveId(type, command.metadata.id), cause: command.metadata, occurredAt: now, traceparent: currentTraceparent() });

export function deliverySucceeded(command: SendActivity, activityId: string | null, attempts: number, now: Date): DeliverySucceeded {
  return {
    type: 'DeliverySucceeded',
    data: { ...target(command), ...(activityId ? { activityId } : {}), attempts },
    metadata: metadata('DeliverySucceeded', command, now),
  };
}

export function deliveryFailed(
  command: SendActivity,
  failure: { outcome: 'Failed' | 'Unknown'; code: string; status?: number | undefined },
  attempts: number,
  now: Date,
): DeliveryFailed {
  return {
    type: 'DeliveryFailed',
    data: { ...target(command), outcome: failure.outcome, code: failure.code, ...(failure.status ? { status: failure.status } : {}), attempts },
    metadata: metadata('DeliveryFailed', command, now),
  };
}
