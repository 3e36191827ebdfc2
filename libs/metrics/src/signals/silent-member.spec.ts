import { trailingWeeks } from '../iso-week';
import type { ParticipationWeek } from '../participation';
import { DEFAULT_SIGNAL_PARAMS } from './signal-params';
import { evaluateSilentMembers, silentMemberRecovered, type SilentMemberPerson, type SilentMemberResult } from './silent-member';

const PARAMS = DEFAULT_SIGNAL_PARAMS.silent_member; // 8 baseline weeks + 2 quiet weeks
const EVALUATED = '2026-W20';
const STEADY = [10, 10, 10, 10, 10, 10, 10, 10]; // baseline 10

/** A person's 10 weeks ending with the evaluated week: 8 baseline scores, then the window's scores. */
function person(personId: string, window: number[], opts: { baseline?: number[]; leave?: number[]; notMember?: number[]; weeks?: number } = {}): SilentMemberPerson {
  const scores = [...(opts.baseline ?? STEADY), ...window];
  const labels = trailingWeeks(EVALUATED, scores.length);
  const weeks: ParticipationWeek[] = scores.map((score, i) => ({
    week: labels[i]!,
    score,
    onLeave: opts.leave?.includes(i) ?? false,
    member: !(opts.notMember?.includes(i) ?? false),
  }));
  return { personId, weeks };
}
const steady = (id: string) => person(id, [10, 10]);
const byId = (results: SilentMemberResult[]) => Object.fromEntries(results.map((r) => [r.personId, r]));
const outcome = (r: SilentMemberResult) => ({ fires: r.fires, reason: r.reason });

describe('silent_member', () => {
  it('fires for someone at most 30% of their own baseline for 2 weeks while the rest of the team is not quiet', () => {
    const results = byId(evaluateSilentMembers([person('ann', [2, 1]), steady('bob'), steady('cat')], PARAMS));
    expect(outcome(results['ann']!)).toEqual({ fires: true, reason: 'quiet' });
    expect(results['ann']!.values).toEqual({ baseline: 10, activeWeeks: 8, scores: [2, 1], ratios: [0.2, 0.1], teamMedianRatio: 1 });
    expect(outcome(results['bob']!)).toEqual({ fires: false, reason: 'not_quiet' });
  });

  it.each<[string, number[], { fires: boolean; reason: string }]>([
    ['exactly 30% both weeks', [3, 3], { fires: true, reason: 'quiet' }],
    ['31% in the last week', [3, 3.1], { fires: false, reason: 'not_quiet' }],
    ['31% in the week before', [3.1, 0], { fires: false, reason: 'not_quiet' }],
    ['silent both weeks', [0, 0], { fires: true, reason: 'quiet' }],
  ])('at the threshold: %s', (_what, window, expected) => {
    const [ann] = evaluateSilentMembers([person('ann', window), steady('bob')], PARAMS);
    expect(outcome(ann!)).toEqual(expected);
  });

  it('measures each person against their own history, not the team’s', () => {
    // Ann always said little (baseline 6); 1.8 is 30% of hers. Bob's 5 is low for the team but half of his 10.
    const results = byId(evaluateSilentMembers([person('ann', [1.8, 1.8], { baseline: [6, 6, 6, 6, 6, 6, 6, 6] }), person('bob', [5, 5]), steady('cat')], PARAMS));
    expect(outcome(results['ann']!)).toEqual({ fires: true, reason: 'quiet' });
    expect(outcome(results['bob']!)).toEqual({ fires: false, reason: 'not_quiet' });
  });

  describe('declared leave', () => {
    it('does not fire for someone on leave in the window, however quiet', () => {
      const [ann] = evaluateSilentMembers([person('ann', [0, 0], { leave: [9] }), steady('bob')], PARAMS);
      expect(ann).toMatchObject({ fires: false, reason: 'on_leave', onLeave: true });
      const [earlier] = evaluateSilentMembers([person('ann', [0, 0], { leave: [8] }), steady('bob')], PARAMS);
      expect(outcome(earlier!)).toEqual({ fires: false, reason: 'on_leave' });
    });

    it('leaves leave weeks out of the baseline: quiet weeks of a holiday do not lower it', () => {
      const [ann] = evaluateSilentMembers([person('ann', [3, 3], { baseline: [0, 0, 0, 10, 10, 10, 10, 10], leave: [0, 1, 2] }), steady('bob')], PARAMS);
      expect(ann!.baseline).toMatchObject({ value: 10, activeWeeks: 5 });
      expect(outcome(ann!)).toEqual({ fires: true, reason: 'quiet' });
    });

    it('has no baseline when leave leaves fewer than 4 active weeks', () => {
      const [ann] = evaluateSilentMembers([person('ann', [0, 0], { leave: [0, 1, 2, 3, 4] }), steady('bob')], PARAMS);
      expect(outcome(ann!)).toEqual({ fires: false, reason: 'no_baseline' });
      expect(ann!.baseline.reason).toBe('too_little_history');
    });

    it('leaves a colleague on leave in the evaluated week out of the team check', () => {
      // Without the exclusion the others' median would be (0 + 1) / 2 = 0.5: "the team is quiet".
      const results = byId(evaluateSilentMembers([person('ann', [1, 1]), person('bob', [10, 0], { leave: [9] }), steady('cat')], PARAMS));
      expect(results['ann']).toMatchObject({ fires: true, reason: 'quiet', teamMedianRatio: 1 });
    });
  });

  describe('the rest of the team', () => {
    it('does not fire when the whole team is quiet in a holiday week', () => {
      const results = evaluateSilentMembers([person('ann', [2, 1]), person('bob', [10, 1]), person('cat', [9, 2]), person('dan', [3, 3])], PARAMS);
      expect(results.map(outcome)).toEqual([
        { fires: false, reason: 'team_quiet' },
        { fires: false, reason: 'not_quiet' },
        { fires: false, reason: 'not_quiet' },
        { fires: false, reason: 'team_quiet' },
      ]);
      expect(results[0]!.teamMedianRatio).toBeCloseTo(0.2, 12);
    });

    it('fires when the others’ median ratio is exactly 60%, not at 59%', () => {
      expect(outcome(evaluateSilentMembers([person('ann', [1, 1]), person('bob', [10, 6])], PARAMS)[0]!)).toEqual({ fires: true, reason: 'quiet' });
      expect(outcome(evaluateSilentMembers([person('ann', [1, 1]), person('bob', [10, 5.9])], PARAMS)[0]!)).toEqual({ fires: false, reason: 'team_quiet' });
    });

    it('passes the team check when no other member has a baseline', () => {
      const newcomer = person('new', [0, 0], { baseline: [0, 0, 0, 0, 0, 0, 4, 4], notMember: [0, 1, 2, 3, 4, 5] });
      const results = byId(evaluateSilentMembers([person('ann', [1, 1]), newcomer], PARAMS));
      expect(results['ann']).toMatchObject({ fires: true, reason: 'quiet', teamMedianRatio: null });
      expect(outcome(evaluateSilentMembers([person('solo', [1, 1])], PARAMS)[0]!)).toEqual({ fires: true, reason: 'quiet' });
    });

    it('leaves members without a baseline out of the others’ median', () => {
      const results = byId(evaluateSilentMembers([person('ann', [1, 1]), person('low', [0, 0], { baseline: [1, 1, 1, 1, 1, 1, 1, 1] }), steady('bob')], PARAMS));
      expect(results['ann']).toMatchObject({ fires: true, teamMedianRatio: 1 });
      expect(results['low']).toMatchObject({ fires: false, reason: 'no_baseline', ratios: [null, null] });
      expect(results['low']!.baseline.reason).toBe('below_minimum');
    });
  });

  describe('history', () => {
    it.each<[string, number[], string]>([
      ['active in 3 of 8 weeks', [0, 0, 0, 0, 0, 20, 20, 20], 'too_little_history'],
      ['a baseline below 5', [4, 4, 4, 4, 4, 4, 4, 4], 'below_minimum'],
    ])('does not fire without a baseline: %s', (_what, baseline, baselineReason) => {
      const [ann] = evaluateSilentMembers([person('ann', [0, 0], { baseline }), steady('bob')], PARAMS);
      expect(outcome(ann!)).toEqual({ fires: false, reason: 'no_baseline' });
      expect(ann!.baseline.reason).toBe(baselineReason);
      expect(ann!.ratios).toEqual([null, null]);
    });

    it('fires on active in exactly 4 of 8 weeks with a baseline of exactly 5', () => {
      const [ann] = evaluateSilentMembers([person('ann', [1.5, 1.5], { baseline: [0, 10, 0, 10, 0, 10, 0, 10] }), steady('bob')], PARAMS);
      expect(ann).toMatchObject({ fires: true, reason: 'quiet', values: { baseline: 5, activeWeeks: 4, ratios: [0.3, 0.3] } });
    });

    it('does not count the weeks before a person joined: a recent joiner has too little history', () => {
      const [joiner] = evaluateSilentMembers([person('joiner', [0, 0], { baseline: [0, 0, 0, 0, 0, 12, 12, 12], notMember: [0, 1, 2, 3, 4] }), steady('bob')], PARAMS);
      expect(outcome(joiner!)).toEqual({ fires: false, reason: 'no_baseline' });
      expect(joiner!.baseline.activeWeeks).toBe(3);
    });

    it('carries a person’s own history across a change of team', () => {
      // Ann moved into this team four weeks before the window; she was a member (of her old team) before.
      const [ann] = evaluateSilentMembers([person('ann', [2, 2], { baseline: [12, 12, 12, 12, 8, 8, 8, 8] }), steady('bob')], PARAMS);
      expect(ann).toMatchObject({ fires: true, reason: 'quiet', values: { baseline: 10, activeWeeks: 8 } });
    });
  });

  it('follows overridden parameters: three quiet weeks over a six-week baseline', () => {
    const params = { ...PARAMS, baselineWeeks: 6, quietWeeks: 3 };
    const six = [10, 10, 10, 10, 10, 10];
    const results = evaluateSilentMembers([person('ann', [2, 2, 2], { baseline: six }), person('bob', [2, 10, 2], { baseline: six }), person('cat', [10, 10, 10], { baseline: six })], params);
    expect(results.map(outcome)).toEqual([
      { fires: true, reason: 'quiet' },
      { fires: false, reason: 'not_quiet' },
      { fires: false, reason: 'not_quiet' },
    ]);
  });

  it('refuses a person with the wrong number of weeks', () => {
    expect(() => evaluateSilentMembers([person('ann', [1])], PARAMS)).toThrow('ann: expected 10 weeks (baselineWeeks 8 + quietWeeks 2), got 9');
    expect(() => evaluateSilentMembers([], { ...PARAMS, quietWeeks: 0 })).toThrow(RangeError);
  });

  it('gives nothing for an empty team', () => {
    expect(evaluateSilentMembers([], PARAMS)).toEqual([]);
  });
});

describe('silentMemberRecovered', () => {
  it.each<[number, number, boolean]>([
    [6, 10, true], // exactly 60%
    [5.9, 10, false],
    [12, 10, true],
    [3, 5, true], // exactly 60% of the minimum baseline
    [0, 10, false],
  ])('score %s over a baseline of %s: %s', (score, baseline, recovered) => {
    expect(silentMemberRecovered(score, baseline, PARAMS)).toBe(recovered);
  });

  it('uses the recovery ratio it is given', () => {
    expect(silentMemberRecovered(5, 10, { recoverRatio: 0.5 })).toBe(true);
    expect(silentMemberRecovered(5, 10, { recoverRatio: 0.6 })).toBe(false);
  });
});
