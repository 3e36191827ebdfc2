import { median } from './review-load';

/**
 * Participation (metric version 1): how much a person takes part in the team's discussions, and
 * how that compares with their own history, never with their colleagues'.
 *
 * - **Weekly score**: messages in the team's channels + thread replies + reviews given + inline
 *   review comments given, on others' pull requests. Threads started and replies to others are
 *   shown too, but they are already among the messages and replies: they are not added twice.
 * - **Baseline**: taken over the weeks before the evaluated window (8 by default, oldest first).
 *   A week the person was on declared leave, or did not yet belong to any team (`member: false`),
 *   is not counted; a person keeps their own history when they move from one team to another.
 *   The baseline is established when the person was active (score > 0) in at least
 *   `minActiveWeeks` counted weeks; it is then the median of the counted weeks' scores (quiet
 *   weeks included), and must be at least `minBaseline` (and above 0), or there is no baseline.
 */
export const PARTICIPATION_VERSION = 1;

export interface ParticipationCounts {
  messages: number;
  threadReplies: number;
  threadsStarted: number;
  repliesToOthers: number;
  reviews: number;
  reviewComments: number;
}

/** The weekly participation score: the sum of messages, threadReplies, reviews and reviewComments (threadsStarted and repliesToOthers are subsets of messages/replies, shown but not added twice). */
export function participationScore(c: ParticipationCounts): number {
  return c.messages + c.threadReplies + c.reviews + c.reviewComments;
}

export interface ParticipationWeek {
  /** YYYY-Www */
  week: string;
  score: number;
  onLeave: boolean;
  /** The person belonged to a team that week. */
  member: boolean;
}

export interface Baseline {
  /** The median of the counted weeks' scores; null without an established baseline. */
  value: number | null;
  /** Counted weeks with a score above 0. */
  activeWeeks: number;
  weeks: { week: string; score: number; counted: boolean; reason?: 'leave' | 'not_member' }[];
  reason: 'ok' | 'too_little_history' | 'below_minimum';
}

/** Baseline of `weeks` (the baselineWeeks weeks before the evaluation window, oldest first). Weeks on leave or before the person joined (member=false) are not counted; active = score > 0; established when active in ≥ minActiveWeeks; value = median of the counted weeks' scores; must be ≥ minBaseline, else reason 'below_minimum' and value null */
export function participationBaseline(weeks: readonly ParticipationWeek[], params: { minActiveWeeks: number; minBaseline: number }): Baseline {
  const described: Baseline['weeks'] = weeks.map((w) => {
    // Not yet in a team says more than leave: the person was not part of any team's discussions.
    if (!w.member) return { week: w.week, score: w.score, counted: false, reason: 'not_member' };
    if (w.onLeave) return { week: w.week, score: w.score, counted: false, reason: 'leave' };
    return { week: w.week, score: w.score, counted: true };
  });
  const scores = described.filter((w) => w.counted).map((w) => w.score);
  const activeWeeks = scores.filter((s) => s > 0).length;
  const value = median(scores);
  if (value === null || activeWeeks < params.minActiveWeeks) return { value: null, activeWeeks, weeks: described, reason: 'too_little_history' };
  // A baseline of 0 would make every week infinitely above it: there is nothing to compare with.
  if (value < params.minBaseline || value <= 0) return { value: null, activeWeeks, weeks: described, reason: 'below_minimum' };
  return { value, activeWeeks, weeks: described, reason: 'ok' };
}
