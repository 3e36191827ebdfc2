/**
 * Named CTEs the analytics SQL shares, so that "who is a person", "who is a bot", "which team was
 * someone on" and "which pull requests are a team's" mean the same thing in every query.
 *
 * Each fragment is the body of a `WITH` list entry and may use the ones listed before it.
 */

/** The organisation's bot list (GitHub logins or Slack ids), lower case. */
export const ORG_BOTS = `org_bots AS (
  SELECT COALESCE((SELECT array_agg(lower(b)) FROM organisation o, unnest(o.bots) b WHERE o.id = 1), '{}') AS bots
)`;

/**
 * GitHub accounts with their person (by an identity of kind github) and whether they are a bot:
 * `[bot]` accounts and `Bot` type (marked at sync time) or the configured list.
 */
export const GITHUB_PEOPLE = `github_people AS (
  SELECT u.id AS user_id, u.login, i.person_id,
    (u.is_bot OR regexp_replace(u.login, '\\[bot\\]$', '') = ANY((SELECT bots FROM org_bots)::text[])) AS bot
  FROM github_users u
  LEFT JOIN identities i ON i.kind = 'github' AND i.value = u.login
)`;

/**
 * Commit e-mail addresses of people: their identities of kind email, their own address, and
 * GitHub's no-reply addresses of their logins (`ID+login@users.noreply.github.com`, and the older
 * `login@users.noreply.github.com`).
 */
export const EMAIL_PEOPLE = `email_people AS (
  SELECT DISTINCT email, person_id FROM (
    SELECT lower(value) AS email, person_id FROM identities WHERE kind = 'email'
    UNION ALL SELECT lower(email), id FROM people WHERE email IS NOT NULL
    UNION ALL SELECT lower(gp.user_id || '+' || gp.login || '@users.noreply.github.com'), gp.person_id FROM github_people gp WHERE gp.person_id IS NOT NULL
    UNION ALL SELECT lower(gp.login || '@users.noreply.github.com'), gp.person_id FROM github_people gp WHERE gp.person_id IS NOT NULL
  ) e
)`;

/**
 * Team memberships as intervals. A membership known since the first load of the organisation
 * file is taken to have always held (the file has no history of its own); later ones start when
 * they appeared. Someone is on a team in a week when a membership holds at the week's end.
 */
export const MEMBERSHIP_SPANS = `membership_spans AS (
  SELECT m.team_id, m.person_id, m.role,
    CASE WHEN m.started_at = min(m.started_at) OVER (PARTITION BY m.person_id) THEN '-infinity'::timestamptz ELSE m.started_at END AS from_at,
    COALESCE(m.ended_at, 'infinity'::timestamptz) AS to_at
  FROM memberships m
  JOIN teams t ON t.id = m.team_id AND t.archived_at IS NULL
)`;

/**
 * A team's pull requests: those of its repositories; for a team that lists no repositories, those
 * its members opened.
 */
export const TEAM_PULL_REQUESTS = `team_repositories AS (
  SELECT t.id AS team_id, r.id AS repository_id
  FROM teams t
  JOIN github_repositories r ON lower(r.full_name) IN (SELECT lower(x) FROM unnest(t.repositories) x)
  WHERE t.archived_at IS NULL
), team_pull_requests AS (
  SELECT tr.team_id, f.pull_request_id FROM team_repositories tr JOIN pull_request_facts f ON f.repository_id = tr.repository_id
  UNION
  SELECT ms.team_id, f.pull_request_id
  FROM membership_spans ms
  JOIN teams t ON t.id = ms.team_id AND cardinality(t.repositories) = 0
  JOIN pull_request_facts f ON f.author_person_id = ms.person_id AND f.created_at >= ms.from_at AND f.created_at < ms.to_at
)`;

/**
 * Slack channels of teams (by id or by '#name'). A channel of no team is the organisation's: it
 * counts for everyone; a team's channel counts for that team's people.
 */
export const CHANNEL_TEAMS = `channel_teams AS (
  SELECT DISTINCT c.id AS channel_id, t.id AS team_id
  FROM slack_channels c
  JOIN teams t ON t.archived_at IS NULL AND (c.id = ANY(t.channels) OR '#' || c.name = ANY(t.channels) OR c.name = ANY(t.channels))
)`;

/** The weeks being analysed, from parameters: labels, starts and ends (instants). */
export function weeksFragment(labels: number, starts: number, ends: number): string {
  return `weeks AS (
  SELECT w.week, w.start_at, w.end_at FROM unnest($${labels}::text[], $${starts}::timestamptz[], $${ends}::timestamptz[]) AS w(week, start_at, end_at)
)`;
}
