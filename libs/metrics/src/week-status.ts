import { addWeeks, isoWeekBounds, isoWeekOf, type IsoWeek } from './iso-week';

/**
 * Weeks are judged once they are over.
 *
 * The analysis and the reports stand at one instant, `asOf`: the as-of instant of the latest
 * completed sync (the product clock's time when that sync started), or the clock's now when
 * nothing has been synced, and never later than now. The data covers everything before it.
 *
 * - A week is **completed** when it ends (the next local Monday 00:00 in the organisation's
 *   zone) at or before `asOf`: its data is whole, and only completed weeks open, fire, continue
 *   or close a signal.
 * - A week that has started (by the clock) but is not completed is **in progress**: its counts
 *   so far are shown, marked partial, and no signal is judged on it. When the latest sync is
 *   older than a week, every week since the one it ran in is in progress.
 * - A week that starts after the clock's now is in the **future**: the API refuses it.
 */
export type WeekStatus = 'completed' | 'in_progress' | 'future';

/** The instant the data stands at: the latest completed sync's as-of, else now; never after now. */
export function dataAsOf(latestSyncAsOf: Date | null, now: Date): Date {
  if (latestSyncAsOf === null || latestSyncAsOf.getTime() > now.getTime()) return now;
  return latestSyncAsOf;
}

export function isCompletedWeek(week: IsoWeek, asOf: Date, timeZone: string): boolean {
  return isoWeekBounds(week, timeZone).end.getTime() <= asOf.getTime();
}

/** The latest completed week: the week before the one `asOf` falls in. */
export function lastCompletedWeek(asOf: Date, timeZone: string): IsoWeek {
  return addWeeks(isoWeekOf(asOf, timeZone), -1);
}

export function weekStatus(week: IsoWeek, asOf: Date, now: Date, timeZone: string): WeekStatus {
  if (week > isoWeekOf(now, timeZone)) return 'future';
  return isCompletedWeek(week, asOf, timeZone) ? 'completed' : 'in_progress';
}
