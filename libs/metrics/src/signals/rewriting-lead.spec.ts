import { evaluateRewritingLead, type RewritingLeadInput } from './rewriting-lead';
import { DEFAULT_SIGNAL_PARAMS } from './signal-params';

const PARAMS = DEFAULT_SIGNAL_PARAMS.rewriting_lead;
const input = (extra: Partial<RewritingLeadInput> = {}): RewritingLeadInput => ({
  teammateMergedPullRequests: 30,
  takeovers: 3,
  postMergeRewrites: 2,
  dictations: 5,
  affectedPullRequests: 9,
  ...extra,
});

describe('rewriting_lead', () => {
  it.each<[string, Partial<RewritingLeadInput>, boolean]>([
    ['9 of 30 (30%)', {}, true],
    ['exactly 8 pull requests, exactly 25% (8 of 32)', { teammateMergedPullRequests: 32, affectedPullRequests: 8 }, true],
    ['7 pull requests, though 70%', { teammateMergedPullRequests: 10, affectedPullRequests: 7 }, false],
    ['8 pull requests, but under 25% (8 of 33)', { teammateMergedPullRequests: 33, affectedPullRequests: 8 }, false],
    ['no teammate merged anything', { teammateMergedPullRequests: 0, affectedPullRequests: 0 }, false],
  ])('%s', (_what, extra, fires) => {
    expect(evaluateRewritingLead(input(extra), PARAMS).fires).toBe(fires);
  });

  it('counts distinct pull requests, not kinds: one pull request with all three kinds is one', () => {
    // Eight kinds found, but on four pull requests only.
    expect(evaluateRewritingLead(input({ teammateMergedPullRequests: 10, takeovers: 3, postMergeRewrites: 3, dictations: 2, affectedPullRequests: 4 }), PARAMS).fires).toBe(false);
  });

  it('records the values, the kinds kept apart', () => {
    expect(evaluateRewritingLead(input({ teammateMergedPullRequests: 32, affectedPullRequests: 8 }), PARAMS).values).toEqual({
      share: 0.25,
      affectedPullRequests: 8,
      teammateMergedPullRequests: 32,
      takeovers: 3,
      postMergeRewrites: 2,
      dictations: 5,
    });
    expect(evaluateRewritingLead(input({ teammateMergedPullRequests: 0, affectedPullRequests: 0 }), PARAMS).values.share).toBeNull();
  });

  it('says in plain words which conditions held', () => {
    expect(evaluateRewritingLead(input(), PARAMS).reasons).toEqual([
      "9 teammates' pull requests were taken over, rewritten after merge or dictated by this lead: 3 taken over, 2 rewritten after merge, 5 dictated (rule: at least 8)",
      "That is 30% of the 30 teammates' merged pull requests (rule: at least 25%)",
    ]);
    expect(evaluateRewritingLead(input({ teammateMergedPullRequests: 4, affectedPullRequests: 1, takeovers: 1, postMergeRewrites: 0, dictations: 0 }), PARAMS).reasons).toEqual([
      "That is 25% of the 4 teammates' merged pull requests (rule: at least 25%)",
    ]);
  });
});
