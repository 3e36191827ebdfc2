import { PARTICIPATION_SUBTYPES } from '@undercurrent/slack';
import type { RewriteParams } from '@undercurrent/metrics';
import type { DataSource, EntityManager } from 'typeorm';
import { weeksFragment } from './sql-fragments';

/** A week being analysed: its label and its bounds in the organisation's time zone. */
export interface WeekBounds {
  week: string;
  start: Date;
  end: Date;
}

type Db = DataSource | EntityManager;

/**
 * Run a `WITH ... INSERT INTO ... SELECT ...` statement and return how many rows it inserted,
 * counted in PostgreSQL (the insert becomes a data-modifying CTE) rather than returned to Node.
 */
async function insertCount(db: Db, sql: string, params: unknown[]): Promise<number> {
  const at = sql.search(/\n\s*INSERT INTO /);
  if (!sql.trimStart().startsWith('WITH') || at < 0) throw new Error('insertCount expects WITH ... INSERT INTO ... SELECT');
  const counted = `${sql.slice(0, at)}, inserted AS (${sql.slice(at)} RETURNING 1) SELECT count(*)::int AS n FROM inserted`;
  const [row] = (await db.query(counted, params)) as { n: number }[];
  return row?.n ?? 0;
}

function weekArrays(weeks: readonly WeekBounds[]): [string[], Date[], Date[]] {
  return [weeks.map((w) => w.week), weeks.map((w) => w.start), weeks.map((w) => w.end)];
}

/**
 * The set-based SQL of the weekly rollups (docs/metrics.md). Every method deletes what it
 * recomputes and inserts it again inside the caller's transaction, so recomputing gives the same
 * rows; none of them reads source rows into Node.
 */
export class RollupsRepository {
  constructor(private readonly db: Db) {}

  /**
   * Delete a per pull request table's rows of the pull requests changed at or after `since` (all
   * when null), and of pull requests that are gone from the source, before they are derived again.
   */
  private async forgetPullRequests(table: 'pull_request_facts' | 'review_waits', since: Date | null): Promise<void> {
    await this.db.query(`DELETE FROM ${table} t USING github_pull_requests p WHERE p.id = t.pull_request_id AND ($1::timestamptz IS NULL OR p.updated_at >= $1)`, [since]);
    await this.db.query(`DELETE FROM ${table} t WHERE NOT EXISTS (SELECT 1 FROM github_pull_requests p WHERE p.id = t.pull_request_id)`);
  }

  /**
   * Per pull request facts (time to first review v1) for the pull requests changed at or after
   * `since` (all of them when null).
   */
  async refreshPullRequestFacts(since: Date | null): Promise<number> {
    await this.forgetPullRequests('pull_request_facts', since);
    return insertCount(
      this.db,
        `WITH target AS (
           SELECT p.* FROM github_pull_requests p WHERE $1::timestamptz IS NULL OR p.updated_at >= $1
         ), ready AS (
           SELECT e.pull_request_id, min(e.created_at) AS at
           FROM github_pr_events e JOIN target t ON t.id = e.pull_request_id
           WHERE e.kind = 'ready_for_review' GROUP BY e.pull_request_id
         ), first_review AS (
           SELECT r.pull_request_id, min(r.submitted_at) AS at
           FROM github_reviews r
           JOIN target t ON t.id = r.pull_request_id
           JOIN github_people rv ON rv.user_id = r.author_id AND NOT rv.bot
           LEFT JOIN github_people au ON au.user_id = t.author_id
           WHERE r.submitted_at IS NOT NULL AND r.state <> 'PENDING'
             AND r.author_id IS DISTINCT FROM t.author_id
             AND (rv.person_id IS NULL OR rv.person_id IS DISTINCT FROM au.person_id)
           GROUP BY r.pull_request_id
         )
         INSERT INTO pull_request_facts (pull_request_id, repository_id, author_person_id, author_is_bot, created_at, reviewable_at, first_review_at, merged_at, closed_at)
         SELECT t.id, t.repository_id, au.person_id, COALESCE(au.bot, false), t.created_at,
           CASE WHEN t.created_as_draft THEN ready.at ELSE t.created_at END,
           fr.at, t.merged_at, t.closed_at
         FROM target t
         LEFT JOIN github_people au ON au.user_id = t.author_id
         LEFT JOIN ready ON ready.pull_request_id = t.id
         LEFT JOIN first_review fr ON fr.pull_request_id = t.id`,
        [since],
    );
  }

  /**
   * Review request periods (reviewer response time v1, `reviewRequestPeriods` in libs/metrics) of
   * the pull requests changed at or after `since`. A request is keyed by the person asked (any of
   * their logins) or the team. Requests answered by the same end (a review, a removal, the close,
   * or still open) are one period from the first of them: asking again while a request is open
   * changes nothing. The clock starts at the request, or when the pull request first became
   * reviewable if that was later; a pull request never reviewable makes nobody wait.
   */
  async refreshReviewWaits(since: Date | null): Promise<number> {
    await this.forgetPullRequests('review_waits', since);
    return insertCount(
      this.db,
        `WITH target AS (
           SELECT p.*, f.reviewable_at FROM github_pull_requests p JOIN pull_request_facts f ON f.pull_request_id = p.id
           WHERE $1::timestamptz IS NULL OR p.updated_at >= $1
         ), requests AS (
           SELECT e.pull_request_id, e.kind, e.created_at, e.reviewer_id, e.reviewer_team,
             CASE WHEN e.reviewer_team IS NOT NULL THEN 'team:' || lower(e.reviewer_team) WHEN rv.person_id IS NOT NULL THEN 'person:' || rv.person_id ELSE rv.login END AS reviewer_key,
             rv.person_id AS reviewer_person_id, t.author_id, au.person_id AS author_person_id,
             COALESCE(t.merged_at, t.closed_at) AS closed_at, t.reviewable_at
           FROM github_pr_events e
           JOIN target t ON t.id = e.pull_request_id
           LEFT JOIN github_people rv ON rv.user_id = e.reviewer_id
           LEFT JOIN github_people au ON au.user_id = t.author_id
           WHERE e.kind IN ('review_requested', 'review_request_removed')
             AND (e.reviewer_team IS NOT NULL OR (rv.user_id IS NOT NULL AND NOT rv.bot))
             AND (e.reviewer_id IS NULL OR e.reviewer_id IS DISTINCT FROM t.author_id)
             AND (rv.person_id IS NULL OR rv.person_id IS DISTINCT FROM au.person_id)
         ), ended AS (
           SELECT r.*, answer.submitted_at AS reviewed_at, answer.person_id AS answered_by
           FROM (
             -- The first removal of the same reviewer at or after each event (RANGE: one at the same instant counts).
             SELECT q.*, min(CASE WHEN q.kind = 'review_request_removed' THEN q.created_at END)
               OVER (PARTITION BY q.pull_request_id, q.reviewer_key ORDER BY q.created_at RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS removed_at
             FROM requests q
           ) r
           LEFT JOIN LATERAL (
             SELECT rw.submitted_at, gp.person_id
             FROM github_reviews rw
             JOIN github_people gp ON gp.user_id = rw.author_id AND NOT gp.bot
             WHERE rw.pull_request_id = r.pull_request_id AND rw.submitted_at >= r.created_at AND rw.state <> 'PENDING'
               AND rw.author_id IS DISTINCT FROM r.author_id AND (gp.person_id IS NULL OR gp.person_id IS DISTINCT FROM r.author_person_id)
               AND (
                 (r.reviewer_team IS NULL AND (rw.author_id = r.reviewer_id OR gp.person_id = r.reviewer_person_id))
                 OR (r.reviewer_team IS NOT NULL AND (
                   CASE WHEN EXISTS (SELECT 1 FROM memberships m WHERE lower(m.team_id) = lower(r.reviewer_team))
                     THEN EXISTS (SELECT 1 FROM memberships m WHERE lower(m.team_id) = lower(r.reviewer_team) AND m.person_id = gp.person_id)
                     ELSE true END))
               )
             ORDER BY rw.submitted_at LIMIT 1
           ) answer ON true
           WHERE r.kind = 'review_requested'
         ), periods AS (
           SELECT pull_request_id, reviewer_key, min(created_at) AS requested_at,
             (array_agg(reviewer_person_id))[1] AS reviewer_person_id, (array_agg(reviewer_team))[1] AS reviewer_team,
             ended_at, (array_agg(end_kind))[1] AS end_kind, (array_agg(answered_by))[1] AS answered_by, (array_agg(reviewable_at))[1] AS reviewable_at
           FROM (
             SELECT e.*, LEAST(e.reviewed_at, e.removed_at, e.closed_at) AS ended_at,
               CASE WHEN e.reviewed_at IS NOT NULL AND e.reviewed_at <= COALESCE(LEAST(e.removed_at, e.closed_at), e.reviewed_at) THEN 'review'
                    WHEN e.removed_at IS NOT NULL AND e.removed_at <= COALESCE(e.closed_at, e.removed_at) THEN 'removed'
                    WHEN e.closed_at IS NOT NULL THEN 'closed' END AS end_kind
             FROM ended e
           ) x
           GROUP BY pull_request_id, reviewer_key, ended_at
         )
         INSERT INTO review_waits (pull_request_id, reviewer_key, requested_at, reviewer_person_id, reviewer_team, clock_start, ended_at, end_kind, answered_by_person_id)
         SELECT pull_request_id, reviewer_key, requested_at, reviewer_person_id, reviewer_team,
           -- Ended before the pull request was reviewable (a review on a draft): no time waited.
           CASE WHEN reviewable_at IS NOT NULL THEN LEAST(GREATEST(requested_at, reviewable_at), COALESCE(ended_at, 'infinity'::timestamptz)) END,
           ended_at, end_kind, answered_by
         FROM periods`,
        [since],
    );
  }

  /**
   * Rewrite frequency v1 of teammates' pull requests merged at or after `since`, against each
   * lead of their team at the time of the merge. Only pull requests with a kind are kept.
   */
  async refreshPullRequestRewrites(since: Date, params: RewriteParams): Promise<number> {
    await this.db.query(`DELETE FROM pull_request_rewrites WHERE merged_at >= $1`, [since]);
    // The (pull request, lead) pairs, as a table with statistics: estimated as a CTE, the planner
    // guesses a handful of rows where there are tens of thousands and nests every join after it.
    await this.db.query(`DROP TABLE IF EXISTS pg_temp.candidates`);
    await this.db.query(
      `CREATE TEMP TABLE candidates ON COMMIT DROP AS
           SELECT tp.team_id, f.pull_request_id, f.author_person_id, f.created_at, f.merged_at, lead.person_id AS lead_person_id
           FROM team_pull_requests tp
           JOIN pull_request_facts f ON f.pull_request_id = tp.pull_request_id AND f.merged_at >= $1::timestamptz AND f.author_person_id IS NOT NULL
           JOIN membership_spans author_ms ON author_ms.team_id = tp.team_id AND author_ms.person_id = f.author_person_id
             AND author_ms.from_at <= f.merged_at AND author_ms.to_at > f.merged_at
           JOIN membership_spans lead ON lead.team_id = tp.team_id AND lead.role = 'lead'
             AND lead.from_at <= f.merged_at AND lead.to_at > f.merged_at AND lead.person_id <> f.author_person_id
           GROUP BY tp.team_id, f.pull_request_id, f.author_person_id, f.created_at, f.merged_at, lead.person_id`,
      [since],
    );
    await this.db.query(`CREATE INDEX ON pg_temp.candidates (pull_request_id)`);
    await this.db.query(`ANALYZE pg_temp.candidates`);
    return insertCount(
      this.db,
        `WITH commit_people AS (
           SELECT c.pull_request_id, c.is_merge, c.committed_at,
             COALESCE(ga.person_id, ea.person_id) AS author_person_id,
             ARRAY(SELECT ep.person_id FROM unnest(c.co_author_emails) ce JOIN email_people ep ON ep.email = lower(ce)) AS co_author_people
           FROM github_commits c
           JOIN (SELECT DISTINCT pull_request_id FROM candidates) cp ON cp.pull_request_id = c.pull_request_id
           LEFT JOIN github_people ga ON ga.user_id = c.author_id
           LEFT JOIN email_people ea ON ga.person_id IS NULL AND ea.email = lower(c.author_email)
         ), commit_counts AS (
           SELECT ca.pull_request_id, ca.lead_person_id,
             -- Pushed onto the open pull request: after it was opened, up to its merge (rewrite frequency v1).
             count(*) FILTER (WHERE NOT cm.is_merge AND cm.author_person_id = ca.lead_person_id AND cm.committed_at >= ca.created_at AND cm.committed_at <= ca.merged_at) AS takeover_commits,
             count(*) FILTER (WHERE ca.lead_person_id = ANY(cm.co_author_people)) AS applied
           FROM candidates ca JOIN commit_people cm ON cm.pull_request_id = ca.pull_request_id
           GROUP BY ca.pull_request_id, ca.lead_person_id
         ), suggestion_counts AS (
           SELECT ca.pull_request_id, ca.lead_person_id,
             count(c.id) AS comments,
             count(c.id) FILTER (WHERE c.suggestion_count > 0) AS suggestion_comments,
             COALESCE(sum(c.suggestion_count), 0) AS suggestion_blocks
           FROM candidates ca
           JOIN github_reviews r ON r.pull_request_id = ca.pull_request_id AND r.submitted_at IS NOT NULL AND r.state <> 'PENDING'
           JOIN github_people rp ON rp.user_id = r.author_id AND rp.person_id = ca.lead_person_id
           JOIN github_comments c ON c.review_id = r.id
           GROUP BY ca.pull_request_id, ca.lead_person_id
         ), replaced AS (
           SELECT ca.pull_request_id, ca.lead_person_id, rw.lines_added,
             COALESCE((SELECT sum(v::int) FROM jsonb_each_text(rw.replaced_by) AS kv(email, v)
               WHERE EXISTS (SELECT 1 FROM email_people ep WHERE ep.email = lower(kv.email) AND ep.person_id = ca.lead_person_id)), 0) AS lines_replaced
           FROM candidates ca JOIN github_pr_rewrites rw ON rw.pull_request_id = ca.pull_request_id
         ), classified AS (
           SELECT ca.*, COALESCE(cc.takeover_commits, 0) AS takeover_commits, COALESCE(cc.applied, 0) AS applied,
             COALESCE(sc.comments, 0) AS comments, COALESCE(sc.suggestion_comments, 0) AS suggestion_comments, COALESCE(sc.suggestion_blocks, 0) AS suggestion_blocks,
             rp.lines_added, COALESCE(rp.lines_replaced, 0) AS lines_replaced
           FROM candidates ca
           LEFT JOIN commit_counts cc ON cc.pull_request_id = ca.pull_request_id AND cc.lead_person_id = ca.lead_person_id
           LEFT JOIN suggestion_counts sc ON sc.pull_request_id = ca.pull_request_id AND sc.lead_person_id = ca.lead_person_id
           LEFT JOIN replaced rp ON rp.pull_request_id = ca.pull_request_id AND rp.lead_person_id = ca.lead_person_id
         ), kinds AS (
           SELECT c.*,
             c.takeover_commits > 0 AS takeover,
             (c.lines_added > 0 AND c.lines_replaced >= $1 AND c.lines_replaced::float8 / c.lines_added >= $2) AS post_merge_rewrite,
             (c.applied > 0 OR (c.suggestion_blocks >= $3 AND c.comments > 0 AND c.suggestion_comments::float8 / c.comments > $4)) AS dictation
           FROM classified c
         )
         INSERT INTO pull_request_rewrites (pull_request_id, team_id, lead_person_id, author_person_id, merged_at, takeover, post_merge_rewrite, dictation,
           takeover_commits, lines_added, lines_replaced, applied_suggestion_commits, suggestion_blocks)
         SELECT pull_request_id, team_id, lead_person_id, author_person_id, merged_at, takeover, COALESCE(post_merge_rewrite, false), dictation,
           takeover_commits, lines_added, lines_replaced, applied, suggestion_blocks
         FROM kinds WHERE takeover OR COALESCE(post_merge_rewrite, false) OR dictation`,
        [params.postMergeMinLines, params.postMergeMinShare, params.dictationMinSuggestions, params.dictationShare],
    );
  }

  /** Participation and review load of every person, for each of `weeks`. */
  async refreshPersonWeeks(weeks: readonly WeekBounds[], timezone: string, asOf: Date): Promise<number> {
    if (weeks.length === 0) return 0;
    const [labels, starts, ends] = weekArrays(weeks);
    const from = starts[0]!;
    const to = ends[ends.length - 1]!;
    await this.db.query(`DELETE FROM person_weeks WHERE week = ANY($1::text[])`, [labels]);
    return insertCount(
      this.db,
        `WITH ${weeksFragment(1, 2, 3)}, person_channels AS (
           SELECT DISTINCT ms.person_id, ct.channel_id, ms.from_at, ms.to_at FROM channel_teams ct JOIN membership_spans ms ON ms.team_id = ct.team_id
         ), taking_part AS (
           SELECT sp.person_id, m.channel_id, m.ts, m.thread_ts, m.reply_count, m.posted_at
           FROM slack_messages m
           JOIN slack_people sp ON sp.user_id = m.user_id
           WHERE m.posted_at >= $5 AND m.posted_at < $6 AND m.deleted_at IS NULL
             AND (m.subtype IS NULL OR m.subtype = ANY($8::text[]))
         ), counted AS (
           -- The organisation's channels (of no team) count for everyone ...
           SELECT tp.* FROM taking_part tp WHERE tp.channel_id NOT IN (SELECT channel_id FROM channel_teams)
           UNION ALL
           -- ... a team's channels for its people while they are on it.
           SELECT tp.* FROM taking_part tp
           WHERE EXISTS (SELECT 1 FROM person_channels pc WHERE pc.person_id = tp.person_id AND pc.channel_id = tp.channel_id AND pc.from_at <= tp.posted_at AND pc.to_at > tp.posted_at)
         ), slack AS (
           SELECT c.person_id, to_char(c.posted_at AT TIME ZONE $4, 'IYYY-"W"IW') AS week,
             count(*) FILTER (WHERE c.thread_ts IS NULL OR c.thread_ts = c.ts) AS messages,
             count(*) FILTER (WHERE c.thread_ts IS NOT NULL AND c.thread_ts <> c.ts) AS thread_replies,
             count(*) FILTER (WHERE c.thread_ts = c.ts AND c.reply_count > 0) AS threads_started,
             count(*) FILTER (WHERE c.thread_ts IS NOT NULL AND c.thread_ts <> c.ts AND pp.person_id IS NOT NULL AND pp.person_id <> c.person_id) AS replies_to_others
           FROM counted c
           LEFT JOIN (SELECT channel_id, ts, user_id FROM slack_messages WHERE reply_count > 0) parent
             ON c.thread_ts IS NOT NULL AND c.thread_ts <> c.ts AND parent.channel_id = c.channel_id AND parent.ts = c.thread_ts
           LEFT JOIN slack_people pp ON pp.user_id = parent.user_id
           GROUP BY 1, 2
         ), given_reviews AS (
           SELECT rv.person_id, to_char(r.submitted_at AT TIME ZONE $4, 'IYYY-"W"IW') AS week, count(*) AS reviews
           FROM github_reviews r
           JOIN github_people rv ON rv.user_id = r.author_id AND NOT rv.bot AND rv.person_id IS NOT NULL
           JOIN pull_request_facts f ON f.pull_request_id = r.pull_request_id
           WHERE r.submitted_at >= $5 AND r.submitted_at < $6 AND r.state <> 'PENDING' AND f.author_person_id IS DISTINCT FROM rv.person_id
           GROUP BY 1, 2
         ), given_comments AS (
           SELECT cp.person_id, to_char(c.created_at AT TIME ZONE $4, 'IYYY-"W"IW') AS week, count(*) AS comments
           FROM github_comments c
           JOIN github_people cp ON cp.user_id = c.author_id AND NOT cp.bot AND cp.person_id IS NOT NULL
           JOIN pull_request_facts f ON f.pull_request_id = c.pull_request_id
           WHERE c.created_at >= $5 AND c.created_at < $6 AND f.author_person_id IS DISTINCT FROM cp.person_id
           GROUP BY 1, 2
         ), requested AS (
           SELECT w.reviewer_person_id AS person_id, to_char(w.requested_at AT TIME ZONE $4, 'IYYY-"W"IW') AS week, count(*) AS requests
           FROM review_waits w WHERE w.reviewer_person_id IS NOT NULL AND w.requested_at >= $5 AND w.requested_at < $6
           GROUP BY 1, 2
         ), answered AS (
           SELECT w.reviewer_person_id AS person_id, to_char(w.ended_at AT TIME ZONE $4, 'IYYY-"W"IW') AS week, count(*) AS responses,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM w.ended_at - w.clock_start) / 3600) AS median_hours
           FROM review_waits w
           WHERE w.reviewer_person_id IS NOT NULL AND w.end_kind = 'review' AND w.clock_start IS NOT NULL AND w.ended_at >= $5 AND w.ended_at < $6
           GROUP BY 1, 2
         ), numbered AS (
           SELECT wk.*, (row_number() OVER (ORDER BY wk.start_at) - 1)::int AS idx FROM weeks wk
         ), spans AS (
           -- The analysed weeks each period overlaps, by week number (an equality join, not a range join per week).
           SELECT w.reviewer_person_id, w.clock_start, w.ended_at,
             floor(((w.clock_start AT TIME ZONE $4)::date - ($5::timestamptz AT TIME ZONE $4)::date) / 7.0)::int AS first_idx,
             floor((((LEAST(COALESCE(w.ended_at, $7), $6::timestamptz) - interval '1 microsecond') AT TIME ZONE $4)::date - ($5::timestamptz AT TIME ZONE $4)::date) / 7.0)::int AS last_idx
           FROM review_waits w
           WHERE w.reviewer_person_id IS NOT NULL AND w.clock_start IS NOT NULL AND w.clock_start < $6 AND (w.ended_at IS NULL OR w.ended_at > $5)
         ), queue AS (
           SELECT sp.reviewer_person_id AS person_id, wk.week,
             count(*) FILTER (WHERE sp.clock_start < wk.end_at AND (sp.ended_at IS NULL OR sp.ended_at > wk.end_at)) AS open_requests,
             COALESCE(sum(extract(epoch FROM LEAST(COALESCE(sp.ended_at, $7), wk.end_at, $7) - GREATEST(sp.clock_start, wk.start_at)) / 3600)
               FILTER (WHERE LEAST(COALESCE(sp.ended_at, $7), wk.end_at, $7) > GREATEST(sp.clock_start, wk.start_at)), 0) AS hours_waiting
           FROM spans sp
           CROSS JOIN LATERAL generate_series(GREATEST(sp.first_idx, 0), sp.last_idx) AS g(idx)
           JOIN numbered wk ON wk.idx = g.idx
           GROUP BY 1, 2
         ), leave AS (
           SELECT DISTINCT l.person_id, wk.week
           FROM leave_periods l
           JOIN weeks wk ON l.starts_on <= (wk.end_at AT TIME ZONE $4)::date - 1 AND l.ends_on >= (wk.start_at AT TIME ZONE $4)::date
         ), members AS (
           SELECT DISTINCT ms.person_id, wk.week FROM membership_spans ms JOIN weeks wk ON ms.from_at < wk.end_at AND ms.to_at >= wk.end_at
         )
         INSERT INTO person_weeks (person_id, week, messages, thread_replies, threads_started, replies_to_others, reviews, review_comments, participation,
           review_requests, responses, median_response_hours, open_requests, hours_waiting, on_leave, member)
         SELECT p.id, wk.week,
           COALESCE(s.messages, 0), COALESCE(s.thread_replies, 0), COALESCE(s.threads_started, 0), COALESCE(s.replies_to_others, 0),
           COALESCE(gr.reviews, 0), COALESCE(gc.comments, 0),
           COALESCE(s.messages, 0) + COALESCE(s.thread_replies, 0) + COALESCE(gr.reviews, 0) + COALESCE(gc.comments, 0),
           COALESCE(rq.requests, 0), COALESCE(an.responses, 0), an.median_hours,
           COALESCE(q.open_requests, 0), COALESCE(q.hours_waiting, 0),
           lv.person_id IS NOT NULL, mb.person_id IS NOT NULL
         FROM people p
         CROSS JOIN weeks wk
         LEFT JOIN slack s ON s.person_id = p.id AND s.week = wk.week
         LEFT JOIN given_reviews gr ON gr.person_id = p.id AND gr.week = wk.week
         LEFT JOIN given_comments gc ON gc.person_id = p.id AND gc.week = wk.week
         LEFT JOIN requested rq ON rq.person_id = p.id AND rq.week = wk.week
         LEFT JOIN answered an ON an.person_id = p.id AND an.week = wk.week
         LEFT JOIN queue q ON q.person_id = p.id AND q.week = wk.week
         LEFT JOIN leave lv ON lv.person_id = p.id AND lv.week = wk.week
         LEFT JOIN members mb ON mb.person_id = p.id AND mb.week = wk.week
         WHERE p.archived_at IS NULL`,
        [labels, starts, ends, timezone, from, to, asOf, PARTICIPATION_SUBTYPES],
    );
  }

  /** Each team member's reviews of the team's pull requests, for each of `weeks`. */
  async refreshTeamMemberWeeks(weeks: readonly WeekBounds[], timezone: string): Promise<number> {
    if (weeks.length === 0) return 0;
    const [labels, starts, ends] = weekArrays(weeks);
    await this.db.query(`DELETE FROM team_member_weeks WHERE week = ANY($1::text[])`, [labels]);
    return insertCount(
      this.db,
        `WITH ${weeksFragment(1, 2, 3)}, members AS (
           SELECT DISTINCT ON (ms.team_id, ms.person_id, wk.week) ms.team_id, ms.person_id, ms.role, wk.week
           FROM membership_spans ms JOIN weeks wk ON ms.from_at < wk.end_at AND ms.to_at >= wk.end_at
           ORDER BY ms.team_id, ms.person_id, wk.week, ms.role
         ), reviewed AS (
           SELECT tp.team_id, rv.person_id, to_char(r.submitted_at AT TIME ZONE $4, 'IYYY-"W"IW') AS week,
             count(DISTINCT r.pull_request_id) AS reviewed,
             count(DISTINCT r.pull_request_id) FILTER (WHERE r.state = 'APPROVED') AS approved
           FROM github_reviews r
           JOIN github_people rv ON rv.user_id = r.author_id AND NOT rv.bot AND rv.person_id IS NOT NULL
           JOIN team_pull_requests tp ON tp.pull_request_id = r.pull_request_id
           JOIN pull_request_facts f ON f.pull_request_id = r.pull_request_id AND f.author_person_id IS DISTINCT FROM rv.person_id
           WHERE r.submitted_at >= $5 AND r.submitted_at < $6 AND r.state <> 'PENDING'
           GROUP BY 1, 2, 3
         ), requested AS (
           SELECT tp.team_id, w.reviewer_person_id AS person_id, to_char(w.requested_at AT TIME ZONE $4, 'IYYY-"W"IW') AS week,
             count(DISTINCT w.pull_request_id) AS requested
           FROM review_waits w JOIN team_pull_requests tp ON tp.pull_request_id = w.pull_request_id
           WHERE w.reviewer_person_id IS NOT NULL AND w.requested_at >= $5 AND w.requested_at < $6
           GROUP BY 1, 2, 3
         )
         INSERT INTO team_member_weeks (team_id, person_id, week, role, reviewed_pull_requests, approved_pull_requests, requested_pull_requests, participation)
         SELECT m.team_id, m.person_id, m.week, m.role, COALESCE(rv.reviewed, 0), COALESCE(rv.approved, 0), COALESCE(rq.requested, 0), COALESCE(pw.participation, 0)
         FROM members m
         LEFT JOIN reviewed rv ON rv.team_id = m.team_id AND rv.person_id = m.person_id AND rv.week = m.week
         LEFT JOIN requested rq ON rq.team_id = m.team_id AND rq.person_id = m.person_id AND rq.week = m.week
         LEFT JOIN person_weeks pw ON pw.person_id = m.person_id AND pw.week = m.week`,
        [labels, starts, ends, timezone, starts[0], ends[ends.length - 1]],
    );
  }

  /** Each team's review speed, load concentration and rewrite frequency, for each of `weeks`. */
  async refreshTeamWeeks(weeks: readonly WeekBounds[], timezone: string, asOf: Date): Promise<number> {
    if (weeks.length === 0) return 0;
    const [labels, starts, ends] = weekArrays(weeks);
    await this.db.query(`DELETE FROM team_weeks WHERE week = ANY($1::text[])`, [labels]);
    return insertCount(
      this.db,
        `WITH ${weeksFragment(1, 2, 3)}, team_facts AS (
           SELECT tp.team_id, f.* FROM team_pull_requests tp JOIN pull_request_facts f ON f.pull_request_id = tp.pull_request_id AND NOT f.author_is_bot
         ), speed AS (
           SELECT tf.team_id, wk.week,
             count(*) AS reviewable,
             count(*) FILTER (WHERE tf.first_review_at IS NULL OR tf.first_review_at >= wk.end_at) AS waiting_at_end,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY x.hours) FILTER (WHERE x.hours IS NOT NULL) AS ttfr_median,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY x.hours) FILTER (WHERE x.hours IS NOT NULL) AS ttfr_p90
           FROM team_facts tf
           JOIN weeks wk ON tf.reviewable_at >= wk.start_at AND tf.reviewable_at < wk.end_at
           CROSS JOIN LATERAL (SELECT CASE
             WHEN tf.first_review_at IS NOT NULL THEN GREATEST(0, extract(epoch FROM tf.first_review_at - tf.reviewable_at) / 3600)
             WHEN tf.closed_at IS NULL THEN GREATEST(0, extract(epoch FROM $7 - tf.reviewable_at) / 3600)
           END AS hours) x
           GROUP BY 1, 2
         ), opened AS (
           SELECT tf.team_id, to_char(tf.created_at AT TIME ZONE $4, 'IYYY-"W"IW') AS week, count(*) AS opened
           FROM team_facts tf WHERE tf.created_at >= $5 AND tf.created_at < $6 GROUP BY 1, 2
         ), merged AS (
           SELECT tf.team_id, to_char(tf.merged_at AT TIME ZONE $4, 'IYYY-"W"IW') AS week, count(DISTINCT tf.pull_request_id) AS merged,
             count(DISTINCT tf.pull_request_id) FILTER (WHERE ms.person_id IS NOT NULL) AS teammate_merged
           FROM team_facts tf
           LEFT JOIN membership_spans ms ON ms.team_id = tf.team_id AND ms.person_id = tf.author_person_id AND ms.role = 'member'
             AND ms.from_at <= tf.merged_at AND ms.to_at > tf.merged_at
           WHERE tf.merged_at >= $5 AND tf.merged_at < $6 GROUP BY 1, 2
         ), rewrites AS (
           SELECT r.team_id, to_char(r.merged_at AT TIME ZONE $4, 'IYYY-"W"IW') AS week,
             count(DISTINCT r.pull_request_id) AS rewritten,
             count(DISTINCT r.pull_request_id) FILTER (WHERE r.takeover) AS takeovers,
             count(DISTINCT r.pull_request_id) FILTER (WHERE r.post_merge_rewrite) AS post_merge,
             count(DISTINCT r.pull_request_id) FILTER (WHERE r.dictation) AS dictations
           FROM pull_request_rewrites r WHERE r.merged_at >= $5 AND r.merged_at < $6 GROUP BY 1, 2
         ), load AS (
           SELECT m.team_id, m.week, sum(m.reviewed_pull_requests) AS reviews, max(m.reviewed_pull_requests) AS top, count(*) AS n,
             (SELECT sum(abs(a.reviewed_pull_requests - b.reviewed_pull_requests)) FROM team_member_weeks a JOIN team_member_weeks b
               ON b.team_id = a.team_id AND b.week = a.week WHERE a.team_id = m.team_id AND a.week = m.week) AS abs_diff_sum
           FROM team_member_weeks m WHERE m.week = ANY($1::text[]) GROUP BY 1, 2
         ), participation AS (
           SELECT m.team_id, m.week, percentile_cont(0.5) WITHIN GROUP (ORDER BY pw.participation) AS median
           FROM team_member_weeks m JOIN person_weeks pw ON pw.person_id = m.person_id AND pw.week = m.week AND NOT pw.on_leave
           WHERE m.week = ANY($1::text[]) GROUP BY 1, 2
         )
         INSERT INTO team_weeks (team_id, week, pull_requests_opened, pull_requests_reviewable, pull_requests_merged, ttfr_median_hours, ttfr_p90_hours,
           waiting_at_end, reviews, review_top_share, review_gini, teammate_merged, rewritten, takeovers, post_merge_rewrites, dictations, participation_median)
         SELECT t.id, wk.week, COALESCE(o.opened, 0), COALESCE(s.reviewable, 0), COALESCE(mg.merged, 0), s.ttfr_median, s.ttfr_p90,
           COALESCE(s.waiting_at_end, 0), COALESCE(l.reviews, 0),
           CASE WHEN l.reviews > 0 THEN l.top::float8 / l.reviews END,
           CASE WHEN l.reviews > 0 AND l.n >= 2 THEN l.abs_diff_sum::float8 / (2 * l.n * l.reviews) END,
           COALESCE(mg.teammate_merged, 0), COALESCE(rw.rewritten, 0), COALESCE(rw.takeovers, 0), COALESCE(rw.post_merge, 0), COALESCE(rw.dictations, 0),
           pa.median
         FROM teams t CROSS JOIN weeks wk
         LEFT JOIN speed s ON s.team_id = t.id AND s.week = wk.week
         LEFT JOIN opened o ON o.team_id = t.id AND o.week = wk.week
         LEFT JOIN merged mg ON mg.team_id = t.id AND mg.week = wk.week
         LEFT JOIN rewrites rw ON rw.team_id = t.id AND rw.week = wk.week
         LEFT JOIN load l ON l.team_id = t.id AND l.week = wk.week
         LEFT JOIN participation pa ON pa.team_id = t.id AND pa.week = wk.week
         WHERE t.archived_at IS NULL`,
        [labels, starts, ends, timezone, starts[0], ends[ends.length - 1], asOf],
    );
  }
}
