import type { AlertAttemptDto, AlertChannel, AlertDto, AlertStatus, SignalTypeName } from '@undercurrent/contracts';
import type { DataSource } from 'typeorm';

export interface AlertFilter {
  status?: AlertStatus;
  personId?: string;
  teamId?: string;
}

interface AlertRow {
  id: string;
  signalId: string;
  signalType: SignalTypeName;
  teamId: string;
  personId: string;
  openedWeek: string;
  channel: AlertChannel;
  recipient: string;
  status: AlertStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  snoozedUntil: Date | null;
  sentAt: Date | null;
  acknowledgedAt: Date | null;
  slackChannel: string | null;
  slackTs: string | null;
  lastError: string | null;
  createdAt: Date;
}

const COLUMNS = `id, signal_id AS "signalId", signal_type AS "signalType", team_id AS "teamId", person_id AS "personId", opened_week AS "openedWeek",
  channel, recipient, status, attempts, next_attempt_at AS "nextAttemptAt", snoozed_until AS "snoozedUntil", sent_at AS "sentAt",
  acknowledged_at AS "acknowledgedAt", slack_channel AS "slackChannel", slack_ts AS "slackTs", last_error AS "lastError", created_at AS "createdAt"`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The alerts as the API reads and changes them: list, acknowledge, snooze. */
export class AlertsRepository {
  constructor(private readonly db: DataSource) {}

  async list(filter: AlertFilter, limit = 500): Promise<AlertDto[]> {
    const rows = (await this.db.query(
      `SELECT ${COLUMNS} FROM alerts
       WHERE signal_type <> 'weekly_digest' AND ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR person_id = $2) AND ($3::text IS NULL OR team_id = $3)
       ORDER BY created_at DESC, id LIMIT $4`,
      [filter.status ?? null, filter.personId ?? null, filter.teamId ?? null, limit],
    )) as AlertRow[];
    return rows.map(toDto);
  }

  async get(id: string): Promise<(AlertDto & { attemptLog: AlertAttemptDto[] }) | undefined> {
    if (!UUID.test(id)) return undefined;
    const [row] = (await this.db.query(`SELECT ${COLUMNS} FROM alerts WHERE id = $1 AND signal_type <> 'weekly_digest'`, [id])) as AlertRow[];
    if (!row) return undefined;
    const attempts = (await this.db.query(`SELECT attempted_at AS "attemptedAt", result, error FROM alert_attempts WHERE alert_id = $1 ORDER BY attempted_at, id`, [id])) as {
      attemptedAt: Date;
      result: AlertAttemptDto['result'];
      error: string | null;
    }[];
    return { ...toDto(row), attemptLog: attempts.map((a) => ({ attemptedAt: a.attemptedAt.toISOString(), result: a.result, error: a.error })) };
  }

  /** A lead saw it: nothing more is sent for it (a delivery still waiting is dropped). Acknowledging twice keeps the first time. */
  async acknowledge(id: string, at: Date): Promise<AlertDto | undefined> {
    if (!UUID.test(id)) return undefined;
    // TypeORM answers an UPDATE with `[rows, count]`.
    const [rows] = (await this.db.query(
      `UPDATE alerts SET status = 'acknowledged', acknowledged_at = COALESCE(acknowledged_at, $2), next_attempt_at = NULL, updated_at = now()
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, at],
    )) as [AlertRow[], number];
    return rows[0] ? toDto(rows[0]) : undefined;
  }

  /** Not now: nothing is sent for it (a delivery still waiting is dropped); `until` is kept for reminders. */
  async snooze(id: string, until: Date): Promise<AlertDto | undefined> {
    if (!UUID.test(id)) return undefined;
    const [rows] = (await this.db.query(
      `UPDATE alerts SET status = 'snoozed', snoozed_until = $2, next_attempt_at = NULL, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, until],
    )) as [AlertRow[], number];
    return rows[0] ? toDto(rows[0]) : undefined;
  }
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

function toDto(r: AlertRow): AlertDto {
  return {
    id: r.id,
    signalId: r.signalId,
    signalType: r.signalType,
    teamId: r.teamId,
    personId: r.personId,
    openedWeek: r.openedWeek,
    channel: r.channel,
    recipient: r.recipient,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: iso(r.nextAttemptAt),
    snoozedUntil: iso(r.snoozedUntil),
    sentAt: iso(r.sentAt),
    acknowledgedAt: iso(r.acknowledgedAt),
    slackChannel: r.slackChannel,
    slackTs: r.slackTs,
    lastError: r.lastError,
    createdAt: r.createdAt.toISOString(),
  };
}
