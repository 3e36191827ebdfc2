import { isoWeekOf } from './iso-week';
import { timeToFirstReview, type PullRequestFacts, type ReviewFact } from './time-to-first-review';

const at = (hours: number) => new Date(Date.UTC(2026, 10, 2, 9) + hours * 3_600_000);
const now = at(500);
const review = (authorId: string, hour: number | null, authorIsBot = false): ReviewFact => ({ authorId, submittedAt: hour === null ? null : at(hour), authorIsBot });
const pr = (overrides: Partial<PullRequestFacts> = {}): PullRequestFacts => ({
  authorId: 'author',
  createdAt: at(0),
  createdAsDraft: false,
  draftEvents: [],
  reviews: [],
  closedAt: null,
  ...overrides,
});

describe('timeToFirstReview', () => {
  it.each<[string, Partial<PullRequestFacts>, { hours: number | null; waitingHours: number | null }]>([
    ['from opening to the first review', { reviews: [review('lead', 5)] }, { hours: 5, waitingHours: null }],
    ['the earliest of several reviews, whatever their order', { reviews: [review('b', 9), review('a', 3), review('c', 4)] }, { hours: 3, waitingHours: null }],
    ["not the author's own review", { reviews: [review('author', 1), review('lead', 6)] }, { hours: 6, waitingHours: null }],
    ['not a bot or AI reviewer', { reviews: [review('copilot', 0.1, true), review('lead', 7)] }, { hours: 7, waitingHours: null }],
    ['not a pending review', { reviews: [review('lead', null), review('peer', 8)] }, { hours: 8, waitingHours: null }],
    ['not a deleted account (ghost)', { reviews: [{ authorId: null, submittedAt: at(1), authorIsBot: false }, review('peer', 2)] }, { hours: 2, waitingHours: null }],
    ['from the first ready-for-review of a draft', { createdAsDraft: true, draftEvents: [{ kind: 'ready_for_review', createdAt: at(10) }], reviews: [review('lead', 12)] }, { hours: 2, waitingHours: null }],
    [
      'from the first ready-for-review, through later draft periods',
      {
        createdAsDraft: true,
        draftEvents: [
          { kind: 'ready_for_review', createdAt: at(30) },
          { kind: 'convert_to_draft', createdAt: at(31) },
          { kind: 'ready_for_review', createdAt: at(10) },
        ],
        reviews: [review('lead', 40)],
      },
      { hours: 30, waitingHours: null },
    ],
    ['zero when someone reviewed the draft before it was ready', { createdAsDraft: true, draftEvents: [{ kind: 'ready_for_review', createdAt: at(10) }], reviews: [review('lead', 4)] }, { hours: 0, waitingHours: null }],
    ['an open pull request is still waiting', { reviews: [review('copilot', 1, true)] }, { hours: null, waitingHours: 500 }],
    ['a closed one without review waits no longer', { closedAt: at(20) }, { hours: null, waitingHours: null }],
    ['a draft never ready has no clock', { createdAsDraft: true }, { hours: null, waitingHours: null }],
  ])('counts %s', (_what, overrides, expected) => {
    const result = timeToFirstReview(pr(overrides), now);
    expect({ hours: result.hours, waitingHours: result.waitingHours }).toEqual(expected);
  });

  it('says when the clock started and stopped', () => {
    expect(timeToFirstReview(pr({ reviews: [review('lead', 5)] }), now)).toEqual({ reviewableAt: at(0), firstReviewAt: at(5), hours: 5, waitingHours: null });
  });
});

describe('reviews outside working days', () => {
  // Clocks run in calendar hours: nights, weekends and holidays count, because the author waits
  // through them too. (Working-hours clocks would need every person's calendar; we have none.)
  it('counts the weekend: opened Friday 17:00, reviewed Monday 09:00 (Berlin) is 64 hours', () => {
    const friday = new Date('2026-11-06T16:00:00Z'); // 17:00 in Berlin
    const result = timeToFirstReview(
      { authorId: 'author', createdAt: friday, createdAsDraft: false, draftEvents: [], reviews: [{ authorId: 'lead', submittedAt: new Date('2026-11-09T08:00:00Z'), authorIsBot: false }], closedAt: null },
      new Date('2026-11-20T00:00:00Z'),
    );
    expect(result.hours).toBe(64);
  });

  it('counts a review given on a Sunday like any other, in the ISO week of its local date', () => {
    const sunday = new Date('2026-11-08T21:30:00Z'); // Sunday 22:30 in Berlin: still W45 there
    const result = timeToFirstReview(
      { authorId: 'author', createdAt: new Date('2026-11-08T20:00:00Z'), createdAsDraft: false, draftEvents: [], reviews: [{ authorId: 'peer', submittedAt: sunday, authorIsBot: false }], closedAt: null },
      new Date('2026-11-20T00:00:00Z'),
    );
    expect(result.hours).toBe(1.5);
    expect(isoWeekOf(sunday, 'Europe/Berlin')).toBe('2026-W45');
    expect(isoWeekOf(sunday, 'Asia/Tokyo')).toBe('2026-W46'); // already Monday in Tokyo
  });
});
