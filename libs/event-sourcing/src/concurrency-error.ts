/**
 * Optimistic concurrency failed: another writer appended to the aggregate's subject after the
 * caller read it. Nothing of the refused event was stored; re-read and decide again.
 */
export class ConcurrencyError extends Error {
  override readonly name = 'ConcurrencyError';

  constructor(
    readonly subject: string,
    readonly expectedLastSequence: number,
    /** The subject's last sequence, when the server said (`wrong last sequence: 42`). */
    readonly actualLastSequence: number | undefined,
    options?: ErrorOptions,
  ) {
    super(
      `${subject}: expected last sequence ${expectedLastSequence}, found ${actualLastSequence ?? 'another'}`,
      options,
    );
  }
}
