import { participationBaseline, type Baseline, type ParticipationWeek } from '../participation';
import { median } from '../review-load';
import type { SilentMemberParams } from './signal-params';

/**
 * `silent_member` (rule version 1): someone who used to take part has gone quiet, measured against
 * their own history, not against their colleagues'. A whole team is evaluated for one week at a
 * time, because a quiet week for everyone (a holiday, an offsite) is not one person going quiet.
 *
 * For each person, from `baselineWeeks + quietWeeks` weeks ending with the evaluated week:
 * - the **baseline** is `participationBaseline` of the first `baselineWeeks` weeks (8; active in
 *   at least `minActiveWeeks` (4) counted weeks, median at least `minBaseline` (5));
 * - the **ratio** of a week is its score over the baseline;
 * - the person is **quiet** when each of the last `quietWeeks` weeks (2) has a ratio at most
 *   `quietRatio` (0.3; exactly 0.3 is quiet);
 * - a person on declared leave in any of those weeks is not evaluated (`on_leave`);
 * - the **team check**: the median, over the team's *other* members who have a baseline and are
 *   not on leave in the evaluated week, of their ratio in the evaluated week must be at least
 *   `teamQuietRatio` (0.6), or the whole team is quiet and nobody is singled out (`team_quiet`).
 *   When no other member has a baseline there is nothing to compare with and the check passes.
 *
 * Reasons, in this order of precedence: `on_leave`, `no_baseline`, `not_quiet`, `team_quiet`,
 * and `quiet` when the rule fires. `member` matters for the baseline weeks only; the caller
 * evaluates a team's current members. An open episode closes at the first week the person has
 * recovered: a score of at least `recoverRatio` (0.6) of the baseline (`silentMemberRecovered`).
 */

export interface SilentMemberPerson {
  personId: string;
  /** oldest first: exactly baselineWeeks + quietWeeks weeks ending with the evaluated week */
  weeks: ParticipationWeek[];
}

export interface SilentMemberResult {
  personId: string;
  fires: boolean;
  baseline: Baseline;
  /** score / baseline for each of the last quietWeeks weeks (null without baseline) */
  ratios: (number | null)[];
  teamMedianRatio: number | null;
  /** On declared leave in any of the last quietWeeks weeks. */
  onLeave: boolean;
  reason: 'quiet' | 'no_baseline' | 'not_quiet' | 'on_leave' | 'team_quiet';
  values: { baseline: number | null; activeWeeks: number; scores: number[]; ratios: (number | null)[]; teamMedianRatio: number | null };
}

interface Evaluated {
  person: SilentMemberPerson;
  baseline: Baseline;
  scores: number[];
  ratios: (number | null)[];
  onLeave: boolean;
  /** Ratio in the evaluated week, when it can speak for the team: a baseline, not on leave that week. */
  teamRatio: number | null;
}

export function evaluateSilentMembers(team: readonly SilentMemberPerson[], params: SilentMemberParams): SilentMemberResult[] {
  if (!Number.isInteger(params.baselineWeeks) || params.baselineWeeks < 1 || !Number.isInteger(params.quietWeeks) || params.quietWeeks < 1) {
    throw new RangeError(`baselineWeeks and quietWeeks must be whole numbers of weeks, at least 1 (got ${params.baselineWeeks} and ${params.quietWeeks})`);
  }
  const length = params.baselineWeeks + params.quietWeeks;
  const evaluated: Evaluated[] = team.map((person) => {
    if (person.weeks.length !== length) {
      throw new RangeError(`${person.personId}: expected ${length} weeks (baselineWeeks ${params.baselineWeeks} + quietWeeks ${params.quietWeeks}), got ${person.weeks.length}`);
    }
    const baseline = participationBaseline(person.weeks.slice(0, params.baselineWeeks), params);
    const window = person.weeks.slice(params.baselineWeeks);
    const scores = window.map((w) => w.score);
    const ratios = scores.map((s) => (baseline.value === null ? null : s / baseline.value));
    const last = window[window.length - 1]!;
    return { person, baseline, scores, ratios, onLeave: window.some((w) => w.onLeave), teamRatio: last.onLeave ? null : ratios[ratios.length - 1]! };
  });

  return evaluated.map((self) => {
    const others = evaluated.filter((e) => e !== self && e.teamRatio !== null).map((e) => e.teamRatio!);
    const teamMedianRatio = median(others);
    const quiet = self.ratios.every((r) => r !== null && r <= params.quietRatio);
    const reason: SilentMemberResult['reason'] = self.onLeave
      ? 'on_leave'
      : self.baseline.value === null
        ? 'no_baseline'
        : !quiet
          ? 'not_quiet'
          : teamMedianRatio !== null && teamMedianRatio < params.teamQuietRatio
            ? 'team_quiet'
            : 'quiet';
    return {
      personId: self.person.personId,
      fires: reason === 'quiet',
      baseline: self.baseline,
      ratios: self.ratios,
      teamMedianRatio,
      onLeave: self.onLeave,
      reason,
      values: { baseline: self.baseline.value, activeWeeks: self.baseline.activeWeeks, scores: self.scores, ratios: self.ratios, teamMedianRatio },
    };
  });
}

/** Whether a person in an open `silent_member` episode has recovered this week: score ≥ recoverRatio × baseline. */
export function silentMemberRecovered(score: number, baseline: number, params: Pick<SilentMemberParams, 'recoverRatio'>): boolean {
  // As a division, like the quiet ratio, so that a score exactly at the threshold reaches it.
  return baseline > 0 ? score / baseline >= params.recoverRatio : true;
}
