let turn: Promise<void> | undefined;

/**
 * Resolves in the check phase of the current event-loop turn, once for every caller of that turn.
 * nats.js writes its buffer to the socket in a microtask after each publish; when each HTTP request
 * publishes from its own I/O callback, that is one write (and one wake-up of the server) per request.
 * Waiting for the turn's check phase first lets every publish of the turn leave in one write:
 * the gateway answers ~60% more activities per second on the same CPU (bench/gateway).
 */
export function endOfTurn(): Promise<void> {
  turn ??= new Promise((resolve) =>
    setImmediate(() => {
      turn = undefined;
      resolve();
    }),
  );
  return turn;
}
