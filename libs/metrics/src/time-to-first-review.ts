/**
 * Time to first review (metric version 1).
 *
 * The clock starts when the pull request became reviewable: when it was opened, or, for one opened
 * as a draft, at its first `ready_for_review`. It stops at the first submitted review by a person
 * other than the author (any state: approved, changes requested, commented, dismissed). Bots and
 * AI reviewers are not people; a pending review has not been submitted. A pull request with no
 * such review is still waiting (open), or was closed without one: it has no value, and an open one
 * reports how long it has waited so far.
 */
export const TIME_TO_FIRST_REVIEW_VERSION = 1;

export interface ReviewFact {
  authorId: string | null;
  submittedAt: Date | null;
  authorIsBot: boolean;
}

export interface PullRequestFacts {
  authorId: string | null;
  createdAt: Date;
  createdAsDraft: boolean;
  /** `ready_for_review` and `convert_to_draft` events, any order. */
  draftEvents: { kind: 'ready_for_review' | 'convert_to_draft'; createdAt: Date }[];
  reviews: ReviewFact[];
  /** Set when merged or closed: a closed pull request waits no longer. */
  closedAt: Date | null;
}

export interface TimeToFirstReview {
  /** When the review clock started; null while it is still a draft that was never ready. */
  reviewableAt: Date | null;
  firstReviewAt: Date | null;
  /** Hours from reviewable to the first review; null without one. */
  hours: number | null;
  /** For a pull request still waiting at `now`: the hours it has waited so far. */
  waitingHours: number | null;
}

const HOUR = 3_600_000;

export function reviewableAt(pr: Pick<PullRequestFacts, 'createdAt' | 'createdAsDraft' | 'draftEvents'>): Date | null {
  if (!pr.createdAsDraft) return pr.createdAt;
  const ready = pr.draftEvents.filter((e) => e.kind === 'ready_for_review').map((e) => e.createdAt.getTime());
  return ready.length > 0 ? new Date(Math.min(...ready)) : null;
}

export function timeToFirstReview(pr: PullRequestFacts, now: Date): TimeToFirstReview {
  const start = reviewableAt(pr);
  const firsts = pr.reviews
    .filter((r) => r.submittedAt !== null && !r.authorIsBot && r.authorId !== null && r.authorId !== pr.authorId)
    .map((r) => r.submittedAt!.getTime());
  const first = firsts.length > 0 ? new Date(Math.min(...firsts)) : null;
  if (!start) return { reviewableAt: null, firstReviewAt: first, hours: null, waitingHours: null };
  if (first) {
    // A review before the author asked for one (on a draft) stops the clock at once.
    return { reviewableAt: start, firstReviewAt: first, hours: Math.max(0, first.getTime() - start.getTime()) / HOUR, waitingHours: null };
  }
  const until = pr.closedAt ?? now;
  return { reviewableAt: start, firstReviewAt: null, hours: null, waitingHours: pr.closedAt ? null : Math.max(0, until.getTime() - start.getTime()) / HOUR };
}
