import type { Clock } from '@undercurrent/clock';
import type {
  DelegationDto,
  MetricValueDto,
  PersonTimelineDto,
  PersonWeekDto,
  ReportTimeDto,
  ReviewNetworkDto,
  TeamWeekMetricsDto,
  TeamWeekReportDto,
} from '@undercurrent/contracts';
import {
  addWeeks,
  dataAsOf,
  DEFAULT_SIGNAL_PARAMS,
  isCompletedWeek,
  lastCompletedWeek,
  isoWeekBounds,
  isoWeekOf,
  median,
  participationBaseline,
  PARTICIPATION_VERSION,
  REVIEW_LOAD_VERSION,
  REVIEWER_RESPONSE_VERSION,
  resolveSignalParams,
  REWRITE_FREQUENCY_VERSION,
  TIME_TO_FIRST_REVIEW_VERSION,
  weekStatus,
} from '@undercurrent/metrics';
import type { DataSource } from 'typeorm';
import { latestSyncAsOf } from './data-as-of';
import { SignalsRepository } from './signals.repository';
import { cte, GITHUB_PEOPLE, MEMBERSHIP_SPANS, ORG_BOTS, TEAM_PULL_REQUESTS } from './sql-fragments';

/** A missing team or person (HTTP 404). */
export class ReportNotFoundError extends Error {}

/** A week a report cannot be asked for (HTTP 400): one that has not started yet. */
export class ReportWeekError extends Error {}

/** A report's time: what its data is as of and which weeks are over, with the instants behind it. */
export interface ReportTime extends ReportTimeDto {
  timezone: string;
  /** The instant completed weeks are judged by (`asOf`, or now before any sync). */
  judgedAt: Date;
  now: Date;
}

export const DEFINITION_VERSIONS = {
  timeToFirstReview: TIME_TO_FIRST_REVIEW_VERSION,
  reviewerResponse: REVIEWER_RESPONSE_VERSION,
  reviewLoad: REVIEW_LOAD_VERSION,
  rewriteFrequency: REWRITE_FREQUENCY_VERSION,
  participation: PARTICIPATION_VERSION,
};

const TREND_WEEKS = 12;

type TeamWeekRow = Omit<TeamWeekMetricsDto, 'rewriteRate'>;

function withRate(row: TeamWeekRow): TeamWeekMetricsDto {
  return { ...row, rewriteRate: row.teammateMerged > 0 ? row.rewritten / row.teammateMerged : null };
}

function emptyWeek(week: string, partial: boolean): TeamWeekMetricsDto {
  return {
    week, partial, pullRequestsOpened: 0, pullRequestsReviewable: 0, pullRequestsMerged: 0, ttfrMedianHours: null, ttfrP90Hours: null, waitingAtEnd: 0,
    reviews: 0, reviewTopShare: null, reviewGini: null, teammateMerged: 0, rewritten: 0, rewriteRate: null, takeovers: 0, postMergeRewrites: 0,
    dictations: 0, participationMedian: null,
  };
}

/** Read side of the analysis for the API: reports from the rollups, small and indexed queries. */
export class ReportsRepository {
  private readonly signals: SignalsRepository;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    this.signals = new SignalsRepository(dataSource);
  }

  async timezone(): Promise<string> {
    const [row] = (await this.dataSource.query(`SELECT timezone FROM organisation WHERE id = 1`)) as { timezone: string }[];
    return row?.timezone ?? 'UTC';
  }

  /** What the data is as of, the week the clock is in and the last completed week. */
  async time(): Promise<ReportTime> {
    const now = this.clock.now();
    const [timezone, synced] = await Promise.all([this.timezone(), latestSyncAsOf(this.dataSource)]);
    const judgedAt = dataAsOf(synced, now);
    return {
      timezone,
      now,
      judgedAt,
      asOf: synced ? judgedAt.toISOString() : null,
      currentWeek: isoWeekOf(now, timezone),
      lastCompletedWeek: lastCompletedWeek(judgedAt, timezone),
    };
  }

  /**
   * What every report rests on, as one string: the latest completed analysis, the latest completed
   * sync (the data's as-of), the organisation file's load, and the week the clock is in (which
   * decides the default week and which weeks are refused). Reports are equal while it is.
   */
  async dataVersion(): Promise<string> {
    const [row] = (await this.dataSource.query(
      `SELECT (SELECT max(finished_at) FROM analysis_runs WHERE state = 'completed') AS analysed,
         (SELECT max(as_of) FROM sync_runs WHERE state = 'completed') AS synced,
         (SELECT loaded_at FROM organisation WHERE id = 1) AS loaded,
         (SELECT timezone FROM organisation WHERE id = 1) AS timezone`,
    )) as { analysed: Date | null; synced: Date | null; loaded: Date | null; timezone: string | null }[];
    const at = (d: Date | null | undefined) => d?.toISOString() ?? '-';
    return [at(row?.analysed), at(row?.synced), at(row?.loaded), isoWeekOf(this.clock.now(), row?.timezone ?? 'UTC')].join('|');
  }

  /**
   * The week a report shows: the one asked for, or the last completed week. A week that has not
   * started yet is refused.
   */
  async resolveWeek(week: string | undefined): Promise<{ week: string; time: ReportTime }> {
    const time = await this.time();
    if (week === undefined) return { week: time.lastCompletedWeek, time };
    if (weekStatus(week, time.judgedAt, time.now, time.timezone) === 'future') {
      throw new ReportWeekError(`week: ${week} has not started yet (the current week is ${time.currentWeek})`);
    }
    return { week, time };
  }

  private async team(teamId: string): Promise<{ id: string; name: string; leads: string[]; members: string[] }> {
    const [team] = (await this.dataSource.query(
      `SELECT t.id, t.name,
         COALESCE(array_agg(m.person_id ORDER BY m.person_id) FILTER (WHERE m.role = 'lead'), '{}') AS leads,
         COALESCE(array_agg(m.person_id ORDER BY m.person_id) FILTER (WHERE m.role = 'member'), '{}') AS members
       FROM teams t LEFT JOIN memberships m ON m.team_id = t.id AND m.ended_at IS NULL
       WHERE t.id = $1 AND t.archived_at IS NULL GROUP BY t.id`,
      [teamId],
    )) as { id: string; name: string; leads: string[]; members: string[] }[];
    if (!team) throw new ReportNotFoundError(`team "${teamId}" not found`);
    return team;
  }

  async teamReport(teamId: string, asked: string | undefined): Promise<TeamWeekReportDto> {
    const team = await this.team(teamId);
    const { week, time } = await this.resolveWeek(asked);
    const { timezone } = time;
    const partial = (w: string): boolean => !isCompletedWeek(w, time.judgedAt, timezone);
    const first = addWeeks(week, -(TREND_WEEKS - 1));
    const rows = (await this.dataSource.query(
      `SELECT week, pull_requests_opened AS "pullRequestsOpened", pull_requests_reviewable AS "pullRequestsReviewable",
         pull_requests_merged AS "pullRequestsMerged", ttfr_median_hours AS "ttfrMedianHours", ttfr_p90_hours AS "ttfrP90Hours",
         waiting_at_end AS "waitingAtEnd", reviews, review_top_share AS "reviewTopShare", review_gini AS "reviewGini",
         teammate_merged AS "teammateMerged", rewritten, takeovers, post_merge_rewrites AS "postMergeRewrites", dictations,
         participation_median AS "participationMedian"
       FROM team_weeks WHERE team_id = $1 AND week >= $2 AND week <= $3 ORDER BY week`,
      [teamId, first, week],
    )) as TeamWeekRow[];
    const byWeek = new Map(rows.map((r) => [r.week, { ...withRate(r), partial: partial(r.week) }]));
    const trend: TeamWeekMetricsDto[] = [];
    for (let w = first; w <= week; w = addWeeks(w, 1)) trend.push(byWeek.get(w) ?? emptyWeek(w, partial(w)));
    const metrics = trend[trend.length - 1]!;
    // The headline compares with completed weeks only: a partial week is no baseline.
    const earlier = trend.slice(0, -1).filter((t) => !t.partial);
    const headline = Object.fromEntries(
      (['ttfrMedianHours', 'ttfrP90Hours', 'reviewTopShare', 'reviewGini', 'rewriteRate', 'participationMedian'] as const).map((key) => {
        const value = metrics[key];
        const trailingMedian = median(earlier.map((t) => t[key]).filter((v): v is number => v !== null));
        const entry: MetricValueDto = { value, trailingMedian, change: value !== null && trailingMedian !== null ? value - trailingMedian : null };
        return [key, entry];
      }),
    ) as TeamWeekReportDto['headline'];
    const people = (await this.dataSource.query(
      `SELECT m.person_id AS "personId", p.name, m.role, m.participation, COALESCE(pw.reviews, 0) AS reviews, COALESCE(pw.review_comments, 0) AS "reviewComments",
         COALESCE(pw.review_requests, 0) AS "reviewRequests", m.reviewed_pull_requests AS "reviewedPullRequests",
         CASE WHEN sum(m.reviewed_pull_requests) OVER () > 0 THEN m.reviewed_pull_requests::float8 / sum(m.reviewed_pull_requests) OVER () END AS "reviewShare",
         pw.median_response_hours AS "medianResponseHours", COALESCE(pw.open_requests, 0) AS "openRequests", COALESCE(pw.hours_waiting, 0) AS "hoursWaiting",
         COALESCE(pw.on_leave, false) AS "onLeave"
       FROM team_member_weeks m JOIN people p ON p.id = m.person_id
       LEFT JOIN person_weeks pw ON pw.person_id = m.person_id AND pw.week = m.week
       WHERE m.team_id = $1 AND m.week = $2
       ORDER BY m.role, p.name`,
      [teamId, week],
    )) as TeamWeekReportDto['people'];
    const bounds = isoWeekBounds(week, timezone);
    return {
      team,
      week,
      weekStatus: partial(week) ? 'in_progress' : 'completed',
      asOf: time.asOf,
      currentWeek: time.currentWeek,
      lastCompletedWeek: time.lastCompletedWeek,
      timezone,
      weekStart: bounds.start.toISOString(),
      weekEnd: bounds.end.toISOString(),
      definitions: DEFINITION_VERSIONS,
      headline,
      metrics,
      trend,
      people,
      signals: await this.signals.list({ week, teamId }),
    };
  }

  async personTimeline(personId: string, weeks: number, asked: string | undefined): Promise<PersonTimelineDto> {
    const [person] = (await this.dataSource.query(`SELECT id, name FROM people WHERE id = $1 AND archived_at IS NULL`, [personId])) as { id: string; name: string }[];
    if (!person) throw new ReportNotFoundError(`person "${personId}" not found`);
    const { week: toWeek, time } = await this.resolveWeek(asked);
    const [org] = (await this.dataSource.query(`SELECT signals FROM organisation WHERE id = 1`)) as { signals: unknown }[];
    const { timezone } = time;
    const params = org ? resolveSignalParams(org.signals) : DEFAULT_SIGNAL_PARAMS;
    const silent = params.silent_member;
    const from = addWeeks(toWeek, -(weeks - 1));
    const historyFrom = addWeeks(from, -(silent.baselineWeeks + silent.quietWeeks));
    const rows = (await this.dataSource.query(
      `SELECT pw.week, pw.messages, pw.thread_replies AS "threadReplies", pw.threads_started AS "threadsStarted", pw.replies_to_others AS "repliesToOthers",
         pw.reviews, pw.review_comments AS "reviewComments", pw.participation, pw.review_requests AS "reviewRequests", pw.responses,
         pw.median_response_hours AS "medianResponseHours", pw.open_requests AS "openRequests", pw.hours_waiting AS "hoursWaiting",
         pw.on_leave AS "onLeave", pw.member,
         (SELECT count(*)::int FROM github_reviews r JOIN pull_request_facts f ON f.pull_request_id = r.pull_request_id AND f.author_person_id = pw.person_id
            JOIN github_users u ON u.id = r.author_id AND NOT u.is_bot
            LEFT JOIN identities i ON i.kind = 'github' AND i.value = u.login
          WHERE r.state <> 'PENDING' AND r.submitted_at >= $4::timestamptz AND r.submitted_at < $5::timestamptz
            AND to_char(r.submitted_at AT TIME ZONE $6, 'IYYY-"W"IW') = pw.week AND i.person_id IS DISTINCT FROM pw.person_id) AS "reviewsReceived"
       FROM person_weeks pw WHERE pw.person_id = $1 AND pw.week >= $2 AND pw.week <= $3 ORDER BY pw.week`,
      [personId, historyFrom, toWeek, isoWeekBounds(historyFrom, timezone).start, isoWeekBounds(toWeek, timezone).end, timezone],
    )) as (Omit<PersonWeekDto, 'baseline'> & { member: boolean })[];
    const byWeek = new Map(rows.map((r) => [r.week, r]));
    const out: PersonWeekDto[] = [];
    for (let w = from; w <= toWeek; w = addWeeks(w, 1)) {
      // The band: the baseline silent_member would compare this week with (the weeks before its window).
      const baselineWeeks: string[] = [];
      for (let i = silent.baselineWeeks + silent.quietWeeks - 1; i >= silent.quietWeeks; i--) baselineWeeks.push(addWeeks(w, -i));
      const baseline = participationBaseline(
        baselineWeeks.map((bw) => ({ week: bw, score: byWeek.get(bw)?.participation ?? 0, onLeave: byWeek.get(bw)?.onLeave ?? false, member: byWeek.get(bw)?.member ?? false })),
        silent,
      ).value;
      const r = byWeek.get(w);
      out.push({
        week: w,
        partial: !isCompletedWeek(w, time.judgedAt, timezone),
        messages: r?.messages ?? 0,
        threadReplies: r?.threadReplies ?? 0,
        threadsStarted: r?.threadsStarted ?? 0,
        repliesToOthers: r?.repliesToOthers ?? 0,
        reviews: r?.reviews ?? 0,
        reviewComments: r?.reviewComments ?? 0,
        participation: r?.participation ?? 0,
        baseline,
        reviewRequests: r?.reviewRequests ?? 0,
        responses: r?.responses ?? 0,
        medianResponseHours: r?.medianResponseHours ?? null,
        openRequests: r?.openRequests ?? 0,
        hoursWaiting: r?.hoursWaiting ?? 0,
        reviewsReceived: r?.reviewsReceived ?? 0,
        onLeave: r?.onLeave ?? false,
      });
    }
    const teams = (await this.dataSource.query(`SELECT team_id AS "teamId", role FROM memberships WHERE person_id = $1 AND ended_at IS NULL ORDER BY team_id, role`, [personId])) as PersonTimelineDto['person']['teams'];
    const leave = (await this.dataSource.query(
      `SELECT to_char(starts_on, 'YYYY-MM-DD') AS "from", to_char(ends_on, 'YYYY-MM-DD') AS "to" FROM leave_periods WHERE person_id = $1 ORDER BY starts_on`,
      [personId],
    )) as { from: string; to: string }[];
    return {
      person: { ...person, teams },
      timezone,
      asOf: time.asOf,
      currentWeek: time.currentWeek,
      lastCompletedWeek: time.lastCompletedWeek,
      definitions: DEFINITION_VERSIONS,
      weeks: out,
      leave,
      signals: await this.signals.list({ personId }),
    };
  }

  async reviewNetwork(teamId: string, weeks: number, asked: string | undefined): Promise<ReviewNetworkDto> {
    await this.team(teamId);
    const { week: toWeek, time } = await this.resolveWeek(asked);
    const { timezone } = time;
    const fromWeek = addWeeks(toWeek, -(weeks - 1));
    const start = isoWeekBounds(fromWeek, timezone).start;
    const end = isoWeekBounds(toWeek, timezone).end;
    const edges = (await this.dataSource.query(
      `WITH ${cte(ORG_BOTS, GITHUB_PEOPLE, MEMBERSHIP_SPANS, TEAM_PULL_REQUESTS)},
       prs AS (SELECT f.* FROM team_pull_requests tp JOIN pull_request_facts f ON f.pull_request_id = tp.pull_request_id AND tp.team_id = $1 AND f.author_person_id IS NOT NULL),
       given AS (
         SELECT rv.person_id AS reviewer, prs.author_person_id AS author, count(*) AS reviews
         FROM github_reviews r JOIN prs ON prs.pull_request_id = r.pull_request_id
         JOIN github_people rv ON rv.user_id = r.author_id AND NOT rv.bot AND rv.person_id IS NOT NULL AND rv.person_id <> prs.author_person_id
         WHERE r.state <> 'PENDING' AND r.submitted_at >= $2 AND r.submitted_at < $3
         GROUP BY 1, 2
       ), asked AS (
         SELECT w.reviewer_person_id AS reviewer, prs.author_person_id AS author, count(*) AS requests,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM w.ended_at - w.clock_start) / 3600) FILTER (WHERE w.end_kind = 'review' AND w.clock_start IS NOT NULL) AS median_hours,
           COALESCE(sum(extract(epoch FROM LEAST(COALESCE(w.ended_at, $3), $3) - GREATEST(w.clock_start, $2)) / 3600)
             FILTER (WHERE w.clock_start IS NOT NULL AND LEAST(COALESCE(w.ended_at, $3), $3) > GREATEST(w.clock_start, $2)), 0) AS hours
         FROM review_waits w JOIN prs ON prs.pull_request_id = w.pull_request_id
         WHERE w.reviewer_person_id IS NOT NULL AND w.requested_at < $3 AND (w.ended_at IS NULL OR w.ended_at >= $2)
         GROUP BY 1, 2
       )
       SELECT COALESCE(g.reviewer, a.reviewer) AS "reviewerId", COALESCE(g.author, a.author) AS "authorId", COALESCE(g.reviews, 0)::int AS reviews,
         COALESCE(a.requests, 0)::int AS requests, a.median_hours AS "medianResponseHours", COALESCE(a.hours, 0)::float8 AS "hoursWaiting"
       FROM given g FULL JOIN asked a ON a.reviewer = g.reviewer AND a.author = g.author
       ORDER BY 1, 2`,
      [teamId, start, end],
    )) as ReviewNetworkDto['edges'];
    const ids = [...new Set(edges.flatMap((e) => [e.reviewerId, e.authorId]))];
    const people = (await this.dataSource.query(
      `SELECT p.id AS "personId", p.name, EXISTS (SELECT 1 FROM memberships m WHERE m.team_id = $1 AND m.person_id = p.id AND m.ended_at IS NULL) AS "inTeam"
       FROM people p WHERE p.id = ANY($2::text[]) OR EXISTS (SELECT 1 FROM memberships m WHERE m.team_id = $1 AND m.person_id = p.id AND m.ended_at IS NULL)
       ORDER BY p.name`,
      [teamId, ids],
    )) as ReviewNetworkDto['people'];
    return { teamId, fromWeek, toWeek, asOf: time.asOf, currentWeek: time.currentWeek, lastCompletedWeek: time.lastCompletedWeek, people, edges: edges.map((e) => ({ ...e, hoursWaiting: Math.round(e.hoursWaiting * 100) / 100 })) };
  }

  async delegation(leadId: string, weeks: number, asked: string | undefined): Promise<DelegationDto> {
    const [lead] = (await this.dataSource.query(`SELECT id, name FROM people WHERE id = $1 AND archived_at IS NULL`, [leadId])) as { id: string; name: string }[];
    if (!lead) throw new ReportNotFoundError(`person "${leadId}" not found`);
    const teamIds = ((await this.dataSource.query(`SELECT DISTINCT team_id FROM memberships WHERE person_id = $1 AND role = 'lead' ORDER BY team_id`, [leadId])) as { team_id: string }[]).map((r) => r.team_id);
    if (teamIds.length === 0) throw new ReportNotFoundError(`person "${leadId}" leads no team`);
    const { week: toWeek, time } = await this.resolveWeek(asked);
    const { timezone } = time;
    const fromWeek = addWeeks(toWeek, -(weeks - 1));
    const start = isoWeekBounds(fromWeek, timezone).start;
    const end = isoWeekBounds(toWeek, timezone).end;
    const teams: DelegationDto['teams'] = [];
    for (const teamId of teamIds) {
      const teammates = (await this.dataSource.query(
        `WITH ${cte(ORG_BOTS, GITHUB_PEOPLE, MEMBERSHIP_SPANS, TEAM_PULL_REQUESTS)},
         merged AS (
           SELECT f.author_person_id AS person_id, count(*) AS merged
           FROM team_pull_requests tp JOIN pull_request_facts f ON f.pull_request_id = tp.pull_request_id
           WHERE tp.team_id = $1 AND f.merged_at >= $3 AND f.merged_at < $4 AND f.author_person_id IS NOT NULL AND f.author_person_id <> $2
           GROUP BY 1
         ), kinds AS (
           SELECT author_person_id AS person_id, count(*) FILTER (WHERE takeover) AS takeovers, count(*) FILTER (WHERE post_merge_rewrite) AS post_merge,
             count(*) FILTER (WHERE dictation) AS dictations, count(*) AS rewritten
           FROM pull_request_rewrites WHERE team_id = $1 AND lead_person_id = $2 AND merged_at >= $3 AND merged_at < $4 GROUP BY 1
         ), reviewed AS (
           SELECT f.author_person_id AS person_id, count(DISTINCT r.pull_request_id) AS reviewed
           FROM team_pull_requests tp JOIN pull_request_facts f ON f.pull_request_id = tp.pull_request_id
           JOIN github_reviews r ON r.pull_request_id = f.pull_request_id AND r.state <> 'PENDING' AND r.submitted_at >= $3 AND r.submitted_at < $4
           JOIN github_people rv ON rv.user_id = r.author_id AND rv.person_id = $2
           WHERE tp.team_id = $1 GROUP BY 1
         ), mates AS (
           SELECT DISTINCT person_id FROM memberships WHERE team_id = $1 AND person_id <> $2 AND (ended_at IS NULL OR ended_at >= $3)
           UNION SELECT person_id FROM merged
         )
         SELECT m.person_id AS "personId", p.name, COALESCE(mg.merged, 0)::int AS "mergedPullRequests", COALESCE(k.takeovers, 0)::int AS takeovers,
           COALESCE(k.post_merge, 0)::int AS "postMergeRewrites", COALESCE(k.dictations, 0)::int AS dictations, COALESCE(rv.reviewed, 0)::int AS "reviewedByLead",
           CASE WHEN COALESCE(mg.merged, 0) > 0 THEN COALESCE(k.rewritten, 0)::float8 / mg.merged END AS rate
         FROM mates m JOIN people p ON p.id = m.person_id
         LEFT JOIN merged mg ON mg.person_id = m.person_id
         LEFT JOIN kinds k ON k.person_id = m.person_id
         LEFT JOIN reviewed rv ON rv.person_id = m.person_id
         ORDER BY p.name`,
        [teamId, leadId, start, end],
      )) as DelegationDto['teams'][number]['teammates'];
      // Quarters by the week's Thursday (an ISO week belongs to the quarter of its Thursday).
      const quarters = (await this.dataSource.query(
        `WITH weeks AS (
           SELECT tw.week, to_char(to_date(tw.week || '-4', 'IYYY-"W"IW-ID'), 'YYYY-"Q"Q') AS quarter, tw.teammate_merged, tw.reviews,
             COALESCE(tm.reviewed_pull_requests, 0) AS lead_reviewed
           FROM team_weeks tw
           LEFT JOIN team_member_weeks tm ON tm.team_id = tw.team_id AND tm.week = tw.week AND tm.person_id = $2
           WHERE tw.team_id = $1 AND tw.week >= $3 AND tw.week <= $4
         ), rewrites AS (
           SELECT to_char(to_date(to_char(r.merged_at AT TIME ZONE $5, 'IYYY-"W"IW') || '-4', 'IYYY-"W"IW-ID'), 'YYYY-"Q"Q') AS quarter,
             count(*) AS rewritten, count(*) FILTER (WHERE r.takeover) AS takeovers, count(*) FILTER (WHERE r.post_merge_rewrite) AS post_merge,
             count(*) FILTER (WHERE r.dictation) AS dictations
           FROM pull_request_rewrites r
           WHERE r.team_id = $1 AND r.lead_person_id = $2 AND to_char(r.merged_at AT TIME ZONE $5, 'IYYY-"W"IW') BETWEEN $3 AND $4
           GROUP BY 1
         )
         SELECT w.quarter, sum(w.teammate_merged)::int AS "mergedPullRequests", COALESCE(max(r.rewritten), 0)::int AS rewritten,
           COALESCE(max(r.takeovers), 0)::int AS takeovers, COALESCE(max(r.post_merge), 0)::int AS "postMergeRewrites", COALESCE(max(r.dictations), 0)::int AS dictations,
           CASE WHEN sum(w.reviews) > 0 THEN sum(w.lead_reviewed)::float8 / sum(w.reviews) END AS "reviewShare"
         FROM weeks w LEFT JOIN rewrites r ON r.quarter = w.quarter
         GROUP BY w.quarter ORDER BY w.quarter`,
        [teamId, leadId, addWeeks(toWeek, -(Math.max(weeks, 52) - 1)), toWeek, timezone],
      )) as DelegationDto['teams'][number]['trend'];
      const [share] = (await this.dataSource.query(
        `SELECT CASE WHEN sum(tw.reviews) > 0 THEN sum(COALESCE(tm.reviewed_pull_requests, 0))::float8 / sum(tw.reviews) END AS share
         FROM team_weeks tw LEFT JOIN team_member_weeks tm ON tm.team_id = tw.team_id AND tm.week = tw.week AND tm.person_id = $2
         WHERE tw.team_id = $1 AND tw.week >= $3 AND tw.week <= $4`,
        [teamId, leadId, fromWeek, toWeek],
      )) as { share: number | null }[];
      teams.push({ teamId, reviewShare: share?.share ?? null, teammates, trend: quarters });
    }
    return { lead, fromWeek, toWeek, asOf: time.asOf, currentWeek: time.currentWeek, lastCompletedWeek: time.lastCompletedWeek, definitions: DEFINITION_VERSIONS, teams };
  }
}
