import type { AnalysisOutbox } from '@undercurrent/analysis';
import type { Clock } from '@undercurrent/clock';
import type { JobQueues } from '@undercurrent/queues';
import type { DataSource, EntityManager } from 'typeorm';
import { loadOrganisationAlerts } from './alert-settings';

/**
 * The alerts outbox. Inside the analysis transaction, for every open episode of an alerting type
 * that opened in the last completed week (or later), one row per recipient and channel:
 *
 * - `slack_dm` to each current lead of the person's team, never the person themselves;
 * - `slack_channel` to the configured channel, once per episode;
 * - `webhook`, once per episode.
 *
 * Keyed by (episode id, channel, recipient) with ON CONFLICT DO NOTHING: the episode id is built
 * from type, team, person and opened week, so re-analyses (which rebuild the episodes) insert
 * nothing more. Episodes that opened before the last completed week are history: a first analysis
 * of an organisation alerts on nothing older than last week.
 *
 * Signals about a lead of the team (bottleneck_lead, rewriting_lead, or a quiet lead) would go to
 * the lead's manager, and the organisation file has no managers yet: they alert no one.
 */
export class AlertsOutbox implements AnalysisOutbox {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: Pick<JobQueues, 'enqueue'>,
    private readonly clock: Clock,
  ) {}

  async write(m: EntityManager, context: { lastCompletedWeek: string }): Promise<number> {
    const org = await loadOrganisationAlerts(m);
    if (!org) return 0;
    const { settings } = org;
    if (!settings.slackDm && !settings.slackChannel && !settings.webhook) return 0;
    const inserted = (await m.query(
      `WITH episodes AS (
         SELECT s.id, s.type, s.team_id, s.person_id, s.opened_week
         FROM signals s
         WHERE s.status = 'open' AND s.opened_week >= $1 AND s.type = ANY($2::text[])
           AND NOT EXISTS (SELECT 1 FROM memberships l WHERE l.team_id = s.team_id AND l.person_id = s.person_id AND l.role = 'lead' AND l.ended_at IS NULL)
       ),
       targets AS (
         SELECT e.*, 'slack_dm' AS channel, l.person_id AS recipient
         FROM episodes e JOIN memberships l ON l.team_id = e.team_id AND l.role = 'lead' AND l.ended_at IS NULL AND l.person_id <> e.person_id
         WHERE $3::boolean
         UNION ALL
         SELECT e.*, 'slack_channel', $4::text FROM episodes e WHERE $4::text IS NOT NULL
         UNION ALL
         SELECT e.*, 'webhook', 'webhook' FROM episodes e WHERE $5::boolean
       )
       INSERT INTO alerts (signal_id, signal_type, team_id, person_id, opened_week, channel, recipient, status, next_attempt_at, created_at)
       SELECT id, type, team_id, person_id, opened_week, channel, recipient, 'queued', $6, $6 FROM targets
       ON CONFLICT (signal_id, channel, recipient) DO NOTHING
       RETURNING id`,
      [context.lastCompletedWeek, settings.signals, settings.slackDm, settings.slackChannel, settings.webhook !== null, this.clock.now()],
    )) as { id: string }[];
    return inserted.length;
  }

  /** After the analysis committed: every due alert onto the queue (its job id makes this idempotent). */
  async afterCommit(): Promise<void> {
    await enqueueDueAlerts(this.dataSource, this.queues, this.clock);
  }
}

export const alertJobId = (alertId: string): string => `alert-${alertId}`;

/** A delayed job for a held alert, one per planned time (the running job cannot re-add its own id). */
export const heldAlertJobId = (alertId: string, at: Date): string => `alert-${alertId}-at-${at.getTime()}`;

/**
 * Put every alert waiting to be sent back on the queue: queued ones now, held ones delayed until
 * their time. Run after each analysis and when a worker starts (Redis may have lost the jobs).
 */
export async function enqueueDueAlerts(db: DataSource, queues: Pick<JobQueues, 'enqueue'>, clock: Clock): Promise<number> {
  const rows = (await db.query(
    `SELECT id, status, next_attempt_at AS "nextAttemptAt" FROM alerts WHERE status IN ('queued', 'held') ORDER BY created_at, id`,
  )) as { id: string; status: 'queued' | 'held'; nextAttemptAt: Date | null }[];
  const now = clock.now().getTime();
  for (const row of rows) {
    if (row.status === 'held' && row.nextAttemptAt) {
      // Its own job id: the job that held it has completed under `alert-<id>`.
      await queues.enqueue('alerts.deliver', { alertId: row.id }, heldAlertJobId(row.id, row.nextAttemptAt), { delayMs: Math.max(0, row.nextAttemptAt.getTime() - now) });
    } else {
      await queues.enqueue('alerts.deliver', { alertId: row.id }, alertJobId(row.id));
    }
  }
  return rows.length;
}
