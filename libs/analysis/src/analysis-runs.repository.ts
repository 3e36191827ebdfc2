import type { AnalysisRunDto, AnalysisRunState, AnalysisTrigger } from '@undercurrent/contracts';
import type { DataSource } from 'typeorm';

const COLUMNS = `id, state, progress, trigger, weeks, from_week AS "fromWeek", to_week AS "toWeek", counts, error,
  created_at AS "createdAt", started_at AS "startedAt", finished_at AS "finishedAt"`;

interface AnalysisRunRow extends Omit<AnalysisRunDto, 'createdAt' | 'startedAt' | 'finishedAt'> {
  state: AnalysisRunState;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

function toDto(row: AnalysisRunRow): AnalysisRunDto {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return { ...row, createdAt: row.createdAt.toISOString(), startedAt: iso(row.startedAt), finishedAt: iso(row.finishedAt) };
}

/** `analysis_runs`: the state of record of every analysis; the queue job only carries the id. */
export class AnalysisRunsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(input: { trigger: AnalysisTrigger; weeks: number | null; requestedBy: string }): Promise<AnalysisRunDto> {
    const [row] = (await this.dataSource.query(
      `INSERT INTO analysis_runs (trigger, weeks, requested_by) VALUES ($1, $2, $3) RETURNING ${COLUMNS}`,
      [input.trigger, input.weeks, input.requestedBy],
    )) as AnalysisRunRow[];
    return toDto(row!);
  }

  async get(id: string): Promise<AnalysisRunDto | undefined> {
    const [row] = (await this.dataSource.query(`SELECT ${COLUMNS} FROM analysis_runs WHERE id = $1`, [id])) as AnalysisRunRow[];
    return row ? toDto(row) : undefined;
  }

  async list(limit: number): Promise<AnalysisRunDto[]> {
    return ((await this.dataSource.query(`SELECT ${COLUMNS} FROM analysis_runs ORDER BY created_at DESC, id LIMIT $1`, [limit])) as AnalysisRunRow[]).map(toDto);
  }

  /** A worker takes the run; false when it is already finished (a redelivered job). */
  async start(id: string): Promise<AnalysisRunDto | undefined> {
    // TypeORM answers an UPDATE with `[rows, count]`.
    const [rows] = (await this.dataSource.query(
      `UPDATE analysis_runs SET state = 'running', progress = 0, error = NULL, attempts = attempts + 1, started_at = COALESCE(started_at, now())
       WHERE id = $1 AND state IN ('queued', 'running') RETURNING ${COLUMNS}`,
      [id],
    )) as [AnalysisRunRow[], number];
    const row = rows[0];
    return row ? toDto(row) : undefined;
  }

  async progress(id: string, progress: number): Promise<void> {
    await this.dataSource.query(`UPDATE analysis_runs SET progress = $2 WHERE id = $1 AND state = 'running'`, [id, Math.max(0, Math.min(100, Math.round(progress)))]);
  }

  async complete(id: string, result: { fromWeek: string; toWeek: string; counts: Record<string, number> }): Promise<void> {
    await this.dataSource.query(
      `UPDATE analysis_runs SET state = 'completed', progress = 100, from_week = $2, to_week = $3, counts = $4::jsonb, error = NULL, finished_at = now() WHERE id = $1`,
      [id, result.fromWeek, result.toWeek, JSON.stringify(result.counts)],
    );
  }

  async fail(id: string, error: string): Promise<void> {
    await this.dataSource.query(`UPDATE analysis_runs SET state = 'failed', error = $2, finished_at = now() WHERE id = $1`, [id, error]);
  }

  async retrying(id: string, error: string): Promise<void> {
    await this.dataSource.query(`UPDATE analysis_runs SET state = 'queued', error = $2 WHERE id = $1 AND state = 'running'`, [id, `retrying after: ${error}`]);
  }

  async unfinishedIds(): Promise<string[]> {
    return ((await this.dataSource.query(`SELECT id FROM analysis_runs WHERE state IN ('queued', 'running') ORDER BY created_at`)) as { id: string }[]).map((r) => r.id);
  }
}
