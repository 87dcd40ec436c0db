import type { ConnectorClient, ResourceResponse } from '@herald/connector-client';
import type { SendActivity } from '@herald/contracts';

/** Sends one SendActivity through the Bot Connector: a deletion, an update (PUT), a reply, or a new activity. */
export class ActivitySender {
  constructor(private readonly connector: ConnectorClient) {}

  send(command: SendActivity['data']): Promise<ResourceResponse> {
    const { serviceUrl, conversationId, replyToId, updateActivityId, deleteActivityId, activity } = command;
    if (deleteActivityId) return this.connector.deleteActivity(serviceUrl, conversationId, deleteActivityId);
    if (updateActivityId) return this.connector.updateActivity(serviceUrl, conversationId, updateActivityId, activity);
    return replyToId
      ? this.connector.replyToActivity(serviceUrl, conversationId, replyToId, activity)
      : this.connector.sendToConversation(serviceUrl, conversationId, activity);
  }
}
