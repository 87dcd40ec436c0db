export {
  activitySchema,
  attachmentSchema,
  channelAccountSchema,
  conversationAccountSchema,
  entitySchema,
  inboundActivitySchema,
  outboundActivitySchema,
  teamsChannelDataSchema,
  type Activity,
  type InboundActivity,
  type OutboundActivity,
} from './activity.js';
export { messageSchema, metadataSchema, type Message, type Metadata } from './envelope.js';
export { activityReceivedSchema, type ActivityReceived } from './gateway.events.js';
export {
  deliveryEventSchema,
  deliveryFailedSchema,
  deliverySucceededSchema,
  sendActivitySchema,
  type DeliveryEvent,
  type DeliveryFailed,
  type DeliverySucceeded,
  type SendActivity,
} from './notifier.messages.js';
export { busNames, CONSUMERS, STREAMS, SUBJECTS, type BusNames, type StreamKey } from './bus.js';
export { deriveId, metadataFor } from './ids.js';
export { invokeResponseSchema, type InvokeResponse } from './invoke.messages.js';
