/** The author's IANA time zone, as the browser (or Teams' webview) knows it. */
export function authorTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * A `datetime-local` value (`2026-12-08T09:30`, the author's wall clock) as ISO 8601 with the
 * author's UTC offset at that moment (`2026-12-08T09:30:00+01:00`), or null if it is not a time.
 */
export function sendAtOf(local: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return null;
  const [, year, month, day, hour, minute] = match.map(Number) as [number, number, number, number, number, number];
  const at = new Date(year, month - 1, day, hour, minute);
  if (Number.isNaN(at.getTime())) return null;
  const offset = -at.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const pad = (value: number) => String(Math.abs(value)).padStart(2, '0');
  return `${local}:00${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
}

/** A `datetime-local` value for a moment, in the author's time zone (the schedule field's default: in an hour). */
export function localInputOf(at: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}
