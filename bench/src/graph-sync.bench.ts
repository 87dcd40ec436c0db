import { directorySync } from './graph-sync/directory-sync.js';
import { startGraphSyncStack } from './graph-sync/graph-sync-stack.js';
import { proactiveInstalls } from './graph-sync/proactive-installs.js';

/**
 * graph-sync against teams-sim's Graph: (a) a 50,000-user directory synced from nothing
 * (target ≥ 2,000 users/s); (b) 1,200 proactive installs in one tenant, asked for all at once,
 * against the install governor's 30/s per tenant (target ≥ 95 % of it, never over 30 in a second).
 */
export async function graphSyncBench(): Promise<void> {
  const stack = await startGraphSyncStack();
  try {
    await directorySync(stack);
    await proactiveInstalls(stack);
  } finally {
    await stack.close();
  }
}
