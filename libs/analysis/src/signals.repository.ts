import type { SignalDto, SignalEvidenceDto, SignalTypeName } from '@undercurrent/contracts';
import type { DataSource, EntityManager } from 'typeorm';

type Db = DataSource | EntityManager;

/** One week's outcome of a rule for one person of one team (a row of signal_evaluations). */
export interface SignalEvaluation {
  type: SignalTypeName;
  teamId: string;
  personId: string;
  week: string;
  ruleVersion: number;
  fires: boolean;
  thresholds: Record<string, unknown>;
  values: Record<string, unknown>;
  evidence: SignalEvidenceDto[];
  score: number;
  explanation: string;
}

/** An episode, as stored in `signals`. */
export interface SignalEpisode {
  id: string;
  type: SignalTypeName;
  teamId: string;
  personId: string;
  status: 'open' | 'closed';
  openedWeek: string;
  lastActiveWeek: string;
  closedWeek: string | null;
  last: SignalEvaluation;
}

interface SignalRow {
  id: string;
  type: SignalTypeName;
  teamId: string;
  personId: string;
  status: 'open' | 'closed';
  openedWeek: string;
  lastActiveWeek: string;
  closedWeek: string | null;
  ruleVersion: number;
  thresholds: Record<string, unknown>;
  values: Record<string, unknown>;
  evidence: SignalEvidenceDto[];
  score: number;
  explanation: string;
  /** The week's own evaluation, when a week was asked for and the episode was active in it. */
  weekValues?: Record<string, unknown> | null;
  weekEvidence?: SignalEvidenceDto[] | null;
  weekThresholds?: Record<string, unknown> | null;
  weekScore?: number | null;
  weekExplanation?: string | null;
  weekVersion?: number | null;
}

export interface SignalFilter {
  week?: string;
  teamId?: string;
  personId?: string;
  type?: SignalTypeName;
  status?: 'open' | 'closed';
}

const EVALUATION_COLUMNS = `type, team_id AS "teamId", person_id AS "personId", week, rule_version AS "ruleVersion", fires, thresholds, values, evidence, score, explanation`;

export function episodeId(type: string, teamId: string, personId: string, openedWeek: string): string {
  return `${type}:${teamId}:${personId}:${openedWeek}`;
}

/** Signal evaluations (per week) and episodes (per signal), and the API's read of them. */
export class SignalsRepository {
  constructor(private readonly db: Db) {}

  async replaceEvaluations(weeks: readonly string[], rows: readonly SignalEvaluation[]): Promise<void> {
    await this.db.query(`DELETE FROM signal_evaluations WHERE week = ANY($1::text[])`, [weeks]);
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      await this.db.query(
        `INSERT INTO signal_evaluations (type, team_id, person_id, week, rule_version, fires, thresholds, values, evidence, score, explanation)
         SELECT x.type, x.team_id, x.person_id, x.week, x.rule_version, x.fires, x.thresholds, x.values, x.evidence, x.score, x.explanation
         FROM jsonb_to_recordset($1::jsonb) AS x(type text, team_id text, person_id text, week text, rule_version int, fires boolean,
           thresholds jsonb, values jsonb, evidence jsonb, score float8, explanation text)`,
        [
          JSON.stringify(
            chunk.map((r) => ({
              type: r.type, team_id: r.teamId, person_id: r.personId, week: r.week, rule_version: r.ruleVersion, fires: r.fires,
              thresholds: r.thresholds, values: r.values, evidence: r.evidence, score: r.score, explanation: r.explanation,
            })),
          ),
        ],
      );
    }
  }

  /** Evaluations of one week (for the episodes continuing into the next). */
  async evaluationsOf(week: string): Promise<SignalEvaluation[]> {
    return (await this.db.query(
      `SELECT ${EVALUATION_COLUMNS} FROM signal_evaluations WHERE week = $1`,
      [week],
    )) as SignalEvaluation[];
  }

  /** Every evaluation, by signal key and week: the input of the episodes' rebuild. */
  async allEvaluations(): Promise<SignalEvaluation[]> {
    return (await this.db.query(
      `SELECT ${EVALUATION_COLUMNS} FROM signal_evaluations ORDER BY type, team_id, person_id, week`,
    )) as SignalEvaluation[];
  }

  /** Replace the episodes with `episodes`, keeping the rows (and ids) of those that still exist. */
  async replaceEpisodes(episodes: readonly SignalEpisode[]): Promise<{ written: number; removed: number }> {
    let written = 0;
    for (let i = 0; i < episodes.length; i += 500) {
      const chunk = episodes.slice(i, i + 500);
      const result = (await this.db.query(
        `INSERT INTO signals AS s (id, type, team_id, person_id, status, opened_week, last_active_week, closed_week, rule_version, thresholds, values, evidence, score, explanation)
         SELECT x.id, x.type, x.team_id, x.person_id, x.status, x.opened_week, x.last_active_week, x.closed_week, x.rule_version, x.thresholds, x.values, x.evidence, x.score, x.explanation
         FROM jsonb_to_recordset($1::jsonb) AS x(id text, type text, team_id text, person_id text, status text, opened_week text, last_active_week text,
           closed_week text, rule_version int, thresholds jsonb, values jsonb, evidence jsonb, score float8, explanation text)
         ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, last_active_week = EXCLUDED.last_active_week, closed_week = EXCLUDED.closed_week,
           rule_version = EXCLUDED.rule_version, thresholds = EXCLUDED.thresholds, values = EXCLUDED.values, evidence = EXCLUDED.evidence,
           score = EXCLUDED.score, explanation = EXCLUDED.explanation, updated_at = now()
         WHERE (s.status, s.last_active_week, s.closed_week, s.rule_version, s.thresholds, s.values, s.evidence, s.score, s.explanation)
           IS DISTINCT FROM (EXCLUDED.status, EXCLUDED.last_active_week, EXCLUDED.closed_week, EXCLUDED.rule_version, EXCLUDED.thresholds, EXCLUDED.values, EXCLUDED.evidence, EXCLUDED.score, EXCLUDED.explanation)
         RETURNING 1`,
        [
          JSON.stringify(
            chunk.map((e) => ({
              id: e.id, type: e.type, team_id: e.teamId, person_id: e.personId, status: e.status, opened_week: e.openedWeek,
              last_active_week: e.lastActiveWeek, closed_week: e.closedWeek, rule_version: e.last.ruleVersion, thresholds: e.last.thresholds,
              values: e.last.values, evidence: e.last.evidence, score: e.last.score, explanation: e.last.explanation,
            })),
          ),
        ],
      )) as unknown[];
      written += result.length;
    }
    const removed = (await this.db.query(`DELETE FROM signals WHERE NOT (id = ANY($1::text[])) RETURNING 1`, [episodes.map((e) => e.id)])) as unknown[];
    return { written, removed: removed.length };
  }

  /**
   * Signals for the API. With a week: the episodes active in it (opened at or before it and not
   * closed by then), with that week's values and evidence.
   */
  async list(filter: SignalFilter): Promise<SignalDto[]> {
    const rows = (await this.db.query(
      `SELECT s.id, s.type, s.team_id AS "teamId", s.person_id AS "personId",
         s.status,
         s.opened_week AS "openedWeek", s.last_active_week AS "lastActiveWeek", s.closed_week AS "closedWeek",
         s.rule_version AS "ruleVersion", s.thresholds, s.values, s.evidence, s.score, s.explanation,
         e.values AS "weekValues", e.evidence AS "weekEvidence", e.thresholds AS "weekThresholds", e.score AS "weekScore",
         e.explanation AS "weekExplanation", e.rule_version AS "weekVersion"
       FROM signals s
       LEFT JOIN signal_evaluations e ON $1::text IS NOT NULL AND e.type = s.type AND e.team_id = s.team_id AND e.person_id = s.person_id AND e.week = $1
       WHERE ($1::text IS NULL OR (s.opened_week <= $1 AND (s.closed_week IS NULL OR s.closed_week > $1)))
         AND ($2::text IS NULL OR s.team_id = $2)
         AND ($3::text IS NULL OR s.person_id = $3)
         AND ($4::text IS NULL OR s.type = $4)
         AND ($5::text IS NULL OR s.status = $5)
       ORDER BY (s.status = 'open') DESC, s.score DESC, s.last_active_week DESC, s.id`,
      [filter.week ?? null, filter.teamId ?? null, filter.personId ?? null, filter.type ?? null, filter.status ?? null],
    )) as SignalRow[];
    return rows.map((r) => toDto(r, filter.week));
  }

  async get(id: string): Promise<SignalDto | undefined> {
    const [row] = (await this.db.query(
      `SELECT s.id, s.type, s.team_id AS "teamId", s.person_id AS "personId", s.status, s.opened_week AS "openedWeek",
         s.last_active_week AS "lastActiveWeek", s.closed_week AS "closedWeek", s.rule_version AS "ruleVersion",
         s.thresholds, s.values, s.evidence, s.score, s.explanation
       FROM signals s WHERE s.id = $1`,
      [id],
    )) as SignalRow[];
    return row ? toDto(row, undefined) : undefined;
  }
}

function toDto(r: SignalRow, week: string | undefined): SignalDto {
  const own = r.weekValues != null;
  return {
    id: r.id,
    type: r.type,
    personId: r.personId,
    teamId: r.teamId,
    week: own ? week! : r.lastActiveWeek,
    openedWeek: r.openedWeek,
    lastActiveWeek: r.lastActiveWeek,
    closedWeek: r.closedWeek,
    status: r.status,
    score: own ? r.weekScore! : r.score,
    explanation: own ? r.weekExplanation! : r.explanation,
    rule: {
      name: r.type,
      version: own ? r.weekVersion! : r.ruleVersion,
      thresholds: own ? r.weekThresholds! : r.thresholds,
      values: own ? r.weekValues! : r.values,
    },
    evidence: own ? r.weekEvidence! : r.evidence,
  };
}
