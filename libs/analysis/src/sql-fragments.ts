/**
 * Named relations the analytics SQL shares, so that "who is a person", "who is a bot", "which team
 * was someone on" and "which pull requests are a team's" mean the same thing in every query.
 *
 * Each is a name and a SELECT. The API's reports use them as CTEs (`cte`); the analysis creates
 * them once per run as indexed temporary tables of the same names (`SESSION_RELATIONS`), so that
 * its many queries join indexed tables instead of recomputing (and scanning) the same CTEs.
 * A relation may use the ones listed before it.
 */
export interface SqlRelation {
  name: string;
  select: string;
  /** Indexes of the temporary table: lists of columns. */
  indexes: string[][];
}

/** The organisation's bot list (GitHub logins or Slack ids), lower case. */
export const ORG_BOTS: SqlRelation = {
  name: 'org_bots',
  select: `SELECT COALESCE((SELECT array_agg(lower(b)) FROM organisation o, unnest(o.bots) b WHERE o.id = 1), '{}') AS bots`,
  indexes: [],
};

/**
 * GitHub accounts with their person (by an identity of kind github) and whether they are a bot:
 * `[bot]` accounts and `Bot` type (marked at sync time) or the configured list.
 */
export const GITHUB_PEOPLE: SqlRelation = {
  name: 'github_people',
  select: `SELECT u.id AS user_id, u.login, i.person_id,
    (u.is_bot OR regexp_replace(u.login, '\\[bot\\]$', '') = ANY((SELECT bots FROM org_bots)::text[])) AS bot
  FROM github_users u
  LEFT JOIN identities i ON i.kind = 'github' AND i.value = u.login`,
  indexes: [['user_id'], ['person_id']],
};

/** Slack users who are people (not bots, not on the bot list), with their person. */
export const SLACK_PEOPLE: SqlRelation = {
  name: 'slack_people',
  select: `SELECT i.value AS user_id, i.person_id FROM identities i
  JOIN slack_users su ON su.id = i.value AND NOT su.is_bot AND NOT (lower(su.id) = ANY((SELECT bots FROM org_bots)::text[]))
  WHERE i.kind = 'slack'`,
  indexes: [['user_id']],
};

/**
 * Commit e-mail addresses of people: their identities of kind email, their own address, and
 * GitHub's no-reply addresses of their logins (`ID+login@users.noreply.github.com`, and the older
 * `login@users.noreply.github.com`).
 */
export const EMAIL_PEOPLE: SqlRelation = {
  name: 'email_people',
  select: `SELECT DISTINCT email, person_id FROM (
    SELECT lower(value) AS email, person_id FROM identities WHERE kind = 'email'
    UNION ALL SELECT lower(email), id FROM people WHERE email IS NOT NULL
    UNION ALL SELECT lower(gp.user_id || '+' || gp.login || '@users.noreply.github.com'), gp.person_id FROM github_people gp WHERE gp.person_id IS NOT NULL
    UNION ALL SELECT lower(gp.login || '@users.noreply.github.com'), gp.person_id FROM github_people gp WHERE gp.person_id IS NOT NULL
  ) e`,
  indexes: [['email']],
};

/**
 * Team memberships as intervals. A membership known since the first load of the organisation
 * file is taken to have always held (the file has no history of its own); later ones start when
 * they appeared. Someone is on a team in a week when a membership holds at the week's end.
 */
export const MEMBERSHIP_SPANS: SqlRelation = {
  name: 'membership_spans',
  select: `SELECT m.team_id, m.person_id, m.role,
    CASE WHEN m.started_at = min(m.started_at) OVER (PARTITION BY m.person_id) THEN '-infinity'::timestamptz ELSE m.started_at END AS from_at,
    COALESCE(m.ended_at, 'infinity'::timestamptz) AS to_at
  FROM memberships m
  JOIN teams t ON t.id = m.team_id AND t.archived_at IS NULL`,
  indexes: [['team_id', 'person_id'], ['person_id']],
};

/**
 * A team's pull requests: those of its repositories; for a team that lists no repositories, those
 * its members opened. Needs `pull_request_facts`.
 */
export const TEAM_PULL_REQUESTS: SqlRelation = {
  name: 'team_pull_requests',
  select: `SELECT tr.team_id, f.pull_request_id
  FROM (
    SELECT t.id AS team_id, r.id AS repository_id
    FROM teams t
    JOIN github_repositories r ON lower(r.full_name) IN (SELECT lower(x) FROM unnest(t.repositories) x)
    WHERE t.archived_at IS NULL
  ) tr
  JOIN pull_request_facts f ON f.repository_id = tr.repository_id
  UNION
  SELECT ms.team_id, f.pull_request_id
  FROM membership_spans ms
  JOIN teams t ON t.id = ms.team_id AND cardinality(t.repositories) = 0
  JOIN pull_request_facts f ON f.author_person_id = ms.person_id AND f.created_at >= ms.from_at AND f.created_at < ms.to_at`,
  indexes: [['team_id'], ['pull_request_id']],
};

/**
 * Slack channels of teams (by id or by '#name'). A channel of no team is the organisation's: it
 * counts for everyone; a team's channel counts for that team's people.
 */
export const CHANNEL_TEAMS: SqlRelation = {
  name: 'channel_teams',
  select: `SELECT DISTINCT c.id AS channel_id, t.id AS team_id
  FROM slack_channels c
  JOIN teams t ON t.archived_at IS NULL AND (c.id = ANY(t.channels) OR '#' || c.name = ANY(t.channels) OR c.name = ANY(t.channels))`,
  indexes: [['channel_id']],
};

/** The relations as a WITH list: `WITH ${cte(A, B)}, rest AS (...)`. */
export function cte(...relations: SqlRelation[]): string {
  return relations.map((r) => `${r.name} AS (\n${r.select}\n)`).join(', ');
}

/** Created by the analysis at the start of its transaction, in this order (team_pull_requests after the facts). */
export const SESSION_RELATIONS: readonly SqlRelation[] = [ORG_BOTS, GITHUB_PEOPLE, SLACK_PEOPLE, EMAIL_PEOPLE, MEMBERSHIP_SPANS, CHANNEL_TEAMS];

/** Statements that (re)create a relation as an indexed temporary table dropped at commit. */
export function temporaryTable(relation: SqlRelation): string[] {
  return [
    `DROP TABLE IF EXISTS pg_temp.${relation.name}`,
    `CREATE TEMP TABLE ${relation.name} ON COMMIT DROP AS ${relation.select}`,
    ...relation.indexes.map((columns) => `CREATE INDEX ON pg_temp.${relation.name} (${columns.join(', ')})`),
    `ANALYZE pg_temp.${relation.name}`,
  ];
}

/** The weeks being analysed, from parameters: labels, starts and ends (instants). */
export function weeksFragment(labels: number, starts: number, ends: number): string {
  return `weeks AS (
  SELECT w.week, w.start_at, w.end_at FROM unnest($${labels}::text[], $${starts}::timestamptz[], $${ends}::timestamptz[]) AS w(week, start_at, end_at)
)`;
}
