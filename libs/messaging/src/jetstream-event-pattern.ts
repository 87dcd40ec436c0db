import { EventPattern } from '@nestjs/microservices';

/**
 * Nest's `@EventPattern(subject, { durable })`, typed for JetStream handlers whose second
 * parameter is the `JetStreamContext` (Nest 12's typed overload only allows `unknown` there).
 * `subject` is relative to the bus prefix; `durable` names the consumer that feeds the handler.
 */
export function JetStreamEventPattern(subject: string, extras: { durable: string }): MethodDecorator {
  return EventPattern(subject, extras) as MethodDecorator;
}
