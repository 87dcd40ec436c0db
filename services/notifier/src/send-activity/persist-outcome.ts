/** How long the outcome of a call is retried in memory before the message is given back. */
export const PERSIST_BUDGET_MS = 20_000;

/**
 * Herald's own writes once a Bot Connector call's outcome is known — record it in Postgres,
 * publish it to JetStream. Until they succeed the outcome lives only in memory, so each is retried
 * here with backoff for up to `budgetMs` (the message kept alive by the consumer's heartbeat)
 * before the message is given back: a short outage never turns a known outcome into Unknown, and
 * a publish goes out even when the record could not be written (either one keeps the truth).
 */
export async function persistOutcome(steps: readonly (() => Promise<unknown>)[], budgetMs = PERSIST_BUDGET_MS): Promise<void> {
  const deadline = Date.now() + budgetMs;
  let failure: { error: unknown } | undefined;
  for (const step of steps) {
    for (let attempt = 1; ; attempt++) {
      try {
        await step();
        break;
      } catch (error) {
        if (Date.now() >= deadline) {
          failure ??= { error };
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** (attempt - 1), 5_000)));
      }
    }
  }
  if (failure) throw failure.error;
}
