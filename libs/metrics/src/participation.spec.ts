import { participationBaseline, participationScore, type ParticipationWeek } from './participation';
import { trailingWeeks } from './iso-week';

const PARAMS = { minActiveWeeks: 4, minBaseline: 5 };

/** Eight baseline weeks ending 2026-W10, with the given scores; `leave` and `notMember` by index. */
function weeks(scores: number[], marks: { leave?: number[]; notMember?: number[] } = {}): ParticipationWeek[] {
  const labels = trailingWeeks('2026-W10', scores.length);
  return scores.map((score, i) => ({ week: labels[i]!, score, onLeave: marks.leave?.includes(i) ?? false, member: !(marks.notMember?.includes(i) ?? false) }));
}

describe('participationScore', () => {
  it('adds messages, thread replies, reviews and review comments, not the subsets shown beside them', () => {
    expect(participationScore({ messages: 4, threadReplies: 3, threadsStarted: 2, repliesToOthers: 3, reviews: 2, reviewComments: 5 })).toBe(14);
    expect(participationScore({ messages: 0, threadReplies: 0, threadsStarted: 0, repliesToOthers: 0, reviews: 0, reviewComments: 0 })).toBe(0);
    // Threads started and replies to others change nothing on their own.
    expect(participationScore({ messages: 1, threadReplies: 1, threadsStarted: 9, repliesToOthers: 9, reviews: 1, reviewComments: 1 })).toBe(4);
  });
});

describe('participationBaseline', () => {
  it.each<[string, ParticipationWeek[], { value: number | null; activeWeeks: number; reason: string }]>([
    ['the median of eight active weeks', weeks([10, 12, 8, 9, 11, 10, 7, 13]), { value: 10, activeWeeks: 8, reason: 'ok' }],
    ['quiet weeks in the median', weeks([0, 0, 0, 0, 10, 12, 14, 16]), { value: 5, activeWeeks: 4, reason: 'ok' }],
    ['active in exactly 4 of 8 weeks', weeks([0, 20, 0, 20, 0, 20, 0, 20]), { value: 10, activeWeeks: 4, reason: 'ok' }],
    ['active in 3 of 8 weeks: too little history', weeks([0, 20, 0, 20, 0, 20, 0, 0]), { value: null, activeWeeks: 3, reason: 'too_little_history' }],
    ['exactly the minimum baseline', weeks([5, 5, 5, 5, 5, 5, 5, 5]), { value: 5, activeWeeks: 8, reason: 'ok' }],
    ['just below the minimum baseline', weeks([4, 5, 4, 5, 4, 5, 4, 4]), { value: null, activeWeeks: 8, reason: 'below_minimum' }],
    ['a median of 0 is no baseline, even with a minimum of 0', weeks([0, 0, 0, 0, 0, 1, 1, 1]), { value: null, activeWeeks: 3, reason: 'too_little_history' }],
    ['no weeks at all', [], { value: null, activeWeeks: 0, reason: 'too_little_history' }],
  ])('%s', (_what, input, expected) => {
    const { value, activeWeeks, reason } = participationBaseline(input, PARAMS);
    expect({ value, activeWeeks, reason }).toEqual(expected);
  });

  it('refuses a baseline of 0 even when the minimum allows it', () => {
    const result = participationBaseline(weeks([0, 0, 0, 0, 0, 3, 3, 3]), { minActiveWeeks: 3, minBaseline: 0 });
    expect(result).toMatchObject({ value: null, activeWeeks: 3, reason: 'below_minimum' });
  });

  it('leaves weeks of declared leave out of the baseline', () => {
    // Without the leave weeks: [10, 10, 12, 12, 12, 12] → median 12; with them it would be 11.
    const result = participationBaseline(weeks([0, 10, 10, 0, 12, 12, 12, 12], { leave: [0, 3] }), PARAMS);
    expect(result).toMatchObject({ value: 12, activeWeeks: 6, reason: 'ok' });
    expect(result.weeks.filter((w) => !w.counted)).toEqual([
      { week: '2026-W03', score: 0, counted: false, reason: 'leave' },
      { week: '2026-W06', score: 0, counted: false, reason: 'leave' },
    ]);
  });

  it('has too little history when leave leaves fewer than 4 active weeks', () => {
    const result = participationBaseline(weeks([10, 10, 10, 10, 10, 10, 10, 10], { leave: [0, 1, 2, 3, 4] }), PARAMS);
    expect(result).toMatchObject({ value: null, activeWeeks: 3, reason: 'too_little_history' });
  });

  it('does not count the weeks before a person joined a team: a newcomer has too little history', () => {
    const result = participationBaseline(weeks([0, 0, 0, 0, 0, 9, 9, 9], { notMember: [0, 1, 2, 3, 4] }), PARAMS);
    expect(result).toMatchObject({ value: null, activeWeeks: 3, reason: 'too_little_history' });
    expect(result.weeks.map((w) => w.reason ?? 'counted')).toEqual(['not_member', 'not_member', 'not_member', 'not_member', 'not_member', 'counted', 'counted', 'counted']);
  });

  it('counts a newcomer’s member weeks only: the median is theirs, not diluted by the weeks before', () => {
    const result = participationBaseline(weeks([0, 0, 0, 8, 8, 9, 9, 9], { notMember: [0, 1, 2] }), PARAMS);
    expect(result).toMatchObject({ value: 9, activeWeeks: 5, reason: 'ok' });
  });

  it('keeps a person’s own history when they move to another team (still a member, of some team, every week)', () => {
    // Weeks 0–3 in one team, 4–7 in another: the caller marks all eight as member weeks.
    const result = participationBaseline(weeks([12, 14, 12, 14, 6, 8, 6, 8]), PARAMS);
    expect(result).toMatchObject({ value: 10, activeWeeks: 8, reason: 'ok' });
  });

  it('says not_member rather than leave for a week that is both', () => {
    const result = participationBaseline(weeks([1], { notMember: [0], leave: [0] }), PARAMS);
    expect(result.weeks[0]).toEqual({ week: '2026-W10', score: 1, counted: false, reason: 'not_member' });
  });
});
