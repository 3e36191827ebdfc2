import type { DataSource, EntityManager } from 'typeorm';
import type { WeekBounds } from './rollups.repository';
import { weeksFragment } from './sql-fragments';

type Db = DataSource | EntityManager;

/** A week being evaluated and the start of its trailing window. */
export interface WindowBounds extends WeekBounds {
  /** Start of the first week of the trailing window (the window ends with `end`). */
  windowStart: Date;
}

export interface BottleneckRow {
  week: string;
  teamId: string;
  personId: string;
  teamPullRequests: number;
  waitedPullRequests: number;
  medianResponseHours: number | null;
  restMedianResponseHours: number | null;
  openRequestsAtWeekEnd: number;
}

export interface WaitEvidenceRow {
  pullRequestId: string;
  repository: string;
  number: number;
  authorId: string | null;
  hoursWaited: number;
  responseHours: number | null;
  openAtWeekEnd: boolean;
}

export interface RewritingRow {
  week: string;
  teamId: string;
  personId: string;
  teammateMergedPullRequests: number;
  affectedPullRequests: number;
  takeovers: number;
  postMergeRewrites: number;
  dictations: number;
}

export interface RewriteEvidenceRow {
  repository: string;
  number: number;
  authorId: string;
  mergedAt: Date;
  takeover: boolean;
  postMergeRewrite: boolean;
  dictation: boolean;
  takeoverCommits: number;
  linesAdded: number | null;
  linesReplaced: number;
  appliedSuggestionCommits: number;
  suggestionBlocks: number;
}

export interface TeamWeekPersonRow {
  teamId: string;
  personId: string;
  week: string;
  participation: number;
  messages: number;
  threadReplies: number;
  reviews: number;
  reviewComments: number;
  onLeave: boolean;
  /** On this team at the week's end. */
  member: boolean;
}

/** A (week, team, person) whose evidence is wanted, with its window. */
export interface EvidenceKey {
  week: string;
  teamId: string;
  personId: string;
  window: WindowBounds;
}

export const evidenceKey = (week: string, teamId: string, personId: string): string => `${week}|${teamId}|${personId}`;

function keyArrays(keys: readonly EvidenceKey[]): [string[], string[], string[], Date[], Date[]] {
  return [keys.map((k) => k.week), keys.map((k) => k.teamId), keys.map((k) => k.personId), keys.map((k) => k.window.windowStart), keys.map((k) => k.window.end)];
}

function groupByKey<T extends { week: string; teamId: string; personId: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const key = evidenceKey(row.week, row.teamId, row.personId);
    const list = out.get(key) ?? [];
    list.push(row);
    out.set(key, list);
  }
  return out;
}

/**
 * A row whose pull request `number` came back from `pg` as text (the column is `bigint`, read as
 * text like every `bigint`), with the number as the API shows it. Numbers are safe integers when
 * stored (`github-rest.schemas.ts`), so `Number` is exact.
 */
type WithTextNumber<T extends { number: number }> = Omit<T, 'number'> & { number: string };
const withNumber = <T extends { number: number }>(row: WithTextNumber<T>): T => ({ ...row, number: Number(row.number) }) as T;

function windowArrays(windows: readonly WindowBounds[]): [string[], Date[], Date[], Date[]] {
  return [windows.map((w) => w.week), windows.map((w) => w.windowStart), windows.map((w) => w.end), windows.map((w) => w.start)];
}

/**
 * What the signal rules need, per week and trailing window, computed in SQL from the rollups and
 * the review periods; and the evidence behind a rule's values, item by item.
 */
export class SignalInputsRepository {
  constructor(private readonly db: Db) {}

  /**
   * For every lead of every team and every week: of the team's pull requests by others whose
   * review clock ran in the window, how many waited on the lead; the lead's and the rest of the
   * team's median response (first answered period per pull request and reviewer); and the pull
   * requests waiting on the lead at the week's end.
   */
  async bottleneckInputs(windows: readonly WindowBounds[]): Promise<BottleneckRow[]> {
    if (windows.length === 0) return [];
    const [labels, windowStarts, ends] = windowArrays(windows);
    return (await this.db.query(
      `WITH ${weeksFragment(1, 2, 3)}, team_periods AS (
         SELECT tp.team_id, w.pull_request_id, w.reviewer_person_id, w.clock_start, w.ended_at, w.end_kind, f.author_person_id, f.reviewable_at
         FROM review_waits w
         JOIN team_pull_requests tp ON tp.pull_request_id = w.pull_request_id
         JOIN pull_request_facts f ON f.pull_request_id = w.pull_request_id AND NOT f.author_is_bot
         WHERE w.reviewer_person_id IS NOT NULL AND w.clock_start IS NOT NULL
       ), first_answers AS (
         -- One response per pull request and reviewer in a window: their first answered period.
         SELECT DISTINCT ON (wk.week, p.team_id, p.pull_request_id, p.reviewer_person_id)
           wk.week, p.team_id, p.pull_request_id, p.reviewer_person_id, p.author_person_id,
           extract(epoch FROM p.ended_at - p.clock_start) / 3600 AS hours
         FROM team_periods p JOIN weeks wk ON p.clock_start >= wk.start_at AND p.clock_start < wk.end_at AND p.end_kind = 'review' AND p.ended_at <= wk.end_at
         ORDER BY wk.week, p.team_id, p.pull_request_id, p.reviewer_person_id, p.clock_start
       ), leads AS (
         SELECT DISTINCT ms.team_id, ms.person_id, wk.week, wk.start_at, wk.end_at
         FROM membership_spans ms JOIN weeks wk ON ms.role = 'lead' AND ms.from_at < wk.end_at AND ms.to_at >= wk.end_at
       ), reviewable AS (
         SELECT l.week, l.team_id, l.person_id, f.pull_request_id, false AS waited
         FROM leads l
         JOIN team_pull_requests tp ON tp.team_id = l.team_id
         JOIN pull_request_facts f ON f.pull_request_id = tp.pull_request_id
         WHERE NOT f.author_is_bot AND f.author_person_id IS DISTINCT FROM l.person_id AND f.reviewable_at >= l.start_at AND f.reviewable_at < l.end_at
       ), waited AS (
         SELECT l.week, l.team_id, l.person_id, p.pull_request_id, true AS waited
         FROM leads l
         JOIN team_periods p ON p.team_id = l.team_id AND p.reviewer_person_id = l.person_id
         WHERE p.author_person_id IS DISTINCT FROM l.person_id AND p.clock_start >= l.start_at AND p.clock_start < l.end_at
       ), team_prs AS (
         SELECT x.week, x.team_id, x.person_id, count(DISTINCT x.pull_request_id) AS team_prs,
           count(DISTINCT x.pull_request_id) FILTER (WHERE x.waited) AS waited
         FROM (SELECT * FROM reviewable UNION ALL SELECT * FROM waited) x
         GROUP BY 1, 2, 3
       ), medians AS (
         SELECT l.week, l.team_id, l.person_id,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY a.hours) FILTER (WHERE a.reviewer_person_id = l.person_id AND a.author_person_id IS DISTINCT FROM l.person_id) AS own,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY a.hours) FILTER (WHERE a.reviewer_person_id <> l.person_id) AS rest
         FROM leads l JOIN first_answers a ON a.week = l.week AND a.team_id = l.team_id
         GROUP BY 1, 2, 3
       ), open_at_end AS (
         SELECT l.week, l.team_id, l.person_id, count(DISTINCT p.pull_request_id) AS open
         FROM leads l JOIN team_periods p ON p.team_id = l.team_id AND p.reviewer_person_id = l.person_id AND p.author_person_id IS DISTINCT FROM l.person_id
           AND p.clock_start < l.end_at AND (p.ended_at IS NULL OR p.ended_at > l.end_at)
         GROUP BY 1, 2, 3
       )
       SELECT l.week, l.team_id AS "teamId", l.person_id AS "personId",
         COALESCE(tp.team_prs, 0)::int AS "teamPullRequests", COALESCE(tp.waited, 0)::int AS "waitedPullRequests",
         m.own AS "medianResponseHours", m.rest AS "restMedianResponseHours", COALESCE(o.open, 0)::int AS "openRequestsAtWeekEnd"
       FROM leads l
       LEFT JOIN team_prs tp ON tp.week = l.week AND tp.team_id = l.team_id AND tp.person_id = l.person_id
       LEFT JOIN medians m ON m.week = l.week AND m.team_id = l.team_id AND m.person_id = l.person_id
       LEFT JOIN open_at_end o ON o.week = l.week AND o.team_id = l.team_id AND o.person_id = l.person_id
       ORDER BY l.week, l.team_id, l.person_id`,
      [labels, windowStarts, ends],
    )) as BottleneckRow[];
  }

  /**
   * The pull requests that waited on each asked lead in their window: one item per pull request,
   * for many (team, person, week) keys in one statement.
   */
  async bottleneckEvidence(keys: readonly EvidenceKey[], asOf: Date): Promise<Map<string, WaitEvidenceRow[]>> {
    if (keys.length === 0) return new Map();
    const rows = (await this.db.query(
      `WITH keys AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[]) AS k(week, team_id, person_id, start_at, end_at)
       ), periods AS (
         SELECT k.week, k.team_id, k.person_id, k.end_at, w.pull_request_id, w.clock_start, w.ended_at, w.end_kind, f.author_person_id
         FROM keys k
         JOIN review_waits w ON w.reviewer_person_id = k.person_id AND w.clock_start IS NOT NULL AND w.clock_start >= k.start_at AND w.clock_start < k.end_at
         JOIN team_pull_requests tp ON tp.pull_request_id = w.pull_request_id AND tp.team_id = k.team_id
         JOIN pull_request_facts f ON f.pull_request_id = w.pull_request_id AND NOT f.author_is_bot AND f.author_person_id IS DISTINCT FROM k.person_id
       ), per_pr AS (
         SELECT week, team_id, person_id, pull_request_id, author_person_id,
           sum(extract(epoch FROM LEAST(COALESCE(ended_at, $6), end_at, $6) - clock_start) / 3600) FILTER (WHERE LEAST(COALESCE(ended_at, $6), end_at, $6) > clock_start) AS hours,
           (array_agg(extract(epoch FROM ended_at - clock_start) / 3600 ORDER BY clock_start) FILTER (WHERE end_kind = 'review' AND ended_at <= end_at))[1] AS response,
           bool_or(ended_at IS NULL OR ended_at > end_at) AS open_at_end
         FROM periods GROUP BY week, team_id, person_id, pull_request_id, author_person_id
       )
       SELECT pp.week, pp.team_id AS "teamId", pp.person_id AS "personId", pp.pull_request_id AS "pullRequestId", r.full_name AS repository, p.number,
         pp.author_person_id AS "authorId", COALESCE(pp.hours, 0)::float8 AS "hoursWaited", pp.response::float8 AS "responseHours", pp.open_at_end AS "openAtWeekEnd"
       FROM per_pr pp
       JOIN github_pull_requests p ON p.id = pp.pull_request_id
       JOIN github_repositories r ON r.id = p.repository_id
       ORDER BY pp.week, pp.team_id, pp.person_id, pp.hours DESC NULLS LAST, r.full_name, p.number`,
      [...keyArrays(keys), asOf],
    )) as WithTextNumber<WaitEvidenceRow & { week: string; teamId: string; personId: string }>[];
    return groupByKey(rows.map(withNumber));
  }

  /**
   * For every lead of every team and every week: teammates' pull requests merged in the window,
   * and those the lead took over, rewrote after merge or dictated.
   */
  async rewritingInputs(windows: readonly WindowBounds[]): Promise<RewritingRow[]> {
    if (windows.length === 0) return [];
    const [labels, windowStarts, ends] = windowArrays(windows);
    return (await this.db.query(
      `WITH ${weeksFragment(1, 2, 3)}, leads AS (
         SELECT DISTINCT ms.team_id, ms.person_id, wk.week, wk.start_at, wk.end_at
         FROM membership_spans ms JOIN weeks wk ON ms.role = 'lead' AND ms.from_at < wk.end_at AND ms.to_at >= wk.end_at
       ), merged AS (
         SELECT l.week, l.team_id, l.person_id, count(DISTINCT f.pull_request_id) AS merged
         FROM leads l
         JOIN team_pull_requests tp ON tp.team_id = l.team_id
         JOIN pull_request_facts f ON f.pull_request_id = tp.pull_request_id AND f.merged_at >= l.start_at AND f.merged_at < l.end_at
           AND f.author_person_id IS NOT NULL AND f.author_person_id <> l.person_id
         JOIN membership_spans ms ON ms.team_id = l.team_id AND ms.person_id = f.author_person_id AND ms.from_at <= f.merged_at AND ms.to_at > f.merged_at
         GROUP BY 1, 2, 3
       ), kinds AS (
         SELECT l.week, l.team_id, l.person_id, count(*) AS affected,
           count(*) FILTER (WHERE r.takeover) AS takeovers, count(*) FILTER (WHERE r.post_merge_rewrite) AS post_merge, count(*) FILTER (WHERE r.dictation) AS dictations
         FROM leads l JOIN pull_request_rewrites r ON r.team_id = l.team_id AND r.lead_person_id = l.person_id AND r.merged_at >= l.start_at AND r.merged_at < l.end_at
         GROUP BY 1, 2, 3
       )
       SELECT l.week, l.team_id AS "teamId", l.person_id AS "personId", COALESCE(m.merged, 0)::int AS "teammateMergedPullRequests",
         COALESCE(k.affected, 0)::int AS "affectedPullRequests", COALESCE(k.takeovers, 0)::int AS takeovers,
         COALESCE(k.post_merge, 0)::int AS "postMergeRewrites", COALESCE(k.dictations, 0)::int AS dictations
       FROM leads l
       LEFT JOIN merged m ON m.week = l.week AND m.team_id = l.team_id AND m.person_id = l.person_id
       LEFT JOIN kinds k ON k.week = l.week AND k.team_id = l.team_id AND k.person_id = l.person_id
       ORDER BY l.week, l.team_id, l.person_id`,
      [labels, windowStarts, ends],
    )) as RewritingRow[];
  }

  /** The pull requests each asked lead took over, rewrote after merge or dictated in their window, for many keys at once. */
  async rewritingEvidence(keys: readonly EvidenceKey[]): Promise<Map<string, RewriteEvidenceRow[]>> {
    if (keys.length === 0) return new Map();
    const rows = (await this.db.query(
      `WITH keys AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[]) AS k(week, team_id, person_id, start_at, end_at)
       )
       SELECT k.week, k.team_id AS "teamId", k.person_id AS "personId", r.full_name AS repository, p.number, rw.author_person_id AS "authorId", rw.merged_at AS "mergedAt",
         rw.takeover, rw.post_merge_rewrite AS "postMergeRewrite", rw.dictation, rw.takeover_commits AS "takeoverCommits",
         rw.lines_added AS "linesAdded", rw.lines_replaced AS "linesReplaced", rw.applied_suggestion_commits AS "appliedSuggestionCommits",
         rw.suggestion_blocks AS "suggestionBlocks"
       FROM keys k
       JOIN pull_request_rewrites rw ON rw.team_id = k.team_id AND rw.lead_person_id = k.person_id AND rw.merged_at >= k.start_at AND rw.merged_at < k.end_at
       JOIN github_pull_requests p ON p.id = rw.pull_request_id
       JOIN github_repositories r ON r.id = p.repository_id
       ORDER BY k.week, k.team_id, k.person_id, rw.merged_at, r.full_name, p.number`,
      keyArrays(keys),
    )) as WithTextNumber<RewriteEvidenceRow & { week: string; teamId: string; personId: string }>[];
    return groupByKey(rows.map(withNumber));
  }

  /**
   * Weekly participation of the people of every team, for the given weeks (the evaluated weeks
   * and their baselines). A person is listed under every team they were on in any of these weeks.
   */
  async teamParticipation(weeks: readonly WeekBounds[]): Promise<TeamWeekPersonRow[]> {
    if (weeks.length === 0) return [];
    const labels = weeks.map((w) => w.week);
    const ends = weeks.map((w) => w.end);
    return (await this.db.query(
      `WITH weeks AS (SELECT w.week, w.end_at FROM unnest($1::text[], $2::timestamptz[]) AS w(week, end_at)),
       team_people AS (SELECT DISTINCT ms.team_id, ms.person_id FROM membership_spans ms JOIN weeks wk ON ms.from_at < wk.end_at AND ms.to_at >= wk.end_at)
       SELECT tp.team_id AS "teamId", tp.person_id AS "personId", pw.week, pw.participation, pw.messages, pw.thread_replies AS "threadReplies",
         pw.reviews, pw.review_comments AS "reviewComments", pw.on_leave AS "onLeave",
         EXISTS (SELECT 1 FROM membership_spans ms JOIN weeks wk ON wk.week = pw.week
           WHERE ms.team_id = tp.team_id AND ms.person_id = tp.person_id AND ms.from_at < wk.end_at AND ms.to_at >= wk.end_at) AS member
       FROM team_people tp
       JOIN person_weeks pw ON pw.person_id = tp.person_id AND pw.week = ANY($1::text[])
       ORDER BY tp.team_id, tp.person_id, pw.week`,
      [labels, ends],
    )) as TeamWeekPersonRow[];
  }
}
