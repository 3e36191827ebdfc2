import { classifyRewrite, DEFAULT_REWRITE_PARAMS, type RewriteClassification, type RewriteCommit, type RewritePullRequest, type RewriteReview } from './rewrite-frequency';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0); // Monday 09:00 UTC
const h = (hours: number) => new Date(T0 + hours * 3_600_000);
const LEAD = 'lead';
const MATE = 'mate';

const commit = (at: number, author: string | null, extra: Partial<RewriteCommit> = {}): RewriteCommit => ({
  authorPersonId: author,
  committerPersonId: author,
  isMerge: false,
  committedAt: h(at),
  coAuthorPersonIds: [],
  ...extra,
});
/** GitHub's "Commit suggestion": authored by whoever clicked (the PR author), committed by web-flow, co-authored by the suggester. */
const appliedSuggestion = (at: number, suggester = LEAD): RewriteCommit => commit(at, MATE, { committerPersonId: null, coAuthorPersonIds: [suggester] });
const review = (at: number, reviewer: string | null, counts: Partial<Omit<RewriteReview, 'reviewerPersonId' | 'submittedAt'>> = {}): RewriteReview => ({
  reviewerPersonId: reviewer,
  submittedAt: h(at),
  comments: 0,
  suggestionComments: 0,
  suggestionBlocks: 0,
  ...counts,
});
const pr = (extra: Partial<RewritePullRequest> = {}): RewritePullRequest => ({
  authorPersonId: MATE,
  createdAt: h(0),
  mergedAt: h(48),
  closedAt: h(48),
  commits: [commit(1, MATE)],
  reviews: [],
  rewrite: null,
  ...extra,
});
const kinds = (c: RewriteClassification) => ({ takeover: c.takeover, postMergeRewrite: c.postMergeRewrite, dictation: c.dictation });
const NOTHING = { takeover: false, postMergeRewrite: false, dictation: false };

describe('classifyRewrite', () => {
  it('finds nothing on a teammate’s pull request the lead only reviewed', () => {
    expect(classifyRewrite(pr({ reviews: [review(5, LEAD, { comments: 2 })] }), LEAD)).toEqual({
      ...NOTHING,
      takeoverCommits: 0,
      linesReplaced: 0,
      appliedSuggestionCommits: 0,
      suggestionBlocks: 0,
    });
  });

  describe('takeover', () => {
    it.each<[string, Partial<RewritePullRequest>, boolean, number]>([
      ['a lead commit on the open pull request', { commits: [commit(1, MATE), commit(10, LEAD), commit(11, LEAD)] }, true, 2],
      ['a lead commit on a pull request still open', { mergedAt: null, closedAt: null, commits: [commit(1, MATE), commit(300, LEAD)] }, true, 1],
      ['a lead commit on a pull request closed without merging', { mergedAt: null, closedAt: h(30), commits: [commit(10, LEAD)] }, true, 1],
      ['a lead commit at the very moment of the merge', { commits: [commit(48, LEAD)] }, true, 1],
      ['a lead commit at the very moment the pull request opened', { commits: [commit(0, LEAD)] }, true, 1],
      ['a merge commit by the lead (updating the branch from main)', { commits: [commit(1, MATE), commit(10, LEAD, { isMerge: true })] }, false, 0],
      ['a lead commit after the merge', { commits: [commit(1, MATE), commit(49, LEAD)] }, false, 0],
      ['a lead commit after a close without merge', { mergedAt: null, closedAt: h(30), commits: [commit(31, LEAD)] }, false, 0],
      ['a lead commit from before the pull request opened (a branch stacked on the lead’s)', { commits: [commit(-5, LEAD), commit(1, MATE)] }, false, 0],
      ['a commit the lead only committed (rebased), authored by the teammate', { commits: [commit(10, MATE, { committerPersonId: LEAD })] }, false, 0],
      ['an applied suggestion of the lead’s', { commits: [commit(1, MATE), appliedSuggestion(10)] }, false, 0],
      ['a bot’s commit (no person)', { commits: [commit(10, null)] }, false, 0],
    ])('%s', (_what, overrides, takeover, commits) => {
      const result = classifyRewrite(pr(overrides), LEAD);
      expect({ takeover: result.takeover, takeoverCommits: result.takeoverCommits }).toEqual({ takeover, takeoverCommits: commits });
    });

    it('classifies a squash-merged pull request by its own commits, before the squash', () => {
      // The squash commit on main is authored by the teammate and lists the lead as co-author: it is
      // not among the pull request's commits, which still show the lead's commit on the branch.
      const squashed = pr({ commits: [commit(1, MATE), commit(20, LEAD), commit(30, MATE)] });
      expect(classifyRewrite(squashed, LEAD)).toMatchObject({ takeover: true, takeoverCommits: 1, dictation: false, appliedSuggestionCommits: 0 });
    });
  });

  describe('post-merge rewrite', () => {
    const rewritten = (linesAdded: number, replaced: Record<string, number>, complete = true) => pr({ rewrite: { linesAdded, replacedByPerson: replaced, complete } });

    it.each<[string, RewritePullRequest, boolean, number]>([
      ['3 of 10 lines: 30%, but under 5 lines', rewritten(10, { lead: 3 }), false, 3],
      ['exactly 5 lines (5 of 16, 31%)', rewritten(16, { lead: 5 }), true, 5],
      ['4 lines, though 40%', rewritten(10, { lead: 4 }), false, 4],
      ['just under 30% (29 of 100)', rewritten(100, { lead: 29 }), false, 29],
      ['exactly 30% (30 of 100)', rewritten(100, { lead: 30 }), true, 30],
      ['lines replaced by someone else', rewritten(10, { other: 10 }), false, 0],
      ['a pull request that added no lines', rewritten(0, { lead: 5 }), false, 5],
      ['an analysis not complete yet, already over the thresholds', rewritten(10, { lead: 8 }, false), true, 8],
      ['no analysis', pr({ rewrite: null }), false, 0],
      ['a pull request that did not merge', pr({ mergedAt: null, closedAt: h(30), rewrite: { linesAdded: 10, replacedByPerson: { lead: 10 }, complete: true } }), false, 10],
    ])('%s', (_what, input, rewrite, lines) => {
      const result = classifyRewrite(input, LEAD);
      expect({ postMergeRewrite: result.postMergeRewrite, linesReplaced: result.linesReplaced }).toEqual({ postMergeRewrite: rewrite, linesReplaced: lines });
    });

    it('reaches both thresholds at exactly their values', () => {
      const params = { ...DEFAULT_REWRITE_PARAMS, postMergeMinLines: 6, postMergeMinShare: 0.3 };
      expect(classifyRewrite(rewritten(20, { lead: 6 }), LEAD, params).postMergeRewrite).toBe(true); // 6 lines, 30%
      expect(classifyRewrite(rewritten(20, { lead: 5 }), LEAD, params).postMergeRewrite).toBe(false);
      expect(classifyRewrite(rewritten(21, { lead: 6 }), LEAD, params).postMergeRewrite).toBe(false); // 28.6%
    });

    it('uses the thresholds it is given', () => {
      const input = rewritten(10, { lead: 2 });
      expect(classifyRewrite(input, LEAD).postMergeRewrite).toBe(false);
      expect(classifyRewrite(input, LEAD, { ...DEFAULT_REWRITE_PARAMS, postMergeMinLines: 2, postMergeMinShare: 0.2 }).postMergeRewrite).toBe(true);
    });
  });

  describe('dictation', () => {
    it.each<[string, Partial<RewritePullRequest>, boolean]>([
      ['an applied suggestion (Co-authored-by the lead)', { commits: [commit(1, MATE), appliedSuggestion(10)] }, true],
      ['an applied suggestion of someone else’s', { commits: [appliedSuggestion(10, 'peer')] }, false],
      ['a merge commit listing the lead as co-author', { commits: [commit(10, MATE, { isMerge: true, coAuthorPersonIds: [LEAD] })] }, false],
      ['3 blocks in 2 of 3 comments (67% > 50%)', { reviews: [review(5, LEAD, { comments: 3, suggestionComments: 2, suggestionBlocks: 3 })] }, true],
      ['2 blocks only, all comments suggestions', { reviews: [review(5, LEAD, { comments: 2, suggestionComments: 2, suggestionBlocks: 2 })] }, false],
      ['3 blocks in exactly half the comments (not most)', { reviews: [review(5, LEAD, { comments: 4, suggestionComments: 2, suggestionBlocks: 3 })] }, false],
      ['3 blocks in 3 of 5 comments (60%)', { reviews: [review(5, LEAD, { comments: 5, suggestionComments: 3, suggestionBlocks: 3 })] }, true],
      [
        'summed over several reviews of the lead',
        { reviews: [review(5, LEAD, { comments: 1, suggestionComments: 1, suggestionBlocks: 1 }), review(9, LEAD, { comments: 2, suggestionComments: 1, suggestionBlocks: 2 })] },
        true,
      ],
      ['suggestions by another reviewer', { reviews: [review(5, 'peer', { comments: 3, suggestionComments: 3, suggestionBlocks: 5 })] }, false],
      ['suggestions by a bot (no person)', { reviews: [review(5, null, { comments: 3, suggestionComments: 3, suggestionBlocks: 5 })] }, false],
      ['reviews with no inline comments', { reviews: [review(5, LEAD)] }, false],
    ])('%s', (_what, overrides, dictation) => {
      expect(classifyRewrite(pr(overrides), LEAD).dictation).toBe(dictation);
    });

    it('counts applied suggestions and the lead’s blocks', () => {
      const result = classifyRewrite(
        pr({
          commits: [commit(1, MATE), appliedSuggestion(10), appliedSuggestion(11), commit(12, MATE, { coAuthorPersonIds: ['peer'] })],
          reviews: [review(5, LEAD, { comments: 4, suggestionComments: 1, suggestionBlocks: 2 }), review(6, 'peer', { comments: 1, suggestionComments: 1, suggestionBlocks: 1 })],
        }),
        LEAD,
      );
      expect(result).toMatchObject({ dictation: true, takeover: false, appliedSuggestionCommits: 2, suggestionBlocks: 2 });
    });
  });

  it('keeps the three kinds apart on one pull request', () => {
    const result = classifyRewrite(
      pr({ commits: [commit(1, MATE), commit(10, LEAD), appliedSuggestion(12)], rewrite: { linesAdded: 40, replacedByPerson: { lead: 20 }, complete: true } }),
      LEAD,
    );
    expect(kinds(result)).toEqual({ takeover: true, postMergeRewrite: true, dictation: true });
  });

  it.each<[string, Partial<RewritePullRequest>]>([
    ['the lead’s own pull request', { authorPersonId: LEAD }],
    ['a bot’s pull request (no person)', { authorPersonId: null }],
  ])('finds nothing on %s, whatever happened on it', (_what, overrides) => {
    const busy = pr({
      ...overrides,
      commits: [commit(10, LEAD), appliedSuggestion(11)],
      reviews: [review(5, LEAD, { comments: 3, suggestionComments: 3, suggestionBlocks: 3 })],
      rewrite: { linesAdded: 10, replacedByPerson: { lead: 10 }, complete: true },
    });
    expect(classifyRewrite(busy, LEAD)).toEqual({ ...NOTHING, takeoverCommits: 0, linesReplaced: 0, appliedSuggestionCommits: 0, suggestionBlocks: 0 });
  });

  it('judges each lead on their own: another lead’s commits do not count for this one', () => {
    const input = pr({ commits: [commit(10, 'other-lead')], rewrite: { linesAdded: 10, replacedByPerson: { 'other-lead': 10 }, complete: true } });
    expect(kinds(classifyRewrite(input, LEAD))).toEqual(NOTHING);
    expect(kinds(classifyRewrite(input, 'other-lead'))).toEqual({ takeover: true, postMergeRewrite: true, dictation: false });
  });
});
