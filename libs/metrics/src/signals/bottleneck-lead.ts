import { hours, percent, plural, times } from './format';
import type { BottleneckLeadParams, RuleResult } from './signal-params';

/**
 * `bottleneck_lead` (rule version 1): everything waits on one reviewer, who has become the team's
 * lookup table. Over the trailing `windowWeeks` weeks (4), for one person of a team:
 *
 * - at least `minShare` (half) of the team's pull requests, and at least `minPullRequests` (8),
 *   waited on this person's review (a review request for them, by reviewer response time);
 * - and either their median reviewer response time is at least `responseRatio` (1.5) times the
 *   median of the rest of the team's reviewers, or at least `minOpenRequests` (5) review requests
 *   were open on them at the end of the evaluated week.
 *
 * The response ratio is null when either median is missing (nobody else reviewed, or this person
 * answered nothing yet), and also when the rest of the team's median is 0 h: a ratio to zero is no
 * comparison, and an infinite one would not survive being recorded as JSON. Then only the queue
 * can make the rule fire. Values exactly at a threshold reach it.
 */

export interface BottleneckLeadInput {
  /** The team's pull requests in the window (reviewable, by anyone). */
  teamPullRequests: number;
  /** Of them, the ones that waited on this person's review. */
  waitedPullRequests: number;
  medianResponseHours: number | null;
  /** The median response time of the team's other reviewers over the same window. */
  restMedianResponseHours: number | null;
  openRequestsAtWeekEnd: number;
}

export interface BottleneckLeadValues {
  share: number | null;
  waitedPullRequests: number;
  teamPullRequests: number;
  medianResponseHours: number | null;
  restMedianResponseHours: number | null;
  responseRatio: number | null;
  openRequestsAtWeekEnd: number;
}

export function evaluateBottleneckLead(input: BottleneckLeadInput, params: BottleneckLeadParams): RuleResult<BottleneckLeadValues> {
  const share = input.teamPullRequests > 0 ? input.waitedPullRequests / input.teamPullRequests : null;
  const own = input.medianResponseHours;
  const rest = input.restMedianResponseHours;
  const responseRatio = own !== null && rest !== null && rest > 0 ? own / rest : null;

  const reasons: string[] = [];
  const manyWaited = share !== null && input.waitedPullRequests >= params.minPullRequests && share >= params.minShare;
  if (manyWaited) {
    reasons.push(
      `${input.waitedPullRequests} of the team's ${plural(input.teamPullRequests, 'pull request', 'pull requests')} (${percent(share)}) waited on this person's review (rule: at least ${percent(params.minShare)} and at least ${params.minPullRequests})`,
    );
  }
  const slow = responseRatio !== null && responseRatio >= params.responseRatio;
  if (slow) {
    reasons.push(`Median response ${hours(own!)} vs ${hours(rest!)} for the rest of the team's reviewers: ${times(responseRatio)} (rule: at least ${times(params.responseRatio)})`);
  }
  const queued = input.openRequestsAtWeekEnd >= params.minOpenRequests;
  if (queued) {
    reasons.push(`${plural(input.openRequestsAtWeekEnd, 'review request was', 'review requests were')} open on this person at the week's end (rule: at least ${params.minOpenRequests})`);
  }

  return {
    fires: manyWaited && (slow || queued),
    values: {
      share,
      waitedPullRequests: input.waitedPullRequests,
      teamPullRequests: input.teamPullRequests,
      medianResponseHours: own,
      restMedianResponseHours: rest,
      responseRatio,
      openRequestsAtWeekEnd: input.openRequestsAtWeekEnd,
    },
    reasons,
  };
}
