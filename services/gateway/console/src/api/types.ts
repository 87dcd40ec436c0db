import type { StatusBucket } from '@herald/contracts';

/** `GET /groups`: the group search of `GET /api/v1/groups`. */
export interface GroupsAnswer {
  value: { id: string; displayName: string | null; mail: string | null; description: string | null }[];
}

/** The buckets the status page counts, in this order. */
export const STATUS_BUCKETS: StatusBucket[] = ['Delivered', 'Failed', 'Unknown', 'NotInstalled', 'Skipped', 'Held'];
