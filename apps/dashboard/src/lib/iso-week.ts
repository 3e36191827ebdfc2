/** ISO week labels (`YYYY-Www`) in the browser: parse, step by weeks, compare. */

const WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;

export function isIsoWeek(value: string): boolean {
  const match = WEEK_PATTERN.exec(value);
  if (!match) return false;
  const week = Number(match[2]);
  return week >= 1 && week <= weeksInYear(Number(match[1]));
}

/** Monday 00:00 UTC of ISO week 1 of `year`. */
function firstMonday(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const day = new Date(jan4).getUTCDay() || 7;
  return jan4 - (day - 1) * 86_400_000;
}

function weeksInYear(year: number): number {
  return Math.round((firstMonday(year + 1) - firstMonday(year)) / (7 * 86_400_000));
}

/** The ISO week of a UTC date. */
export function isoWeekOf(date: Date): string {
  const day = date.getUTCDay() || 7;
  const thursday = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 4 - day));
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - firstMonday(year)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** `week` moved by `delta` weeks. */
export function addWeeks(week: string, delta: number): string {
  const match = WEEK_PATTERN.exec(week);
  if (!match) return week;
  const monday = firstMonday(Number(match[1])) + (Number(match[2]) - 1) * 7 * 86_400_000;
  return isoWeekOf(new Date(monday + delta * 7 * 86_400_000));
}

/** `2025-W07` -> `W07` (short axis labels). */
export function shortWeek(week: string): string {
  return week.replace(/^\d{4}-/, '');
}
