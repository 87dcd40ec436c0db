import type { ConnectorClient, ResourceResponse } from '@herald/connector-client';
import type { SendActivity } from '@herald/contracts';

/** Sends one SendActivity through the Bot Connector: a reply when it names `replyToId`. */
export class ActivitySender {
  constructor(private readonly connector: ConnectorClient) {}

  send(command: SendActivity['data']): Promise<ResourceResponse> {
    const { serviceUrl, conversationId, replyToId, activity } = command;
    return replyToId
      ? this.connector.replyToActivity(serviceUrl, conversationId, replyToId, activity)
      : this.connector.sendToConversation(serviceUrl, conversationId, activity);
  }
}
