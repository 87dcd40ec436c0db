import type { JsMsg } from '@nats-io/jetstream';

/** A handler may run for this long in all; past it the server is no longer told it is still working. */
export const MAX_HANDLER_MS = 10 * 60_000;

/**
 * Tells the server, every third of AckWait, that the message is still being worked on (a wait for
 * a rate slot, a slow Bot Connector call), for at most MAX_HANDLER_MS.
 */
export function keepAlive(message: JsMsg, ackWaitMs: number, onGiveUp: () => void): ReturnType<typeof setInterval> {
  const started = Date.now();
  const timer = setInterval(() => {
    if (Date.now() - started > MAX_HANDLER_MS) {
      clearInterval(timer);
      onGiveUp();
      return;
    }
    try {
      message.working();
    } catch {
      // A connection that is draining refuses publishes: nothing to tell the server any more (the message comes back).
      clearInterval(timer);
    }
  }, Math.max(ackWaitMs / 3, 200));
  timer.unref();
  return timer;
}
