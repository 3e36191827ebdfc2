/**
 * ISO 8601 weeks in the organisation's time zone: a week runs from Monday 00:00 to the next Monday
 * 00:00 local time, and belongs to the year of its Thursday (so 2026-12-31 may be in 2026-W53 and
 * 2027-01-01 in 2026-W53 too). An instant is placed by its local date in the zone; a week's bounds
 * are instants, computed through the zone's offsets (a week with a DST change lasts 167 or 169 hours).
 */

/** "YYYY-Www", e.g. "2026-W01". */
export type IsoWeek = string;

const WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws a RangeError for a zone the runtime does not know: the caller's configuration is wrong.
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock date and time of `instant` in `timeZone`. */
export function localParts(instant: Date, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts['year']!, month: parts['month']!, day: parts['day']!, hour: parts['hour']!, minute: parts['minute']!, second: parts['second']! };
}

/** Milliseconds the zone is ahead of UTC at `instant`. */
function offsetMs(instant: Date, timeZone: string): number {
  const p = localParts(instant, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant of local midnight starting `year-month-day` in the zone (the first instant of that date). */
export function localMidnight(year: number, month: number, day: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day);
  // Two rounds settle the offset even across a DST change; a midnight that does not exist (a
  // zone that springs forward at 00:00) resolves to the first instant of the date.
  let guess = wall - offsetMs(new Date(wall), timeZone);
  guess = wall - offsetMs(new Date(guess), timeZone);
  const p = localParts(new Date(guess), timeZone);
  if (Date.UTC(p.year, p.month - 1, p.day) < wall) guess += (24 - p.hour) * 3_600_000 - p.minute * 60_000 - p.second * 1000;
  return new Date(guess);
}

/** The ISO week (year and number) of a calendar date. */
function weekOfDate(year: number, month: number, day: number): { year: number; week: number } {
  const date = Date.UTC(year, month - 1, day);
  const weekday = (new Date(date).getUTCDay() + 6) % 7; // Monday 0 ... Sunday 6
  const thursday = date + (3 - weekday) * DAY_MS;
  const weekYear = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(weekYear, 0, 1)) / (7 * DAY_MS)) + 1;
  return { year: weekYear, week };
}

const label = (year: number, week: number): IsoWeek => `${year}-W${String(week).padStart(2, '0')}`;

/** The ISO week an instant falls in, in the zone. */
export function isoWeekOf(instant: Date, timeZone: string): IsoWeek {
  const p = localParts(instant, timeZone);
  const w = weekOfDate(p.year, p.month, p.day);
  return label(w.year, w.week);
}

/** Number of ISO weeks in a year (52 or 53). */
export function weeksInYear(year: number): number {
  return weekOfDate(year, 12, 28).week;
}

export class IsoWeekError extends Error {
  constructor(value: string, reason: string) {
    super(`"${value}" is not an ISO week (${reason}; expected YYYY-Www, e.g. 2026-W07)`);
    this.name = 'IsoWeekError';
  }
}

/** Checks a week label, e.g. from a URL; throws an `IsoWeekError` saying what is wrong. */
export function parseIsoWeek(value: string): { year: number; week: number } {
  const match = WEEK_PATTERN.exec(value);
  if (!match) throw new IsoWeekError(value, 'malformed');
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (year < 1970) throw new IsoWeekError(value, 'year before 1970');
  if (week < 1 || week > weeksInYear(year)) throw new IsoWeekError(value, `${year} has weeks 01 to ${weeksInYear(year)}`);
  return { year, week };
}

/** The Monday (calendar date, UTC-based) of an ISO week. */
function mondayOf(year: number, week: number): Date {
  const jan4 = Date.UTC(year, 0, 4);
  const jan4Weekday = (new Date(jan4).getUTCDay() + 6) % 7;
  return new Date(jan4 - jan4Weekday * DAY_MS + (week - 1) * 7 * DAY_MS);
}

/** A week's bounds in the zone: `[start, end)`, local Monday 00:00 to the next local Monday 00:00. */
export function isoWeekBounds(week: IsoWeek, timeZone: string): { start: Date; end: Date } {
  const { year, week: n } = parseIsoWeek(week);
  const monday = mondayOf(year, n);
  const next = new Date(monday.getTime() + 7 * DAY_MS);
  return {
    start: localMidnight(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate(), timeZone),
    end: localMidnight(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), timeZone),
  };
}

/** The week `delta` weeks after (or, negative, before) `week`. */
export function addWeeks(week: IsoWeek, delta: number): IsoWeek {
  const { year, week: n } = parseIsoWeek(week);
  const monday = mondayOf(year, n).getTime() + delta * 7 * DAY_MS;
  const d = new Date(monday);
  const w = weekOfDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  return label(w.year, w.week);
}

/** `count` consecutive weeks ending with `last` (oldest first). */
export function trailingWeeks(last: IsoWeek, count: number): IsoWeek[] {
  return Array.from({ length: count }, (_, i) => addWeeks(last, i - count + 1));
}
