/** The stream settings an operator may raise and Herald must never lower (nanoseconds for times). */
export interface StreamSettings {
  num_replicas: number;
  max_age: number;
  duplicate_window: number;
}

/**
 * What Herald applies to an existing stream at start: its own values, but never fewer replicas,
 * a shorter retention or a shorter de-duplication window than the stream already has — an
 * operator's R3 or longer retention survives every restart. A max age of 0 is "for ever", the
 * longest of all.
 */
export function keptSettings(existing: StreamSettings, desired: StreamSettings): StreamSettings {
  return {
    num_replicas: Math.max(existing.num_replicas || 1, desired.num_replicas),
    max_age: existing.max_age === 0 || desired.max_age === 0 ? 0 : Math.max(existing.max_age, desired.max_age),
    duplicate_window: Math.max(existing.duplicate_window, desired.duplicate_window),
  };
}
