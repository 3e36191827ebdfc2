import { percent, plural } from './format';
import type { RewritingLeadParams, RuleResult } from './signal-params';

/**
 * `rewriting_lead` (rule version 1): a lead who takes delegated work back. Over the trailing
 * `windowWeeks` weeks (4), of the teammates' pull requests merged in the window, at least
 * `minPullRequests` (8), and at least `minShare` (25%) of them, were taken over, rewritten after
 * merge, or dictated by this lead (`classifyRewrite`, rewrite frequency version 1). A pull request
 * with several kinds counts once; the kinds are kept apart in the values because they call for
 * different conversations. Values exactly at a threshold reach it.
 */

export interface RewritingLeadInput {
  /** Teammates' pull requests merged in the window (not the lead's own, not bots'). */
  teammateMergedPullRequests: number;
  takeovers: number;
  postMergeRewrites: number;
  dictations: number;
  /** Distinct pull requests with at least one kind. */
  affectedPullRequests: number;
}

export interface RewritingLeadValues {
  share: number | null;
  affectedPullRequests: number;
  teammateMergedPullRequests: number;
  takeovers: number;
  postMergeRewrites: number;
  dictations: number;
}

export function evaluateRewritingLead(input: RewritingLeadInput, params: RewritingLeadParams): RuleResult<RewritingLeadValues> {
  const merged = input.teammateMergedPullRequests;
  const share = merged > 0 ? input.affectedPullRequests / merged : null;
  const enough = input.affectedPullRequests >= params.minPullRequests;
  const large = share !== null && share >= params.minShare;

  const reasons: string[] = [];
  const kinds = `${input.takeovers} taken over, ${input.postMergeRewrites} rewritten after merge, ${input.dictations} dictated`;
  if (enough) {
    reasons.push(`${plural(input.affectedPullRequests, "teammate's pull request was", "teammates' pull requests were")} taken over, rewritten after merge or dictated by this lead: ${kinds} (rule: at least ${params.minPullRequests})`);
  }
  if (large) {
    reasons.push(`That is ${percent(share)} of the ${plural(merged, "teammate's merged pull request", "teammates' merged pull requests")} (rule: at least ${percent(params.minShare)})`);
  }

  return {
    fires: enough && large,
    values: {
      share,
      affectedPullRequests: input.affectedPullRequests,
      teammateMergedPullRequests: merged,
      takeovers: input.takeovers,
      postMergeRewrites: input.postMergeRewrites,
      dictations: input.dictations,
    },
    reasons,
  };
}
