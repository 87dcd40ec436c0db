export { checkNats, connectToNats, type NatsConnection } from './connect.js';
export {
  consumerDefinition,
  provisionConsumers,
  provisionTopology,
  replayConsumerOf,
  streamDefinition,
  type ConsumerDefinition,
  type StreamDefinition,
} from './topology.js';
export { MessageBus, type PublishOptions } from './message-bus.js';
export { keepTopology } from './keep-topology.js';
export { heraldStreams } from './streams.js';
export { MessagingModule } from './messaging.module.js';
export { JetStreamServer } from './jetstream.server.js';
export { JetStreamContext } from './jetstream-context.js';
export { DEFAULT_RETRY, isPermanent, PoisonMessageError, redeliveryDelayMs, retriesExhausted, RetryLaterError, type RetryPolicy } from './retry-policy.js';
export { currentTraceparent, extractTraceContext, injectTraceContext } from './trace-headers.js';
export { JetStreamEventPattern } from './jetstream-event-pattern.js';
export { RethrowRpcErrors } from './rethrow-rpc-errors.filter.js';
export { startJetStreamConsumers, type JetStreamWiring } from './connect-jetstream.js';
export { REPLY_ERROR_HEADER } from './request-reply.js';
export { deadLetter } from './dead-letter.js';
export { PULL_EXPIRES_MS, reportConsumerStatus } from './consumer-status.js';
export { listDeadLetters, replayDeadLetters, type DeadLetter } from './dead-letters.js';
