import type { DeliveryMode, QuietHours } from '@herald/contracts';

type WallClock = { year: number; month: number; day: number; hour: number; minute: number };

const formats = new Map<string, Intl.DateTimeFormat>();

/** The date and time a clock in `timeZone` shows at `instant`. */
function wallClock(instant: Date, timeZone: string): WallClock {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, Number(part.value)]));
  return { year: parts['year']!, month: parts['month']!, day: parts['day']!, hour: parts['hour']!, minute: parts['minute']! };
}

/** How far `timeZone` is ahead of UTC at `instant`, in ms. */
function offsetAt(instant: number, timeZone: string): number {
  const wall = wallClock(new Date(instant), timeZone);
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute) - Math.floor(instant / 60_000) * 60_000;
}

/** The instant a clock in `timeZone` shows this date and time (fields may overflow: day 32, hour 24). In a gap of a change to summer time, the instant after it. */
function instantAt(wall: WallClock, timeZone: string): Date {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const first = asUtc - offsetAt(asUtc, timeZone);
  return new Date(asUtc - offsetAt(first, timeZone));
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** When the quiet hours `now` falls in end (they may cross midnight); undefined when `now` is outside them. */
export function quietHoursEnd(now: Date, timeZone: string, quiet: QuietHours): Date | undefined {
  const wall = wallClock(now, timeZone);
  const minute = wall.hour * 60 + wall.minute;
  const [start, end] = [minutesOf(quiet.start), minutesOf(quiet.end)];
  const inside = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  if (!inside) return undefined;
  const day = wall.day + (minute < end ? 0 : 1);
  return later(now, instantAt({ ...wall, day, hour: Math.floor(end / 60), minute: end % 60 }, timeZone));
}

/** When the digest period `now` falls in ends: the next full hour, or the next midnight, of the person's clock. */
export function digestPeriodEnd(now: Date, timeZone: string, mode: Exclude<DeliveryMode, 'now'>): Date {
  const wall = wallClock(now, timeZone);
  const end = mode === 'hourly' ? { ...wall, hour: wall.hour + 1, minute: 0 } : { ...wall, day: wall.day + 1, hour: 0, minute: 0 };
  return later(now, instantAt(end, timeZone));
}

/** Never at or before `now` (a clock turned back can show an hour twice): at least a minute on. */
function later(now: Date, candidate: Date): Date {
  return candidate.getTime() > now.getTime() ? candidate : new Date(now.getTime() + 60_000);
}
