import type { ConsoleAuthor, ConsoleMessageState, ConsoleMessageSummary, StatusBucket } from '@herald/contracts';

/**
 * Where a console message stands, in SQL over `console_messages m` left-joined with its
 * notification's `notification_status s`: its own state until it was sent; then its notification's
 * — accepted with a `sendAt` still ahead is scheduled, accepted otherwise or resolving / sending
 * is sending, completed is sent, cancelled is cancelled (as the gateway's message view says).
 */
export const DERIVED_STATE = `case
  when m.state <> 'sent' then m.state
  when s.state = 'cancelled' then 'cancelled'
  when s.state = 'completed' then 'sent'
  when coalesce(s.state, 'accepted') = 'accepted' and m.send_at > now() then 'scheduled'
  else 'sending' end`;

export type MessageRow = {
  message_id: string;
  title: string;
  derived_state: ConsoleMessageState;
  author: ConsoleAuthor;
  needs_approval: boolean;
  approved_by: ConsoleAuthor | null;
  notification_id: string | null;
  send_at: Date | string | null;
  time_zone: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  total: number | null;
  delivered: number | null;
  failed: number | null;
  unknown: number | null;
  not_installed: number | null;
  skipped: number | null;
  held: number | null;
  digested: number | null;
};

const iso = (at: Date | string) => new Date(at).toISOString();

/** One list row as the contract has it: the live counts once its notification is known, else zeros. */
export function summaryOf(row: MessageRow): ConsoleMessageSummary {
  const buckets = bucketsOf(row);
  const counted = Object.values(buckets).reduce((sum, count) => sum + count, 0);
  return {
    id: row.message_id,
    title: row.title,
    state: row.derived_state,
    author: row.author,
    needsApproval: row.needs_approval,
    approvedBy: row.approved_by,
    notificationId: row.notification_id,
    sendAt: row.send_at === null ? null : iso(row.send_at),
    timeZone: row.time_zone,
    updatedAt: iso(row.updated_at),
    total: row.total ?? counted,
    buckets,
  };
}

function bucketsOf(row: MessageRow): Record<StatusBucket, number> {
  return {
    Delivered: row.delivered ?? 0,
    Failed: row.failed ?? 0,
    Unknown: row.unknown ?? 0,
    NotInstalled: row.not_installed ?? 0,
    Skipped: row.skipped ?? 0,
    Held: row.held ?? 0,
    Digested: row.digested ?? 0,
  };
}

/** The `after` of the next page: the last row's place in "newest first". */
export function cursorOf(row: MessageRow): string {
  return Buffer.from(JSON.stringify([iso(row.created_at), row.message_id])).toString('base64url');
}

/** The place an `after` names; undefined for one this service did not write (the list starts over). */
export function placeOf(after: string | undefined): [string, string] | undefined {
  if (!after) return undefined;
  try {
    const place: unknown = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
    if (Array.isArray(place) && place.length === 2 && typeof place[0] === 'string' && !Number.isNaN(Date.parse(place[0])) && typeof place[1] === 'string') return [place[0], place[1]];
  } catch {
    // not one of ours
  }
  return undefined;
}
