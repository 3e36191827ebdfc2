/**
 * How active a person is over some weeks of a generated data window, shared by the GitHub and the
 * Slack generators.
 *
 * Week indexes are 0-based and counted from the first week of the data window: week 0 is the first
 * 7 days of the window (which starts `weeks * 7 - 1` days before `endDate`), week `weeks - 1` ends
 * on `endDate`. When `endDate` is a Friday, the weekdays of week `i` are exactly the weekdays of one
 * ISO week, the same in both generators (`generateDemoOrganisation` relies on that).
 */
export interface ActivityPeriod {
  /** First week index (inclusive). */
  fromWeek: number;
  /** Last week index (inclusive). */
  toWeek: number;
  /** 1 = as usual, 0.1 = about a tenth, 0 = nothing at all. */
  factor: number;
}

/** The factor of the first period covering `week`, or 1. */
export function activityFactor(periods: readonly ActivityPeriod[] | undefined, week: number): number {
  if (!periods) return 1;
  for (const p of periods) if (week >= p.fromWeek && week <= p.toWeek) return Math.max(0, p.factor);
  return 1;
}

/** Throws unless every period is well formed and every person is known. */
export function checkActivity(activity: Record<string, readonly ActivityPeriod[]> | undefined, known: ReadonlySet<string>, what: string): void {
  for (const [personId, periods] of Object.entries(activity ?? {})) {
    if (!known.has(personId)) throw new Error(`${what}: unknown person ${personId}`);
    for (const p of periods) {
      if (!Number.isInteger(p.fromWeek) || !Number.isInteger(p.toWeek) || p.fromWeek > p.toWeek) throw new Error(`${what}: bad weeks ${p.fromWeek}..${p.toWeek} for ${personId}`);
      if (!(p.factor >= 0) || !Number.isFinite(p.factor)) throw new Error(`${what}: bad factor ${p.factor} for ${personId}`);
    }
  }
}
