/**
 * Rewrite frequency (metric version 1): whether a lead took back work they delegated. One
 * teammate's pull request is classified against one lead, with three kinds kept apart, because
 * they call for different conversations:
 *
 * - Only a **teammate's** pull request counts: its author is a person (not a bot, not a deleted
 *   account) and not the lead. A lead's own pull request, or a bot's, is none of the three.
 * - **Takeover**: the lead authored at least one non-merge commit of the pull request while it was
 *   open (committed at or after it was opened, and at or before it merged or closed, or at any time
 *   while it is still open). It is the commit's *author* that counts, not its committer: GitHub
 *   commits an applied suggestion as the pull request's author (committer `web-flow`) with the
 *   suggester as `Co-authored-by`, and that is dictation, not a takeover. Merge commits (updating
 *   the branch from main) are not work on the change. A lead commit dated before the pull request
 *   opened came with the branch (a branch stacked on the lead's), so it is not a takeover either.
 * - **Post-merge rewrite**: of the lines the merged pull request added, the lead's changes
 *   replaced, within 21 days of the merge, at least `postMergeMinLines` lines and at least
 *   `postMergeMinShare` of them. A pull request that added no lines, that did not merge, or whose
 *   lines were not analysed, is not rewritten. An analysis not yet complete (the 21 days have not
 *   passed) can only find more replaced lines later: a rewrite it shows is final, its absence not.
 * - **Dictation**: the lead's suggestions shaped the change. Either at least one non-merge commit
 *   by someone else carries `Co-authored-by` the lead (an applied suggestion), or, over all the
 *   lead's reviews of the pull request, suggestion blocks number at least
 *   `dictationMinSuggestions` and the inline comments carrying a suggestion are more than
 *   `dictationShare` of the inline comments.
 *
 * Squash merges need nothing special: the commits are the pull request's own, before the squash.
 * Ratios are compared as divisions (replaced / added ≥ share), so a value exactly at a threshold
 * counts as reaching it.
 */
export const REWRITE_FREQUENCY_VERSION = 1;

export interface RewriteParams {
  /** Share of the pull request's added lines the lead must have replaced (0..1). */
  postMergeMinShare: number;
  /** And at least this many lines. */
  postMergeMinLines: number;
  /** Suggestion blocks, over the lead's reviews of the pull request, for review-based dictation. */
  dictationMinSuggestions: number;
  /** The share of the lead's inline comments carrying a suggestion must be more than this (0..1). */
  dictationShare: number;
}

export const DEFAULT_REWRITE_PARAMS: RewriteParams = { postMergeMinShare: 0.3, postMergeMinLines: 5, dictationMinSuggestions: 3, dictationShare: 0.5 };

export interface RewriteCommit {
  authorPersonId: string | null;
  committerPersonId: string | null;
  isMerge: boolean;
  committedAt: Date;
  coAuthorPersonIds: string[];
}

export interface RewriteReview {
  reviewerPersonId: string | null;
  submittedAt: Date;
  comments: number;
  suggestionComments: number;
  suggestionBlocks: number;
}

export interface RewritePullRequest {
  authorPersonId: string | null;
  createdAt: Date;
  mergedAt: Date | null;
  closedAt: Date | null;
  commits: RewriteCommit[];
  /** The lead's and others' submitted reviews; comments = inline comments of that review, suggestionComments = those carrying at least one ```suggestion block, suggestionBlocks = blocks in total. */
  reviews: RewriteReview[];
  /** Line-level result of the post-merge analysis (null when not analysed): lines the PR added, and lines of them replaced within 21 days after merge, by person. */
  rewrite: { linesAdded: number; replacedByPerson: Record<string, number>; complete: boolean } | null;
}

export interface RewriteClassification {
  takeover: boolean;
  postMergeRewrite: boolean;
  dictation: boolean;
  /** Non-merge commits the lead authored while the pull request was open. */
  takeoverCommits: number;
  /** Lines of the pull request the lead replaced after the merge (0 without an analysis). */
  linesReplaced: number;
  /** Non-merge commits by someone else with `Co-authored-by` the lead. */
  appliedSuggestionCommits: number;
  /** Suggestion blocks over the lead's reviews of the pull request. */
  suggestionBlocks: number;
}

const NONE: RewriteClassification = {
  takeover: false,
  postMergeRewrite: false,
  dictation: false,
  takeoverCommits: 0,
  linesReplaced: 0,
  appliedSuggestionCommits: 0,
  suggestionBlocks: 0,
};

export function classifyRewrite(pr: RewritePullRequest, leadPersonId: string, params: RewriteParams = DEFAULT_REWRITE_PARAMS): RewriteClassification {
  if (pr.authorPersonId === null || pr.authorPersonId === leadPersonId) return { ...NONE };

  const openedAt = pr.createdAt.getTime();
  const endedAt = (pr.mergedAt ?? pr.closedAt)?.getTime() ?? Number.POSITIVE_INFINITY;
  const work = pr.commits.filter((c) => !c.isMerge);
  const takeoverCommits = work.filter((c) => {
    const at = c.committedAt.getTime();
    return c.authorPersonId === leadPersonId && at >= openedAt && at <= endedAt;
  }).length;
  const appliedSuggestionCommits = work.filter((c) => c.authorPersonId !== leadPersonId && c.coAuthorPersonIds.includes(leadPersonId)).length;

  const linesReplaced = pr.rewrite?.replacedByPerson[leadPersonId] ?? 0;
  const linesAdded = pr.rewrite?.linesAdded ?? 0;
  const postMergeRewrite =
    pr.mergedAt !== null && pr.rewrite !== null && linesAdded > 0 && linesReplaced >= params.postMergeMinLines && linesReplaced / linesAdded >= params.postMergeMinShare;

  const leadReviews = pr.reviews.filter((r) => r.reviewerPersonId === leadPersonId);
  const suggestionBlocks = leadReviews.reduce((sum, r) => sum + r.suggestionBlocks, 0);
  const suggestionComments = leadReviews.reduce((sum, r) => sum + r.suggestionComments, 0);
  const comments = leadReviews.reduce((sum, r) => sum + r.comments, 0);
  const dictatedInReviews = suggestionBlocks >= params.dictationMinSuggestions && comments > 0 && suggestionComments / comments > params.dictationShare;

  return {
    takeover: takeoverCommits > 0,
    postMergeRewrite,
    dictation: appliedSuggestionCommits > 0 || dictatedInReviews,
    takeoverCommits,
    linesReplaced,
    appliedSuggestionCommits,
    suggestionBlocks,
  };
}
