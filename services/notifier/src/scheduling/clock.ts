/**
 * The notifier's notion of "now" for what waits on the person's clock — quiet hours, digest
 * periods — and for when scheduled messages fall due. The system clock in production; a test can
 * give `createNotifierApp` one it moves (it cannot wait until 7 am).
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
