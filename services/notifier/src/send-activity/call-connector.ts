import { ConnectorError } from '@herald/connector-client';
import { classifyFailure, type FailureOutcome } from './delivery-outcome.js';

/** A Bot Connector call's result, or its classified failure (`throttled`: a 429, which also slows the tenant). */
export type ConnectorCall<T> = { result: T } | { failure: FailureOutcome & { throttled: boolean }; error: unknown };

/**
 * Runs one Bot Connector call and classifies its failure. Only the call runs here: an error of
 * Herald's own (NATS, Postgres) never reaches `classifyFailure`, so it can never decide a bucket.
 */
export async function callConnector<T>(call: () => Promise<T>): Promise<ConnectorCall<T>> {
  try {
    return { result: await call() };
  } catch (error) {
    return { failure: { ...classifyFailure(error), throttled: error instanceof ConnectorError && error.status === 429 }, error };
  }
}
