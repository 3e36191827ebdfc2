/**
 * Benchmark data for the analysis: a generated organisation written straight into the source
 * tables (people, identities, teams, memberships, leave periods, the organisation row, github_*,
 * slack_*) with set-based SQL, the way a year of syncs would have left them.
 *
 * Default size: 1,000 people in 150 teams of 6 or 7 (one lead each), one repository
 * (`acme/team-N`) and one Slack channel (`#team-N`) per team, 52 ISO weeks ending on 2026-11-13,
 * 100,000 pull requests (with review requests, reviews, review and conversation comments,
 * commits) and about 2,000,000 Slack messages (threads with replies).
 *
 * Everything is a function of the row number through `hashint8extended(n, salt)`, so the same
 * options give the same rows on every run. Planted patterns, so that the analysis has something to
 * find (team and person numbers are 1-based):
 * - bottleneck leads: in teams 3, 13, 23, ... every teammate's pull request requests the lead, who
 *   answers after 10 to 77 hours (others: 10 minutes to 30 hours);
 * - rewriting leads: in teams 6, 16, 26, ... the lead reviews every teammate's pull request with
 *   suggestion-heavy reviews; about 35% of those pull requests get a commit pushed by the lead
 *   (takeover) and about 30% a commit `Co-authored-by` the lead (applied suggestions);
 * - silent members: the members (not leads) whose number is a multiple of 43 (172, 215, ... at
 *   1,000 people) post, reply and review only one working day in ten in the last 3 weeks;
 * - leave: people 5, 102, 199, ... are on declared leave for two weeks 14 weeks before the end and
 *   write nothing then;
 * - bots: `renovate[bot]` authors 2% of the pull requests, `copilot-pull-request-reviewer[bot]`
 *   is requested on and reviews 5%, a Slack bot user posts 1% of the top-level messages.
 *
 * `npm run bench:analysis-seed` (options: `-- --people N --prs N --messages N --keep`) seeds a
 * scratch database, prints the time and the counts, adds an incremental week, and drops the
 * database again (about 30 s for the default size on two cores).
 */
import { createDataSource, runMigrations } from '@undercurrent/db';
import { createTestDatabase } from '@undercurrent/testing';
import { Client } from 'pg';

export interface AnalysisSeedOptions {
  people?: number;
  weeks?: number;
  /** YYYY-MM-DD: the last day with data (its ISO week is the last week). */
  endDate?: string;
  pullRequests?: number;
  /** Approximate: threads are generated with a deterministic number of replies each. */
  messages?: number;
}

export interface AnalysisSeedResult {
  people: number;
  teams: number;
  pullRequests: number;
  reviews: number;
  reviewRequests: number;
  messages: number;
  seconds: number;
}

// Id spaces (GitHub's numeric ids are bigint; ours only need to be unique and stable). Pull requests,
// reviews and comments are past 2^32, as GitHub's are past 2^31 (see GITHUB_ID_RANGES).
const USER_ID = 1_000_000; // + person number
const BOT_AUTHOR_ID = 900_001; // renovate[bot]
const BOT_REVIEWER_ID = 900_002; // copilot-pull-request-reviewer[bot]
const REPO_ID = 500_000; // + team number
const PR_ID = 4_300_000_000; // + pull request number i (global)
const REVIEW_ID = 4_400_000_000; // + i * 8 + slot
const REVIEW_COMMENT_ID = 3_000_000_000; // + (review slot id) * 8 + n
const CONVERSATION_COMMENT_ID = 5_000_000_000; // + i * 4 + n
const SLACK_BOT = 'UDEPLOYBOT';
const SLACK_TEAM = 'T0ACME0001';
/** Replies per thread root: 60% none, else 1 to 5 (mean 1.2); bot posts (1%) none: messages ≈ 2.188 × roots. */
const MESSAGES_PER_ROOT = 2.188;
/** Slack ts fractions (6 digits): each thread root owns 8 (itself and up to 5 replies). */
const FRACTION_SPACE = 1_000_000;
/** The organisation row's file_hash names the seeded window, so that seedIncrementalWeek can find it again. */
const FILE_HASH_PREFIX = 'analysis-seed';

interface Shape {
  P: number;
  T: number;
  D: number;
  /** First day (a Monday) and last day (endDate), YYYY-MM-DD. */
  start: string;
  end: string;
  /** Day index of the last ISO week's Monday (or of its first working day held). */
  lastWeek: number;
  pad: number;
}

/** A pseudo-random non-negative integer below 2^31 from an integer expression and a salt. */
const H = (expr: string, salt: number) => `(hashint8extended((${expr})::bigint, ${salt}) & 2147483647)`;

/** Whether person number `idx` writes nothing on working day `d`: quiet lately (silent members) or on leave. */
function unavailable(s: Shape, idx: string, d: string): string {
  const leave = leaveDays(s);
  return `(((${idx}) > ${s.T} AND (${idx}) % 43 = 0 AND (${d}) >= ${s.D - 15} AND (${d}) % 10 <> 2) OR ((${idx}) % 97 = 5 AND (${d}) BETWEEN ${leave.from} AND ${leave.to}))`;
}

function leaveDays(s: Shape): { from: number; to: number } {
  const from = Math.max(0, s.D - 70);
  return { from, to: Math.min(s.D - 1, from + 9) };
}

const personId = (s: Shape, idx: string) => `'p' || lpad((${idx})::text, ${s.pad}, '0')`;
const login = (s: Shape, idx: string) => `'dev-' || lpad((${idx})::text, ${s.pad}, '0')`;
const email = (s: Shape, idx: string) => `'person' || lpad((${idx})::text, ${s.pad}, '0') || '@acme.example'`;
const slackId = (idx: string) => `'U' || lpad((${idx})::text, 8, '0')`;
const channelId = (team: string) => `'C' || lpad((${team})::text, 8, '0')`;

function shapeOf(options: AnalysisSeedOptions): Shape & { N: number; M: number } {
  const P = options.people ?? 1000;
  const weeks = options.weeks ?? 52;
  const endDate = options.endDate ?? '2026-11-13';
  const N = options.pullRequests ?? 100_000;
  const M = options.messages ?? 2_000_000;
  if (!Number.isInteger(P) || P < 14) throw new Error('people: at least 14');
  if (!Number.isInteger(weeks) || weeks < 1) throw new Error('weeks: at least 1');
  if (!Number.isInteger(N) || N < 0 || !Number.isInteger(M) || M < 0) throw new Error('pullRequests and messages: whole numbers');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(endDate) || Number.isNaN(Date.parse(`${endDate}T00:00:00Z`))) throw new Error(`endDate: not a date: ${endDate}`);
  const T = Math.max(2, Math.round((P * 3) / 20));
  const end = new Date(`${endDate}T00:00:00Z`);
  const monday = new Date(end.getTime() - ((end.getUTCDay() + 6) % 7) * 86_400_000);
  const first = new Date(monday.getTime() - (weeks - 1) * 7 * 86_400_000);
  let D = 0;
  let lastWeek = 0;
  for (let t = first.getTime(); t <= end.getTime(); t += 86_400_000) {
    if (t === monday.getTime()) lastWeek = D;
    const dow = new Date(t).getUTCDay();
    if (dow !== 0 && dow !== 6) D += 1;
  }
  if (D === 0) throw new Error('the window holds no working day');
  return { P, T, D, N, M, start: first.toISOString().slice(0, 10), end: endDate, lastWeek: Math.min(lastWeek, D - 1), pad: Math.max(5, String(P).length) };
}

/** The shape of a database seeded by `seedAnalysisBenchmark`, read back from it. */
async function shapeFromDatabase(c: Client): Promise<Shape & { N: number }> {
  const [row] = (
    await c.query(`SELECT (SELECT count(*) FROM people)::int AS people, (SELECT count(*) FROM teams)::int AS teams,
      (SELECT max(id) FROM github_pull_requests)::bigint AS max_pr, (SELECT file_hash FROM organisation WHERE id = 1) AS hash`)
  ).rows as { people: number; teams: number; max_pr: string | null; hash: string | null }[];
  const [prefix, start, end] = (row?.hash ?? '').split(':');
  if (prefix !== FILE_HASH_PREFIX || !start || !end) throw new Error('the database was not seeded by seedAnalysisBenchmark');
  const weeks = Math.floor((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / (7 * 86_400_000)) + 1;
  const shape = shapeOf({ people: row!.people, weeks, endDate: end });
  if (shape.T !== row!.teams || shape.start !== start) throw new Error('the database was not seeded by seedAnalysisBenchmark');
  return { ...shape, N: row!.max_pr === null ? 0 : Number(row!.max_pr) - PR_ID };
}

async function connect(databaseUrl: string): Promise<Client> {
  const c = new Client({ connectionString: databaseUrl, application_name: 'undercurrent-analysis-seed' });
  await c.connect();
  // Generated data, re-creatable at will: no need to wait for each commit's flush.
  await c.query(`SET synchronous_commit = off; SET work_mem = '256MB'; SET maintenance_work_mem = '512MB'; SET TIME ZONE 'UTC'`);
  return c;
}

async function ensureMigrated(databaseUrl: string, c: Client): Promise<void> {
  const { rows } = await c.query(`SELECT to_regclass('public.slack_messages') IS NOT NULL AS ok`);
  if ((rows[0] as { ok: boolean }).ok) return;
  const dataSource = createDataSource(databaseUrl, { poolSize: 2, applicationName: 'undercurrent-analysis-seed' });
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// Organisation
// ---------------------------------------------------------------------------------------------

async function seedOrganisation(c: Client, s: Shape): Promise<void> {
  const { P, T } = s;
  const leave = leaveDays(s);
  const teamOf = (idx: string) => `(((${idx}) - 1) % ${T}) + 1`;
  await c.query(`
    CREATE TEMP TABLE seed_days AS
      SELECT (row_number() OVER (ORDER BY day) - 1)::int AS d, day::date AS day
      FROM generate_series('${s.start}'::date, '${s.end}'::date, interval '1 day') AS day
      WHERE extract(isodow FROM day) < 6;
    CREATE UNIQUE INDEX ON seed_days (d);
    INSERT INTO organisation (id, timezone, github, slack, bots, signals, alerts, file_hash)
      VALUES (1, 'Europe/Berlin', '{"organizations": ["acme"], "repositories": []}', '{"channels": []}', '{}', '{}', '{}', '${FILE_HASH_PREFIX}:${s.start}:${s.end}');
    INSERT INTO people (id, name, email, source, created_at, updated_at)
      SELECT ${personId(s, 'i')}, 'Person ' || lpad(i::text, ${s.pad}, '0'), ${email(s, 'i')}, 'org_file', '2020-01-01', '2020-01-01'
      FROM generate_series(1, ${P}) AS i;
    INSERT INTO identities (person_id, kind, value, source)
      SELECT ${personId(s, 'i')}, k.kind, CASE k.kind WHEN 'github' THEN ${login(s, 'i')} WHEN 'slack' THEN ${slackId('i')} ELSE ${email(s, 'i')} END, 'org_file'
      FROM generate_series(1, ${P}) AS i CROSS JOIN (VALUES ('github'), ('slack'), ('email')) AS k(kind);
    INSERT INTO teams (id, name, channels, repositories, created_at, updated_at)
      SELECT 'team-' || t, 'Team ' || t, ARRAY['#team-' || t], ARRAY['acme/team-' || t], '2020-01-01', '2020-01-01'
      FROM generate_series(1, ${T}) AS t;
    INSERT INTO memberships (team_id, person_id, role, started_at)
      SELECT 'team-' || ${teamOf('i')}, ${personId(s, 'i')}, CASE WHEN i <= ${T} THEN 'lead' ELSE 'member' END, '2020-01-01'
      FROM generate_series(1, ${P}) AS i;
    INSERT INTO leave_periods (person_id, starts_on, ends_on, source)
      SELECT ${personId(s, 'i')}, (SELECT day FROM seed_days WHERE d = ${leave.from}), (SELECT day FROM seed_days WHERE d = ${leave.to}), 'org_file'
      FROM generate_series(1, ${P}) AS i WHERE i % 97 = 5;
    INSERT INTO github_users (id, login, type, is_bot)
      SELECT ${USER_ID} + i, ${login(s, 'i')}, 'User', false FROM generate_series(1, ${P}) AS i
      UNION ALL VALUES (${BOT_AUTHOR_ID}, 'renovate[bot]', 'Bot', true), (${BOT_REVIEWER_ID}, 'copilot-pull-request-reviewer[bot]', 'Bot', true);
    INSERT INTO github_repositories (id, full_name, default_branch, is_archived)
      SELECT ${REPO_ID} + t, 'acme/team-' || t, 'main', false FROM generate_series(1, ${T}) AS t;
    INSERT INTO slack_users (id, team_id, name, real_name, email, tz, is_bot, deleted)
      SELECT ${slackId('i')}, '${SLACK_TEAM}', 'person' || lpad(i::text, ${s.pad}, '0'), 'Person ' || lpad(i::text, ${s.pad}, '0'), ${email(s, 'i')}, 'Europe/Berlin', false, false
      FROM generate_series(1, ${P}) AS i
      UNION ALL VALUES ('${SLACK_BOT}', '${SLACK_TEAM}', 'deploy-bot', 'Deploy Bot', NULL, NULL, true, false);
    INSERT INTO slack_channels (id, name, is_private, is_archived)
      SELECT ${channelId('t')}, 'team-' || t, false, false FROM generate_series(1, ${T}) AS t;
  `);
}

// ---------------------------------------------------------------------------------------------
// GitHub
// ---------------------------------------------------------------------------------------------

/**
 * Pull requests i in [from, to] (global numbers; the repository is team ((i-1) mod T)+1 and the
 * number (i-1) div T + 1), created over working days [dFrom, dTo] in order of i, into the temp
 * table seed_pr with every time of their life.
 */
async function planPullRequests(c: Client, s: Shape, range: { from: number; to: number; dFrom: number; dTo: number }): Promise<void> {
  const { T, P } = s;
  const count = range.to - range.from + 1;
  const days = range.dTo - range.dFrom + 1;
  const W = `'${s.end}'::date + 1`;
  const mins = (expr: string) => `make_interval(mins => (${expr})::int)`;
  const hours = (expr: string) => `make_interval(hours => (${expr})::int)`;
  await c.query(`DROP TABLE IF EXISTS seed_pr`);
  await c.query(`
    CREATE TEMP TABLE seed_pr AS
    WITH a AS MATERIALIZED (
      SELECT i, ((i - 1) % ${T}) + 1 AS team, ((i - 1) / ${T}) + 1 AS number,
        ((${P} - (((i - 1) % ${T}) + 1)) / ${T}) + 1 AS s,
        ${range.dFrom} + (i - ${range.from})::numeric * ${days} / ${count} AS x
      FROM generate_series(${range.from}, ${range.to}) AS i
    ), b AS MATERIALIZED (
      -- Created in order of i, 07:00 to 16:00 UTC on working days (08:00 to 17:00 in Berlin in winter).
      SELECT a.i, a.team, a.number, a.s, sd.d,
        (sd.day + interval '7 hours' + make_interval(secs => ((a.x - floor(a.x)) * 32400)::int + ${H('a.i', 1)} % 60))::timestamp AT TIME ZONE 'UTC' AS created_at,
        ${H('a.i', 2)} % a.s AS k0,
        ${H('a.i', 3)} % 100 < 2 AS bot_pr,
        CASE WHEN ${H('a.i', 4)} % 100 < 9 THEN 'draft' WHEN ${H('a.i', 4)} % 100 = 9 THEN 'stuck' WHEN ${H('a.i', 4)} % 100 < 12 THEN 'bounce' ELSE 'none' END AS draft_kind
      FROM a JOIN seed_days sd ON sd.d = floor(a.x)::int
    ), c AS MATERIALIZED (
      SELECT b.*,
        CASE WHEN ${unavailable(s, 'b.team + b.k0 * ' + T, 'b.d')} THEN (b.k0 + 1) % b.s ELSE b.k0 END AS ak,
        CASE b.draft_kind WHEN 'draft' THEN b.created_at + ${hours(`1 + ${H('b.i', 5)} % 20`)} WHEN 'bounce' THEN b.created_at + interval '2 hours'
          WHEN 'stuck' THEN NULL ELSE b.created_at END AS ready_at
      FROM b
    ), d AS MATERIALIZED (
      -- First reviewer: the lead in bottleneck (3) and rewriting (6) teams, else a random teammate.
      SELECT c.*,
        CASE WHEN c.team % 10 IN (3, 6) AND c.ak <> 0 THEN c.s - c.ak - 1 ELSE ${H('c.i', 6)} % (c.s - 1) END AS off1,
        ${H('c.i', 7)} % 100 < 35 AS has2
      FROM c
    ), e AS MATERIALIZED (
      SELECT d.*,
        (d.ak + 1 + d.off1) % d.s AS rk1,
        (d.ak + 1 + (d.off1 + 1 + ${H('d.i', 8)} % (d.s - 2)) % (d.s - 1)) % d.s AS rk2
      FROM d
    ), f AS MATERIALIZED (
      SELECT e.*, e.team + e.ak * ${T} AS aidx, e.team + e.rk1 * ${T} AS r1idx, e.team + e.rk2 * ${T} AS r2idx,
        e.ready_at + make_interval(secs => ${H('e.i', 9)} % 1800) AS req1_at,
        CASE WHEN e.has2 THEN e.ready_at + make_interval(secs => ${H('e.i', 10)} % 3600) END AS req2_at,
        CASE WHEN e.team % 10 = 3 AND e.rk1 = 0 THEN 600 + ${H('e.i', 11)} % 4000 ELSE 10 + (${H('e.i', 11)} % 1000) * (${H('e.i', 11)} % 1000) * 18 / 10000 END AS delay1,
        10 + (${H('e.i', 21)} % 1000) * (${H('e.i', 21)} % 1000) * 18 / 10000 AS delay2,
        CASE WHEN ${H('e.i', 14)} % 100 < 65 THEN 'APPROVED' WHEN ${H('e.i', 14)} % 100 < 80 THEN 'CHANGES_REQUESTED' ELSE 'COMMENTED' END AS state1,
        CASE WHEN ${H('e.i', 24)} % 100 < 65 THEN 'APPROVED' WHEN ${H('e.i', 24)} % 100 < 80 THEN 'CHANGES_REQUESTED' ELSE 'COMMENTED' END AS state2,
        e.team % 10 = 6 AND e.ak <> 0 AND NOT e.bot_pr AS rewriting
      FROM e
    ), g AS MATERIALIZED (
      SELECT f.*,
        ${unavailable(s, 'f.r1idx', 'f.d')} OR ${H('f.i', 12)} % 100 < 3 AS removed1,
        ${unavailable(s, 'f.r2idx', 'f.d')} OR ${H('f.i', 22)} % 100 < 3 AS removed2
      FROM f
    ), h AS MATERIALIZED (
      SELECT g.*,
        CASE WHEN g.removed1 THEN g.req1_at + ${hours(`2 + ${H('g.i', 13)} % 46`)} END AS removed1_at,
        CASE WHEN g.removed2 THEN g.req2_at + ${hours(`2 + ${H('g.i', 23)} % 46`)} END AS removed2_at,
        CASE WHEN NOT g.removed1 THEN g.req1_at + ${mins('g.delay1')} END AS rev1_at,
        CASE WHEN NOT g.removed2 THEN g.req2_at + ${mins('g.delay2')} END AS rev2_at
      FROM g
    ), i AS MATERIALIZED (
      SELECT h.*,
        CASE WHEN h.state1 = 'CHANGES_REQUESTED' THEN h.rev1_at + ${hours(`1 + ${H('h.i', 15)} % 20`)} END AS rereq1_at,
        CASE WHEN h.state2 = 'CHANGES_REQUESTED' THEN h.rev2_at + ${hours(`1 + ${H('h.i', 25)} % 20`)} END AS rereq2_at,
        CASE WHEN ${H('h.i', 17)} % 100 < 5 THEN h.ready_at + interval '1 minute' END AS botreq_at,
        CASE WHEN ${H('h.i', 18)} % 100 < 3 THEN h.ready_at END AS teamreq_at,
        -- The lead pushes onto a teammate's open pull request (takeover): a third in rewriting teams, 2% elsewhere.
        CASE WHEN h.ak <> 0 AND NOT h.bot_pr AND ${H('h.i', 51)} % 100 < CASE WHEN h.rewriting THEN 35 ELSE 2 END
          THEN h.ready_at + ${hours(`1 + ${H('h.i', 52)} % 20`)} END AS takeover_at,
        -- Applied suggestions (a commit Co-authored-by the first reviewer): most in rewriting teams, 4% elsewhere.
        CASE WHEN NOT h.bot_pr AND h.state1 <> 'APPROVED' AND ${H('h.i', 53)} % 100 < CASE WHEN h.rewriting THEN 85 ELSE 4 END
          THEN h.rev1_at + interval '30 minutes' END AS suggestion_at,
        ${H('h.i', 40)} % 3 AS conversations
      FROM h
    ), j AS MATERIALIZED (
      SELECT i.*,
        i.rereq1_at + ${mins(`30 + ${H('i.i', 16)} % 570`)} AS fu1_at,
        i.rereq2_at + ${mins(`30 + ${H('i.i', 26)} % 570`)} AS fu2_at,
        i.botreq_at + interval '4 minutes' AS botrev_at,
        CASE WHEN i.conversations >= 1 THEN coalesce(i.ready_at, i.created_at) + interval '10 minutes' END AS conv1_at,
        CASE WHEN i.conversations >= 2 THEN coalesce(i.ready_at, i.created_at) + interval '20 minutes' END AS conv2_at
      FROM i
    ), k AS MATERIALIZED (
      SELECT j.*,
        greatest(j.created_at, j.ready_at, j.rev1_at, j.rev2_at, j.fu1_at, j.fu2_at, j.botrev_at, j.removed1_at, j.removed2_at,
                 j.takeover_at, j.suggestion_at, j.conv1_at, j.conv2_at) AS last_at,
        CASE WHEN j.draft_kind = 'stuck' THEN 'open' WHEN ${H('j.i', 19)} % 100 < 86 THEN 'merged' WHEN ${H('j.i', 19)} % 100 < 96 THEN 'closed' ELSE 'open' END AS fate0
      FROM j
    ), l AS MATERIALIZED (
      SELECT k.*,
        CASE k.fate0 WHEN 'merged' THEN k.last_at + ${mins(`30 + ${H('k.i', 20)} % 1410`)} WHEN 'closed' THEN k.last_at + ${hours(`1 + ${H('k.i', 20)} % 200`)} END AS end_at
      FROM k
    )
    SELECT l.*, ${PR_ID}::bigint + l.i AS id, ${W} AS w,
      CASE WHEN l.end_at IS NULL OR l.end_at >= ${W} THEN 'open' ELSE l.fate0 END AS fate
    FROM l
  `);
  await c.query(`ANALYZE seed_pr`);
}

/** Inserts the planned pull requests (seed_pr) and everything that happened on them before the window's end. */
async function insertPullRequests(c: Client, s: Shape, options: { bumpUpdatedAt: boolean }): Promise<void> {
  const W = `'${s.end}'::date + 1`;
  const uid = (idx: string) => `${USER_ID} + (${idx})`;
  const before = (t: string) => `CASE WHEN ${t} < ${W} THEN ${t} END`;
  const updatedAt = `greatest(p.created_at, ${['ready_at', 'rev1_at', 'rev2_at', 'fu1_at', 'fu2_at', 'botrev_at', 'removed1_at', 'removed2_at', 'takeover_at', 'suggestion_at', 'conv1_at', 'conv2_at', 'end_at']
    .map((col) => before(`p.${col}`))
    .join(', ')})`;
  const author = `CASE WHEN p.bot_pr THEN ${BOT_AUTHOR_ID} ELSE ${uid('p.aidx')} END`;
  await c.query(`
    INSERT INTO github_pull_requests (id, repository_id, number, author_id, state, is_draft, created_as_draft, created_at, updated_at, merged_at, closed_at,
      merged_by_id, base_ref, merge_commit_sha, additions, deletions, changed_files)
    SELECT p.id, ${REPO_ID} + p.team, p.number, ${author}, p.fate, p.draft_kind = 'stuck', p.draft_kind IN ('draft', 'stuck'), p.created_at,
      ${options.bumpUpdatedAt ? `greatest(${updatedAt}, clock_timestamp())` : updatedAt},
      CASE WHEN p.fate = 'merged' THEN p.end_at END, CASE WHEN p.fate <> 'open' THEN p.end_at END,
      CASE WHEN p.fate = 'merged' THEN ${uid(`CASE WHEN ${H('p.i', 30)} % 10 < 3 THEN p.team ELSE p.aidx END`)} END,
      'main', CASE WHEN p.fate = 'merged' THEN md5('merge:' || p.id) || left(md5('m:' || p.id), 8) END,
      1 + (${H('p.i', 31)} % 1000) * (${H('p.i', 31)} % 1000) / 2000, ${H('p.i', 32)} % 200, 1 + ${H('p.i', 33)} % 20
    FROM seed_pr p
  `);
  // Timeline events: draft changes, review requests (people, a team, a bot), removals, re-requests after changes were requested.
  await c.query(`
    INSERT INTO github_pr_events (id, pull_request_id, kind, actor_id, reviewer_id, reviewer_team, created_at)
    SELECT e.id, p.id, e.kind, ${author}, e.reviewer_id, e.reviewer_team, e.at
    FROM seed_pr p CROSS JOIN LATERAL (VALUES
      ('CTDE_' || p.id, 'convert_to_draft', NULL::bigint, NULL::text, CASE WHEN p.draft_kind = 'bounce' THEN p.created_at + interval '30 minutes' END),
      ('RFRE_' || p.id, 'ready_for_review', NULL, NULL, CASE WHEN p.draft_kind IN ('draft', 'bounce') THEN p.ready_at END),
      ('RRE_' || p.id || '_1', 'review_requested', ${uid('p.r1idx')}, NULL, p.req1_at),
      ('RRRE_' || p.id || '_1', 'review_request_removed', ${uid('p.r1idx')}, NULL, p.removed1_at),
      ('RRE_' || p.id || '_1b', 'review_requested', ${uid('p.r1idx')}, NULL, p.rereq1_at),
      ('RRE_' || p.id || '_2', 'review_requested', ${uid('p.r2idx')}, NULL, p.req2_at),
      ('RRRE_' || p.id || '_2', 'review_request_removed', ${uid('p.r2idx')}, NULL, p.removed2_at),
      ('RRE_' || p.id || '_2b', 'review_requested', ${uid('p.r2idx')}, NULL, p.rereq2_at),
      ('RRE_' || p.id || '_bot', 'review_requested', ${BOT_REVIEWER_ID}, NULL, p.botreq_at),
      ('RRE_' || p.id || '_team', 'review_requested', NULL, 'team-' || p.team, p.teamreq_at)
    ) AS e(id, kind, reviewer_id, reviewer_team, at)
    WHERE e.at IS NOT NULL AND e.at < ${W}
  `);
  // Reviews (slots: 1 first reviewer, 2 their approval after a re-request, 3 and 4 the second reviewer, 5 the bot).
  await c.query(`DROP TABLE IF EXISTS seed_rv`);
  await c.query(`
    CREATE TEMP TABLE seed_rv AS
    SELECT ${REVIEW_ID}::bigint + p.i * 8 + r.slot AS id, p.id AS pull_request_id, r.author_id, r.state, r.at AS submitted_at,
      p.rewriting AND r.slot IN (1, 2) AS dictating
    FROM seed_pr p CROSS JOIN LATERAL (VALUES
      (1, ${uid('p.r1idx')}, p.state1, p.rev1_at),
      (2, ${uid('p.r1idx')}, 'APPROVED', p.fu1_at),
      (3, ${uid('p.r2idx')}, p.state2, p.rev2_at),
      (4, ${uid('p.r2idx')}, 'APPROVED', p.fu2_at),
      (5, ${BOT_REVIEWER_ID}, 'COMMENTED', p.botrev_at)
    ) AS r(slot, author_id, state, at)
    WHERE r.at IS NOT NULL AND r.at < ${W}
  `);
  // Inline review comments (kind 'review'), some with suggestion blocks; the reviews' counts follow from them.
  const n = `(rv.id - ${REVIEW_ID}) * 8 + g.n`;
  await c.query(`
    INSERT INTO github_comments (id, pull_request_id, kind, review_id, author_id, created_at, suggestion_count)
    SELECT 'review:' || (${REVIEW_COMMENT_ID}::bigint + ${n}), rv.pull_request_id, 'review', rv.id, rv.author_id, rv.submitted_at,
      CASE WHEN rv.dictating THEN (CASE WHEN ${H(n, 35)} % 100 < 75 THEN 1 ELSE 0 END) + (CASE WHEN ${H(n, 36)} % 100 < 10 THEN 1 ELSE 0 END)
           WHEN ${H(n, 35)} % 100 < 6 THEN 1 ELSE 0 END
    FROM seed_rv rv CROSS JOIN LATERAL generate_series(1,
      CASE WHEN rv.dictating AND rv.state <> 'APPROVED' THEN 2 + ${H('rv.id', 34)} % 4
           WHEN rv.state = 'APPROVED' THEN CASE WHEN ${H('rv.id', 34)} % 10 < 2 THEN 1 ELSE 0 END
           WHEN rv.state = 'CHANGES_REQUESTED' THEN 1 + ${H('rv.id', 34)} % 4
           ELSE ${H('rv.id', 34)} % 3 END) AS g(n)
  `);
  await c.query(`
    INSERT INTO github_reviews (id, pull_request_id, author_id, state, submitted_at, comment_count, suggestion_count)
    SELECT rv.id, rv.pull_request_id, rv.author_id, rv.state, rv.submitted_at, coalesce(cc.comments, 0), coalesce(cc.suggestions, 0)
    FROM seed_rv rv
    LEFT JOIN (SELECT review_id, count(*)::int AS comments, sum(suggestion_count)::int AS suggestions
               FROM github_comments WHERE review_id >= (SELECT min(id) FROM seed_rv) AND review_id <= (SELECT max(id) FROM seed_rv) GROUP BY review_id) cc
      ON cc.review_id = rv.id
  `);
  // Conversation comments: the author, or the first reviewer answering.
  await c.query(`
    INSERT INTO github_comments (id, pull_request_id, kind, review_id, author_id, created_at, suggestion_count)
    SELECT 'issue:' || (${CONVERSATION_COMMENT_ID}::bigint + p.i * 4 + x.n), p.id, 'conversation', NULL,
      CASE WHEN x.n = 1 THEN ${author} ELSE ${uid('p.r1idx')} END, x.at, 0
    FROM seed_pr p CROSS JOIN LATERAL (VALUES (1, p.conv1_at), (2, p.conv2_at)) AS x(n, at)
    WHERE x.at IS NOT NULL AND x.at < ${W}
  `);
  // Commits: 1 to 3 by the author before opening; a fix after changes were requested; the lead's
  // takeover; applied suggestions (committed through the web, Co-authored-by the reviewer); a merge of the base branch.
  const sha = (tag: string) => `md5('${tag}:' || p.id || ':' || x.n) || left(md5(x.n || ':${tag}:' || p.id), 8)`;
  await c.query(`
    INSERT INTO github_commits (pull_request_id, sha, author_id, author_email, committer_id, committer_email, authored_at, committed_at, is_merge, co_author_emails)
    SELECT p.id, ${sha('c')}, x.author_id, x.author_email, x.committer_id, x.committer_email, x.at, x.at, x.is_merge, x.co_authors
    FROM seed_pr p
    CROSS JOIN LATERAL (SELECT CASE WHEN p.bot_pr THEN ${BOT_AUTHOR_ID}::bigint ELSE ${uid('p.aidx')} END AS id,
                               CASE WHEN p.bot_pr THEN 'bot@renovateapp.com' ELSE ${email(s, 'p.aidx')} END AS email) AS a
    CROSS JOIN LATERAL (
      SELECT g.n, a.id AS author_id, a.email AS author_email, a.id AS committer_id, a.email AS committer_email,
        p.created_at - make_interval(mins => ((4 - g.n) * (20 + ${H('p.i * 4 + g.n', 41)} % 100))::int) AS at, false AS is_merge, '{}'::text[] AS co_authors
      FROM generate_series(1, 1 + ${H('p.i', 42)} % 3) AS g(n)
      UNION ALL SELECT 10, a.id, a.email, a.id, a.email, p.rereq1_at - interval '15 minutes', false, '{}' WHERE p.rereq1_at IS NOT NULL
      UNION ALL SELECT 11, ${uid('p.team')}, ${email(s, 'p.team')}, ${uid('p.team')}, ${email(s, 'p.team')}, p.takeover_at, false, '{}' WHERE p.takeover_at IS NOT NULL
      UNION ALL SELECT 12, a.id, a.email, NULL, 'noreply@github.com', p.suggestion_at, false, ARRAY[${email(s, 'p.r1idx')}] WHERE p.suggestion_at IS NOT NULL
      UNION ALL SELECT 13, a.id, a.email, a.id, a.email, p.created_at - interval '5 minutes', true, '{}' WHERE ${H('p.i', 43)} % 100 < 5
    ) AS x
    WHERE x.at < ${W}
  `);
}

async function seedGithub(c: Client, s: Shape & { N: number }): Promise<void> {
  if (s.N === 0) return;
  await planPullRequests(c, s, { from: 1, to: s.N, dFrom: 0, dTo: s.D - 1 });
  await insertPullRequests(c, s, { bumpUpdatedAt: false });
  await c.query(`UPDATE github_repositories r SET pulls_cursor = m.updated FROM (SELECT repository_id, max(updated_at) AS updated FROM github_pull_requests GROUP BY repository_id) m WHERE m.repository_id = r.id`);
  await c.query(`DROP TABLE seed_pr; DROP TABLE seed_rv`);
}

// ---------------------------------------------------------------------------------------------
// Slack
// ---------------------------------------------------------------------------------------------

/**
 * Thread roots j in [from, to] (channel ((j-1) mod T)+1, its q-th root), posted on working days
 * [dFrom, dTo], each with its replies. A message's ts fraction is `fraction + q * 8 + n` (n = 0 for
 * the root, 1 to 5 for its replies), so ts is unique in its channel.
 */
async function insertMessages(c: Client, s: Shape, range: { from: number; to: number; dFrom: number; dTo: number; fraction: number }): Promise<void> {
  const { T, P } = s;
  const count = range.to - range.from + 1;
  if (count <= 0) return;
  const perChannel = Math.ceil(count / T);
  if (range.fraction + perChannel * 8 >= FRACTION_SPACE) throw new Error('too many Slack messages per channel for distinct ts fractions');
  const days = range.dTo - range.dFrom + 1;
  const reply = (nExpr: string) => `r.root_at + make_interval(mins => ((${nExpr}) * 20 + ${H(`r.j * 8 + (${nExpr})`, 66)} % 20)::int)`;
  const tsOf = (at: string, nExpr: string) => `extract(epoch FROM ${at})::bigint || '.' || lpad((${range.fraction} + r.q * 8 + (${nExpr}))::text, 6, '0')`;
  await c.query(`
    INSERT INTO slack_messages (channel_id, ts, user_id, bot_id, posted_at, thread_ts, reply_count, latest_reply_ts, subtype, reaction_count)
    SELECT m.channel_id, m.ts, m.user_id, NULL, to_timestamp(m.ts::numeric), m.thread_ts, m.reply_count, m.latest_reply_ts, NULL, m.reaction_count
    FROM (
      WITH a AS MATERIALIZED (
        SELECT j, ((j - 1) % ${T}) + 1 AS team, (j - ${range.from}) / ${T} AS q,
          ((${P} - (((j - 1) % ${T}) + 1)) / ${T}) + 1 AS s
        FROM generate_series(${range.from}, ${range.to}) AS j
      ), b AS MATERIALIZED (
        SELECT a.*, sd.d, (sd.day + interval '7 hours' + make_interval(secs => ${H('a.j', 65)} % 32400))::timestamp AT TIME ZONE 'UTC' AS root_at,
          ${H('a.j', 62)} % 100 = 0 AS bot,
          -- The lead speaks twice as often as each member.
          CASE WHEN ${H('a.j', 61)} % (a.s + 1) = a.s THEN 0 ELSE ${H('a.j', 61)} % (a.s + 1) END AS k0
        FROM a JOIN seed_days sd ON sd.d = ${range.dFrom} + (a.q * ${days}) / ${perChannel}
      ), r AS MATERIALIZED (
        SELECT b.*,
          CASE WHEN ${unavailable(s, `b.team + b.k0 * ${T}`, 'b.d')} THEN (b.k0 + 1) % b.s ELSE b.k0 END AS rk,
          CASE WHEN b.bot OR ${H('b.j', 63)} % 10 < 6 THEN 0 ELSE 1 + ${H('b.j', 64)} % 5 END AS rc
        FROM b
      )
      SELECT ${channelId('r.team')} AS channel_id,
        CASE WHEN g.n = 0 THEN ${tsOf('r.root_at', '0')} ELSE ${tsOf(reply('g.n'), 'g.n')} END AS ts,
        CASE WHEN g.n = 0 THEN CASE WHEN r.bot THEN '${SLACK_BOT}' ELSE ${slackId(`r.team + r.rk * ${T}`)} END
             ELSE ${slackId(`r.team + (CASE WHEN ${unavailable(s, `r.team + g.k * ${T}`, 'r.d')} THEN (g.k + 1) % r.s ELSE g.k END) * ${T}`)} END AS user_id,
        CASE WHEN r.rc = 0 THEN NULL ELSE ${tsOf('r.root_at', '0')} END AS thread_ts,
        CASE WHEN g.n = 0 THEN r.rc ELSE 0 END AS reply_count,
        CASE WHEN g.n = 0 AND r.rc > 0 THEN ${tsOf(reply('r.rc'), 'r.rc')} END AS latest_reply_ts,
        CASE WHEN ${H('r.j * 8 + g.n', 69)} % 4 = 0 THEN 1 + ${H('r.j * 8 + g.n', 70)} % 5 ELSE 0 END AS reaction_count
      FROM r CROSS JOIN LATERAL (
        SELECT n, CASE WHEN ${H('r.j * 8 + n', 67)} % 5 = 0 THEN r.rk ELSE (r.rk + 1 + ${H('r.j * 8 + n', 68)} % (r.s - 1)) % r.s END AS k
        FROM generate_series(0, r.rc) AS n
      ) AS g
    ) AS m
  `);
}

/** The secondary indexes of a table (not its primary key), to drop before a bulk load and build again after. */
async function secondaryIndexes(c: Client, table: string): Promise<{ name: string; definition: string }[]> {
  const { rows } = await c.query(
    `SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS definition
     FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
     JOIN pg_namespace ns ON ns.oid = t.relnamespace
     WHERE ns.nspname = 'public' AND t.relname = $1 AND NOT x.indisprimary
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)`,
    [table],
  );
  return rows as { name: string; definition: string }[];
}

async function seedSlack(c: Client, s: Shape & { M: number }): Promise<void> {
  const roots = Math.round(s.M / MESSAGES_PER_ROOT);
  // Building the secondary indexes once after the load is much faster than keeping them up to date row by row.
  const indexes = await secondaryIndexes(c, 'slack_messages');
  for (const index of indexes) await c.query(`DROP INDEX "${index.name}"`);
  try {
    await insertMessages(c, s, { from: 1, to: roots, dFrom: 0, dTo: s.D - 1, fraction: 0 });
  } finally {
    for (const index of indexes) await c.query(index.definition);
  }
  await c.query(`UPDATE slack_channels ch SET history_cursor_ts = m.ts FROM (SELECT channel_id, max(ts) AS ts FROM slack_messages GROUP BY channel_id) m WHERE m.channel_id = ch.id`);
}

// ---------------------------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------------------------

/**
 * Fills an empty, migrated database (migrated here if it is not) with the benchmark organisation.
 * Two connections work at once: GitHub on one, Slack on the other. Prints nothing.
 */
export async function seedAnalysisBenchmark(databaseUrl: string, options: AnalysisSeedOptions = {}): Promise<AnalysisSeedResult> {
  const started = Date.now();
  const shape = shapeOf(options);
  const a = await connect(databaseUrl);
  let b: Client | undefined;
  try {
    await ensureMigrated(databaseUrl, a);
    const { rows } = await a.query(`SELECT (SELECT count(*) FROM people)::int + (SELECT count(*) FROM github_pull_requests)::int + (SELECT count(*) FROM slack_messages)::int AS n`);
    if ((rows[0] as { n: number }).n > 0) throw new Error('seedAnalysisBenchmark needs an empty database (people, pull requests or messages found)');
    await seedOrganisation(a, shape);
    b = await connect(databaseUrl);
    // seed_days is a temp table of the first connection: the second makes its own.
    await b.query(`CREATE TEMP TABLE seed_days AS SELECT (row_number() OVER (ORDER BY day) - 1)::int AS d, day::date AS day
      FROM generate_series('${shape.start}'::date, '${shape.end}'::date, interval '1 day') AS day WHERE extract(isodow FROM day) < 6`);
    const slack = b;
    await Promise.all([seedGithub(a, shape), seedSlack(slack, shape)]);
    await Promise.all([
      a.query(`ANALYZE people; ANALYZE identities; ANALYZE teams; ANALYZE memberships; ANALYZE leave_periods; ANALYZE github_users; ANALYZE github_repositories;
               ANALYZE github_pull_requests; ANALYZE github_pr_events; ANALYZE github_reviews; ANALYZE github_comments; ANALYZE github_commits`),
      slack.query(`ANALYZE slack_users; ANALYZE slack_channels; ANALYZE slack_messages`),
    ]);
    const [counts] = (
      await a.query(`SELECT
        (SELECT count(*) FROM people)::int AS people,
        (SELECT count(*) FROM teams)::int AS teams,
        (SELECT count(*) FROM github_pull_requests)::int AS "pullRequests",
        (SELECT count(*) FROM github_reviews)::int AS reviews,
        (SELECT count(*) FROM github_pr_events WHERE kind = 'review_requested')::int AS "reviewRequests",
        (SELECT count(*) FROM slack_messages)::int AS messages`)
    ).rows as Omit<AnalysisSeedResult, 'seconds'>[];
    return { ...counts!, seconds: (Date.now() - started) / 1000 };
  } finally {
    await a.end();
    await b?.end();
  }
}

/**
 * An incremental sync's worth of new data in the last ISO week of a database seeded by
 * `seedAnalysisBenchmark`: about 2,000 new pull requests with their requests, reviews, comments
 * and commits, and about 40,000 new Slack messages. The new pull requests' `updated_at` is bumped to
 * now (as a sync reading them today would find it), so a change watermark sees them. Can be called
 * again: each call adds new rows. Returns the rows added. Prints nothing.
 */
export async function seedIncrementalWeek(databaseUrl: string, options: { pullRequests?: number; messages?: number } = {}): Promise<{ pullRequests: number; messages: number }> {
  const c = await connect(databaseUrl);
  try {
    const shape = await shapeFromDatabase(c);
    await c.query(`CREATE TEMP TABLE seed_days AS SELECT (row_number() OVER (ORDER BY day) - 1)::int AS d, day::date AS day
      FROM generate_series('${shape.start}'::date, '${shape.end}'::date, interval '1 day') AS day WHERE extract(isodow FROM day) < 6`);
    const prs = options.pullRequests ?? 2000;
    const roots = Math.round((options.messages ?? 40_000) / MESSAGES_PER_ROOT);
    const [before] = (await c.query(`SELECT (SELECT count(*) FROM github_pull_requests)::int AS prs, (SELECT count(*) FROM slack_messages)::int AS messages`)).rows as { prs: number; messages: number }[];
    await c.query('BEGIN');
    if (prs > 0) {
      await planPullRequests(c, shape, { from: shape.N + 1, to: shape.N + prs, dFrom: shape.lastWeek, dTo: shape.D - 1 });
      await insertPullRequests(c, shape, { bumpUpdatedAt: true });
    }
    if (roots > 0) {
      // Above every fraction used so far, so the new ts are new in every channel.
      const { rows } = await c.query(`SELECT coalesce(max(split_part(ts, '.', 2)::int), -1) AS f FROM slack_messages`);
      const fraction = Math.ceil(((rows[0] as { f: number }).f + 1) / 10_000) * 10_000;
      // Thread roots numbered past the first seeding's (the number seeds the hashes; channel = number mod teams).
      const base = 100_000_000 + fraction * 100;
      await insertMessages(c, shape, { from: base + 1, to: base + roots, dFrom: shape.lastWeek, dTo: shape.D - 1, fraction });
      await c.query(`UPDATE slack_channels ch SET history_cursor_ts = m.ts FROM (SELECT channel_id, max(ts) AS ts FROM slack_messages GROUP BY channel_id) m
                     WHERE m.channel_id = ch.id AND ch.history_cursor_ts IS DISTINCT FROM m.ts`);
    }
    await c.query('COMMIT');
    const [after] = (await c.query(`SELECT (SELECT count(*) FROM github_pull_requests)::int AS prs, (SELECT count(*) FROM slack_messages)::int AS messages`)).rows as { prs: number; messages: number }[];
    return { pullRequests: after!.prs - before!.prs, messages: after!.messages - before!.messages };
  } catch (error) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await c.end();
  }
}

/** `node dist/bench/test/bench/analysis-seed.js [--people N] [--prs N] [--messages N]`: seeds a scratch database, prints what it took, drops it. */
async function main(): Promise<void> {
  const { parseArgs } = await import('node:util');
  const { values } = parseArgs({ options: { people: { type: 'string' }, prs: { type: 'string' }, messages: { type: 'string' }, keep: { type: 'boolean' } } });
  const options: AnalysisSeedOptions = {
    ...(values.people ? { people: Number(values.people) } : {}),
    ...(values.prs ? { pullRequests: Number(values.prs) } : {}),
    ...(values.messages ? { messages: Number(values.messages) } : {}),
  };
  const db = await createTestDatabase({ fromTemplate: false });
  try {
    let t = Date.now();
    const dataSource = createDataSource(db.url, { poolSize: 2 });
    await dataSource.initialize();
    await runMigrations(dataSource);
    await dataSource.destroy();
    console.log(`migrated ${db.name} in ${((Date.now() - t) / 1000).toFixed(1)}s`);
    const seeded = await seedAnalysisBenchmark(db.url, options);
    console.log(`seeded: ${JSON.stringify(seeded)}`);
    t = Date.now();
    const week = await seedIncrementalWeek(db.url);
    console.log(`incremental week: ${JSON.stringify(week)} in ${((Date.now() - t) / 1000).toFixed(1)}s`);
    if (values.keep) console.log(`kept: ${db.url}`);
  } finally {
    if (!values.keep) await db.drop();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
