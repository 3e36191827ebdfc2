import { reviewableAt, type PullRequestFacts } from './time-to-first-review';

/**
 * Reviewer response time (metric version 1): what attributes waiting time to a person.
 *
 * - A **request** opens when a reviewer (a person, or a team) is asked for a review. A request
 *   repeated while one is open for the same reviewer changes nothing; a request after the
 *   reviewer's review or the request's removal (GitHub's "re-request") opens a new one.
 * - Its clock starts at the request, or when the pull request became reviewable if it was asked
 *   while a draft (nobody waits on a draft). A draft never made ready has no clock.
 * - It ends at the first review the reviewer submits at or after the request (any state), at the
 *   request's removal, or when the pull request is closed or merged; an open one is still waiting
 *   at `now`. Only a review ends it with a **response time**; the others are waiting time only.
 * - A **team** request is answered by the first review of one of the team's members (any person
 *   other than the author when the members are not known), and removed like a person's.
 * - Requests of bots or AI reviewers, and of the pull request's own author, are not counted: they
 *   make nobody wait on a person.
 */
export const REVIEWER_RESPONSE_VERSION = 1;

export type Reviewer = { kind: 'person'; id: string } | { kind: 'team'; slug: string };

export interface ReviewRequestEvent {
  kind: 'review_requested' | 'review_request_removed';
  createdAt: Date;
  reviewer: Reviewer;
  /** The requested account is a bot (person requests only). */
  reviewerIsBot?: boolean;
}

export interface ReviewRequestPeriod {
  reviewer: Reviewer;
  requestedAt: Date;
  /** When the clock started: `requestedAt`, or the reviewable time of a draft. */
  clockStart: Date;
  endedAt: Date | null;
  end: 'review' | 'removed' | 'closed' | 'open';
  /** For a team request: who answered. */
  answeredBy: string | null;
  /** Hours from the clock's start to the review (`end: 'review'` only). */
  responseHours: number | null;
  /** Hours the pull request waited on this reviewer: to the end, or to `now` while open. */
  waitingHours: number;
}

const HOUR = 3_600_000;
const keyOf = (r: Reviewer) => (r.kind === 'person' ? `p:${r.id}` : `t:${r.slug.toLowerCase()}`);

export function reviewRequestPeriods(
  pr: PullRequestFacts & { requestEvents: ReviewRequestEvent[] },
  now: Date,
  teamMembers: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
): ReviewRequestPeriod[] {
  const reviewable = reviewableAt(pr);
  const reviews = pr.reviews
    .filter((r) => r.submittedAt !== null && r.authorId !== null && !r.authorIsBot && r.authorId !== pr.authorId)
    .map((r) => ({ authorId: r.authorId!, at: r.submittedAt! }))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const events = [...pr.requestEvents].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.kind === 'review_requested' ? -1 : 1));

  const open = new Map<string, { reviewer: Reviewer; requestedAt: Date }>();
  const periods: ReviewRequestPeriod[] = [];
  const answers = (reviewer: Reviewer, authorId: string): boolean => {
    if (reviewer.kind === 'person') return reviewer.id === authorId;
    const members = teamMembers.get(reviewer.slug.toLowerCase());
    return members ? members.has(authorId) : true;
  };
  const close = (key: string, endedAt: Date | null, end: ReviewRequestPeriod['end'], answeredBy: string | null) => {
    const request = open.get(key)!;
    open.delete(key);
    const clockStart = reviewable && reviewable > request.requestedAt ? reviewable : request.requestedAt;
    const until = endedAt ?? now;
    const waiting = reviewable ? Math.max(0, until.getTime() - clockStart.getTime()) / HOUR : 0;
    periods.push({
      reviewer: request.reviewer,
      requestedAt: request.requestedAt,
      clockStart,
      endedAt,
      end,
      answeredBy,
      responseHours: end === 'review' && reviewable ? waiting : null,
      waitingHours: waiting,
    });
  };
  // Reviews answer the open requests they come after: walk events and reviews in time order.
  let next = 0;
  const answerUpTo = (until: number) => {
    while (next < reviews.length && reviews[next]!.at.getTime() < until) {
      const review = reviews[next++]!;
      for (const [key, request] of [...open]) {
        if (answers(request.reviewer, review.authorId)) close(key, review.at, 'review', review.authorId);
      }
    }
  };
  for (const event of events) {
    const counted = event.reviewer.kind === 'team' || (!event.reviewerIsBot && event.reviewer.id !== pr.authorId);
    if (!counted) continue;
    answerUpTo(event.createdAt.getTime());
    const key = keyOf(event.reviewer);
    if (event.kind === 'review_requested') {
      if (!open.has(key)) open.set(key, { reviewer: event.reviewer, requestedAt: event.createdAt });
    } else if (open.has(key)) {
      // A review at the very moment of the removal answered first (GitHub removes a request when its reviewer reviews).
      answerUpTo(event.createdAt.getTime() + 1);
      if (open.has(key)) close(key, event.createdAt, 'removed', null);
    }
  }
  answerUpTo(pr.closedAt ? pr.closedAt.getTime() + 1 : Number.POSITIVE_INFINITY);
  for (const key of [...open.keys()]) close(key, pr.closedAt, pr.closedAt ? 'closed' : 'open', null);
  return periods.sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime());
}
