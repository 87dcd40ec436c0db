import { directorySync } from './graph-sync/directory-sync.js';
import { startGraphSyncStack } from './graph-sync/graph-sync-stack.js';
import { groupNotification } from './graph-sync/group-notification.js';
import { proactiveInstalls } from './graph-sync/proactive-installs.js';

/**
 * graph-sync against teams-sim's Graph: (a) a 50,000-user directory synced from nothing
 * (target ≥ 2,000 users/s); (b) 1,200 proactive installs in one tenant, asked for all at once,
 * against the install governor's 30/s per tenant (target ≥ 95 % of it, never over 30 in a second);
 * (c) through all of Herald, a notification to a 5,000-member group 4,000 of whom never installed
 * the app: every member Delivered once but guests (Skipped), installs within 30 a second.
 */
export async function graphSyncBench(): Promise<void> {
  const stack = await startGraphSyncStack();
  try {
    await directorySync(stack);
    await proactiveInstalls(stack);
  } finally {
    await stack.close();
  }
  await groupNotification();
}
