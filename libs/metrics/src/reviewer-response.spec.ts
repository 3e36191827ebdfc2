import { reviewRequestPeriods, type ReviewRequestEvent, type Reviewer } from './reviewer-response';
import type { PullRequestFacts } from './time-to-first-review';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0); // Monday 09:00 UTC
const h = (hours: number) => new Date(T0 + hours * 3_600_000);
const NOW = h(100);
const person = (id: string): Reviewer => ({ kind: 'person', id });
const team = (slug: string): Reviewer => ({ kind: 'team', slug });
const requested = (at: number, reviewer: Reviewer, reviewerIsBot = false): ReviewRequestEvent => ({ kind: 'review_requested', createdAt: h(at), reviewer, reviewerIsBot });
const removed = (at: number, reviewer: Reviewer): ReviewRequestEvent => ({ kind: 'review_request_removed', createdAt: h(at), reviewer });
const review = (at: number, authorId: string, authorIsBot = false) => ({ authorId, submittedAt: h(at), authorIsBot });

function pr(extra: Partial<PullRequestFacts> & { requestEvents: ReviewRequestEvent[] }): PullRequestFacts & { requestEvents: ReviewRequestEvent[] } {
  return { authorId: 'author', createdAt: h(0), createdAsDraft: false, draftEvents: [], reviews: [], closedAt: null, ...extra };
}
const summary = (periods: ReturnType<typeof reviewRequestPeriods>) =>
  periods.map((p) => ({ reviewer: p.reviewer.kind === 'person' ? p.reviewer.id : `@${p.reviewer.slug}`, end: p.end, response: p.responseHours, waiting: p.waitingHours }));

describe('reviewer response time', () => {
  it('runs from the request to that reviewer’s first review', () => {
    const periods = reviewRequestPeriods(pr({ requestEvents: [requested(1, person('ann'))], reviews: [review(2, 'bob'), review(5, 'ann'), review(7, 'ann')] }), NOW);
    expect(summary(periods)).toEqual([{ reviewer: 'ann', end: 'review', response: 4, waiting: 4 }]);
    expect(periods[0]!.answeredBy).toBe('ann');
  });

  it('opens a new request on a re-request after the review, and ignores a repeated request while one is open', () => {
    const periods = reviewRequestPeriods(
      pr({ requestEvents: [requested(1, person('ann')), requested(2, person('ann')), requested(10, person('ann'))], reviews: [review(4, 'ann'), review(13, 'ann')] }),
      NOW,
    );
    expect(summary(periods)).toEqual([
      { reviewer: 'ann', end: 'review', response: 3, waiting: 3 },
      { reviewer: 'ann', end: 'review', response: 3, waiting: 3 },
    ]);
  });

  it('ends at the removal of the request: waiting time, no response time', () => {
    const periods = reviewRequestPeriods(pr({ requestEvents: [requested(1, person('ann')), removed(6, person('ann'))], reviews: [review(8, 'ann')] }), NOW);
    expect(summary(periods)).toEqual([{ reviewer: 'ann', end: 'removed', response: null, waiting: 5 }]);
  });

  it('takes a review at the same moment as the removal as the answer (GitHub removes a request when it is answered)', () => {
    const periods = reviewRequestPeriods(pr({ requestEvents: [requested(1, person('ann')), removed(3, person('ann'))], reviews: [review(3, 'ann')] }), NOW);
    expect(summary(periods)).toEqual([{ reviewer: 'ann', end: 'review', response: 2, waiting: 2 }]);
  });

  it('lets a team request be answered by a member, not by anyone else', () => {
    const members = new Map([['payments', new Set(['ann', 'bob'])]]);
    const periods = reviewRequestPeriods(pr({ requestEvents: [requested(1, team('Payments'))], reviews: [review(2, 'outsider'), review(6, 'bob')] }), NOW, members);
    expect(summary(periods)).toEqual([{ reviewer: '@Payments', end: 'review', response: 5, waiting: 5 }]);
    expect(periods[0]!.answeredBy).toBe('bob');
    // Members unknown: the first person's review answers.
    expect(summary(reviewRequestPeriods(pr({ requestEvents: [requested(1, team('web'))], reviews: [review(2, 'outsider')] }), NOW))[0]).toMatchObject({ end: 'review', response: 1 });
  });

  it('does not count requests of bots or of the author, and bots’ reviews answer nothing', () => {
    const periods = reviewRequestPeriods(
      pr({
        requestEvents: [requested(1, person('copilot'), true), requested(1, person('author')), requested(1, team('web'))],
        reviews: [review(2, 'copilot', true), review(3, 'author'), review(9, 'ann')],
      }),
      NOW,
    );
    expect(summary(periods)).toEqual([{ reviewer: '@web', end: 'review', response: 8, waiting: 8 }]);
  });

  it('starts the clock when a draft becomes ready, not at a request made on the draft', () => {
    const draft = { createdAsDraft: true, draftEvents: [{ kind: 'ready_for_review' as const, createdAt: h(10) }] };
    const periods = reviewRequestPeriods(pr({ ...draft, requestEvents: [requested(2, person('ann'))], reviews: [review(12, 'ann')] }), NOW);
    expect(periods[0]).toMatchObject({ requestedAt: h(2), clockStart: h(10), responseHours: 2, waitingHours: 2 });
    // A draft never made ready: nobody waits on it.
    const never = reviewRequestPeriods(pr({ createdAsDraft: true, requestEvents: [requested(2, person('ann'))] }), NOW);
    expect(summary(never)).toEqual([{ reviewer: 'ann', end: 'open', response: null, waiting: 0 }]);
  });

  it('counts an open request as waiting until now, and a closed pull request’s as waiting until it closed', () => {
    expect(summary(reviewRequestPeriods(pr({ requestEvents: [requested(4, person('ann'))] }), NOW))).toEqual([{ reviewer: 'ann', end: 'open', response: null, waiting: 96 }]);
    const closed = reviewRequestPeriods(pr({ requestEvents: [requested(4, person('ann'))], closedAt: h(20), reviews: [review(30, 'ann')] }), NOW);
    expect(summary(closed)).toEqual([{ reviewer: 'ann', end: 'closed', response: null, waiting: 16 }]);
    expect(closed[0]!.endedAt).toEqual(h(20));
  });

  it('keeps requests of several reviewers apart, each answered by its own reviewer', () => {
    const periods = reviewRequestPeriods(pr({ requestEvents: [requested(1, person('ann')), requested(1, person('bob'))], reviews: [review(2, 'bob'), review(9, 'ann')] }), NOW);
    expect(summary(periods).sort((a, b) => a.reviewer.localeCompare(b.reviewer))).toEqual([
      { reviewer: 'ann', end: 'review', response: 8, waiting: 8 },
      { reviewer: 'bob', end: 'review', response: 1, waiting: 1 },
    ]);
  });
});
