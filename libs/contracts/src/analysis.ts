/** Analyses, weekly reports, signals: the API's shapes, shared with the dashboard. */

export const ANALYSIS_RUN_STATES = ['queued', 'running', 'completed', 'failed'] as const;
export type AnalysisRunState = (typeof ANALYSIS_RUN_STATES)[number];
export const ANALYSIS_TRIGGERS = ['api', 'cli', 'sync', 'schedule'] as const;
export type AnalysisTrigger = (typeof ANALYSIS_TRIGGERS)[number];

export interface CreateAnalysisRequest {
  /** Trailing ISO weeks to (re)analyse, ending with the current week; absent: every week with data. */
  weeks?: number;
}

export interface AnalysisRunDto {
  id: string;
  state: AnalysisRunState;
  /** 0..100 */
  progress: number;
  trigger: AnalysisTrigger;
  weeks: number | null;
  fromWeek: string | null;
  toWeek: string | null;
  counts: Record<string, number>;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Unfinished with no sign of progress for longer than STALE_RUN_MINUTES. */
  stale: boolean;
}

export const SIGNAL_TYPE_NAMES = ['bottleneck_lead', 'rewriting_lead', 'silent_member'] as const;
export type SignalTypeName = (typeof SIGNAL_TYPE_NAMES)[number];

/** One item behind a signal: a pull request (with its link and hours) or a week (with counts). */
export type SignalEvidenceDto =
  | {
      kind: 'pull_request';
      repository: string;
      number: number;
      url: string;
      authorId: string | null;
      /** Hours it waited on the person (bottleneck_lead). */
      hoursWaited?: number;
      /** Hours from the request's clock start to the person's review, when answered. */
      responseHours?: number | null;
      /** Still waiting on the person at the week's end. */
      openAtWeekEnd?: boolean;
      /** rewriting_lead: which kinds apply. */
      kinds?: ('takeover' | 'post_merge_rewrite' | 'dictation')[];
      mergedAt?: string | null;
    }
  | {
      kind: 'week';
      week: string;
      /** The participation score and what it is made of. */
      participation: number;
      role: 'baseline' | 'window';
      counted: boolean;
      onLeave: boolean;
      counts: Record<string, number>;
    };

export interface SignalDto {
  id: string;
  type: SignalTypeName;
  personId: string;
  teamId: string;
  /** The week asked for (or the last active week). */
  week: string;
  openedWeek: string;
  lastActiveWeek: string;
  closedWeek: string | null;
  status: 'open' | 'closed';
  /** How far past its thresholds the rule is (1 = at the threshold); for ordering, never a rating of the person. */
  score: number;
  explanation: string;
  rule: { name: SignalTypeName; version: number; thresholds: Record<string, unknown>; values: Record<string, unknown> };
  evidence: SignalEvidenceDto[];
}

export interface MetricValueDto {
  value: number | null;
  /** Median of the same metric over the trailing weeks before this one (null without data). */
  trailingMedian: number | null;
  /** value − trailingMedian */
  change: number | null;
}

/** `completed`: the week is over and its data whole; `in_progress`: counts so far, no signal judged on it. */
export type WeekStatusName = 'completed' | 'in_progress';

/** What a report's data is as of, and which weeks are over (in the organisation's time zone). */
export interface ReportTimeDto {
  /** The instant the data stands at: the as-of of the completed sync it rests on; null before any sync. */
  asOf: string | null;
  /** The week the product clock is in. */
  currentWeek: string;
  /** The latest week that is over and whose data is whole: signals are judged up to it. */
  lastCompletedWeek: string;
}

export interface TeamWeekMetricsDto {
  week: string;
  /** The week is in progress: counts so far. */
  partial: boolean;
  pullRequestsOpened: number;
  pullRequestsReviewable: number;
  pullRequestsMerged: number;
  ttfrMedianHours: number | null;
  ttfrP90Hours: number | null;
  waitingAtEnd: number;
  reviews: number;
  reviewTopShare: number | null;
  reviewGini: number | null;
  teammateMerged: number;
  rewritten: number;
  rewriteRate: number | null;
  takeovers: number;
  postMergeRewrites: number;
  dictations: number;
  participationMedian: number | null;
}

export interface TeamWeekReportDto extends ReportTimeDto {
  team: { id: string; name: string; leads: string[]; members: string[] };
  week: string;
  weekStatus: WeekStatusName;
  timezone: string;
  weekStart: string;
  weekEnd: string;
  /** Metric definition versions the figures follow. */
  definitions: Record<string, number>;
  headline: Record<'ttfrMedianHours' | 'ttfrP90Hours' | 'reviewTopShare' | 'reviewGini' | 'rewriteRate' | 'participationMedian', MetricValueDto>;
  metrics: TeamWeekMetricsDto;
  /** The 12 weeks ending with this one, oldest first. */
  trend: TeamWeekMetricsDto[];
  people: {
    personId: string;
    name: string;
    role: 'lead' | 'member';
    participation: number;
    reviews: number;
    reviewComments: number;
    reviewRequests: number;
    reviewedPullRequests: number;
    reviewShare: number | null;
    medianResponseHours: number | null;
    openRequests: number;
    hoursWaiting: number;
    onLeave: boolean;
  }[];
  signals: SignalDto[];
}

export interface PersonWeekDto {
  week: string;
  /** The week is in progress: counts so far. */
  partial: boolean;
  messages: number;
  threadReplies: number;
  threadsStarted: number;
  repliesToOthers: number;
  reviews: number;
  reviewComments: number;
  participation: number;
  /** Median of the counted baseline weeks before this one (silent_member's baseline), null when not established. */
  baseline: number | null;
  reviewRequests: number;
  responses: number;
  medianResponseHours: number | null;
  openRequests: number;
  hoursWaiting: number;
  reviewsReceived: number;
  onLeave: boolean;
}

export interface PersonTimelineDto extends ReportTimeDto {
  person: { id: string; name: string; teams: { teamId: string; role: 'lead' | 'member' }[] };
  timezone: string;
  definitions: Record<string, number>;
  weeks: PersonWeekDto[];
  leave: { from: string; to: string }[];
  signals: SignalDto[];
}

export interface ReviewNetworkDto extends ReportTimeDto {
  teamId: string;
  fromWeek: string;
  toWeek: string;
  people: { personId: string; name: string; inTeam: boolean }[];
  /** Reviewer → author: reviews given, requests, median response and hours authors waited on the reviewer. */
  edges: { reviewerId: string; authorId: string; reviews: number; requests: number; medianResponseHours: number | null; hoursWaiting: number }[];
}

export interface DelegationDto extends ReportTimeDto {
  lead: { id: string; name: string };
  fromWeek: string;
  toWeek: string;
  definitions: Record<string, number>;
  teams: {
    teamId: string;
    /** The lead's share of the team's reviewed pull requests over the weeks. */
    reviewShare: number | null;
    teammates: {
      personId: string;
      name: string;
      mergedPullRequests: number;
      takeovers: number;
      postMergeRewrites: number;
      dictations: number;
      reviewedByLead: number;
      rate: number | null;
    }[];
    /** Per quarter (YYYY-Qn by the week's Thursday), oldest first. */
    trend: { quarter: string; mergedPullRequests: number; rewritten: number; takeovers: number; postMergeRewrites: number; dictations: number; reviewShare: number | null }[];
  }[];
}
