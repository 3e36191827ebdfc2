import type { Clock } from '@undercurrent/clock';
import { lastCompletedWeek, localParts } from '@undercurrent/metrics';
import { WEEKDAYS, type Weekday } from '@undercurrent/org';
import type { JobQueues } from '@undercurrent/queues';
import type { DataSource, EntityManager } from 'typeorm';
import { loadOrganisationAlerts } from './alert-settings';
import { alertJobId } from './alerts-outbox';

/**
 * The weekly digest's rows in `alerts`: `signal_type` weekly_digest, `signal_id`
 * `weekly_digest:<week>`, a Slack DM to the lead (`recipient`, also `person_id`), `opened_week` the
 * week it covers. The alerts' key (signal_id, channel, recipient) makes it once per lead and week;
 * delivery is the alerts' (the row locked, every try recorded, the post looked for before posting
 * again). Not an alert about anyone: the API's alert list leaves these rows out.
 */
export const DIGEST_SIGNAL_TYPE = 'weekly_digest';
/** The hourly check's job scheduler: a fixed id, so every worker registering it leaves one schedule. */
export const WEEKLY_DIGEST_SCHEDULE = { id: 'weekly-digest', pattern: '0 * * * *' } as const;
export const digestSignalId = (week: string): string => `${DIGEST_SIGNAL_TYPE}:${week}`;

export interface DigestSetting {
  day: Weekday;
  /** HH:MM, the lead's local time. */
  time: string;
}

/** Whether `now` is on the digest's day, at or after its time, in `timeZone`. */
export function isDigestDue(now: Date, timeZone: string, digest: DigestSetting): boolean {
  const p = localParts(now, timeZone);
  const weekday = WEEKDAYS[(new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay() + 6) % 7];
  if (weekday !== digest.day) return false;
  const [hour, minute] = digest.time.split(':').map(Number) as [number, number];
  return (p.hour % 24) * 60 + p.minute >= hour * 60 + minute;
}

function validZone(zone: string | null): string | undefined {
  if (!zone) return undefined;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    return undefined;
  }
}

/**
 * The hourly check (job `alerts.digest`, scheduler `weekly-digest`): for each current lead whose
 * local time (their Slack time zone, else the organisation's) is on the digest's day at or after
 * its time, one row for the last completed week (organisation time zone), then its delivery job.
 * Checked every hour, a lead is written once (the key), within the hour after the time; a day
 * without a running worker is skipped, not caught up the next day.
 */
export class WeeklyDigest {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: Pick<JobQueues, 'enqueue'>,
    private readonly clock: Clock,
  ) {}

  async check(): Promise<{ written: number; week: string | null }> {
    const org = await loadOrganisationAlerts(this.dataSource);
    const digest = org?.settings.digest;
    if (!org || !digest) return { written: 0, week: null };
    const now = this.clock.now();
    const week = lastCompletedWeek(now, org.timezone);
    const leads = (await this.dataSource.query(
      `SELECT l.person_id AS lead, min(l.team_id) AS team,
              (SELECT u.tz FROM identities i JOIN slack_users u ON u.id = i.value
               WHERE i.person_id = l.person_id AND i.kind = 'slack' AND u.tz IS NOT NULL ORDER BY i.id LIMIT 1) AS tz
       FROM memberships l WHERE l.role = 'lead' AND l.ended_at IS NULL GROUP BY l.person_id ORDER BY l.person_id`,
    )) as { lead: string; team: string; tz: string | null }[];
    const due = leads.filter((l) => isDigestDue(now, validZone(l.tz) ?? org.timezone, digest));
    if (due.length === 0) return { written: 0, week };
    const inserted = (await this.dataSource.query(
      `INSERT INTO alerts (signal_id, signal_type, team_id, person_id, opened_week, channel, recipient, status, next_attempt_at, created_at)
       SELECT $1, $2, d.team, d.lead, $3, 'slack_dm', d.lead, 'queued', $4, $4
       FROM unnest($5::text[], $6::text[]) AS d(lead, team)
       ON CONFLICT (signal_id, channel, recipient) DO NOTHING
       RETURNING id`,
      [digestSignalId(week), DIGEST_SIGNAL_TYPE, week, now, due.map((d) => d.lead), due.map((d) => d.team)],
    )) as { id: string }[];
    for (const row of inserted) await this.queues.enqueue('alerts.deliver', { alertId: row.id }, alertJobId(row.id));
    return { written: inserted.length, week };
  }
}

export interface DigestTeam {
  id: string;
  name: string;
  signals: { type: string; personName: string; openedWeek: string }[];
  /** The team report's figures for the week: reviewable pull requests still without a first review at its end, and the median time to a first review. */
  waitingAtEnd: number | null;
  ttfrMedianHours: number | null;
}

/** What the digest says, for each team the lead leads: open signals first, then review waiting. */
export async function loadDigestTeams(m: DataSource | EntityManager, leadId: string, week: string): Promise<DigestTeam[]> {
  const teams = (await m.query(
    `SELECT t.id, t.name, tw.waiting_at_end AS "waitingAtEnd", tw.ttfr_median_hours AS "ttfrMedianHours"
     FROM memberships l JOIN teams t ON t.id = l.team_id LEFT JOIN team_weeks tw ON tw.team_id = t.id AND tw.week = $2
     WHERE l.person_id = $1 AND l.role = 'lead' AND l.ended_at IS NULL ORDER BY t.id`,
    [leadId, week],
  )) as Omit<DigestTeam, 'signals'>[];
  const result: DigestTeam[] = [];
  for (const team of teams) {
    const signals = (await m.query(
      `SELECT s.type, COALESCE(p.name, s.person_id) AS "personName", s.opened_week AS "openedWeek"
       FROM signals s LEFT JOIN people p ON p.id = s.person_id
       WHERE s.team_id = $1 AND s.status = 'open' AND s.opened_week <= $2 ORDER BY s.opened_week, s.type, s.person_id`,
      [team.id, week],
    )) as DigestTeam['signals'];
    result.push({ ...team, signals });
  }
  return result;
}

const SIGNAL_NAMES: Record<string, string> = { bottleneck_lead: 'Bottleneck lead', rewriting_lead: 'Rewriting lead', silent_member: 'Silent member' };

/** The digest's Slack message: text (the notification) and blocks, one section per team. */
export function buildDigestMessage(input: { week: string; teams: DigestTeam[]; publicUrl: string }): { text: string; blocks: unknown[] } {
  const open = input.teams.reduce((n, t) => n + t.signals.length, 0);
  const text = `Your week ${input.week}: ${open === 0 ? 'no open signals' : `${open} open signal${open === 1 ? '' : 's'}`} in ${input.teams.map((t) => t.name).join(', ')}`;
  const blocks: unknown[] = [{ type: 'header', text: { type: 'plain_text', text: `Week ${input.week} in review` } }];
  for (const team of input.teams) {
    const lines = [`*${team.name}*`];
    if (team.signals.length === 0) lines.push('No open signals.');
    for (const s of team.signals) lines.push(`• ${SIGNAL_NAMES[s.type] ?? s.type}: ${s.personName}, since ${s.openedWeek}`);
    lines.push(
      team.waitingAtEnd === null
        ? 'Review waiting: no figures for this week yet.'
        : `Review waiting: ${team.waitingAtEnd} pull request${team.waitingAtEnd === 1 ? '' : 's'} without a first review at the week's end${team.ttfrMedianHours === null ? '' : ` (median time to first review ${team.ttfrMedianHours.toFixed(1)} h)`}.`,
    );
    lines.push(`<${input.publicUrl}/#/teams/${encodeURIComponent(team.id)}?week=${input.week}|Open the team week>`);
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } });
  }
  return { text, blocks };
}
