import type { AnalysisRunDto, AnalysisRunState, AnalysisTrigger } from '@undercurrent/contracts';
import { claimRunRequeue, staleRuns } from '@undercurrent/db';
import type { DataSource } from 'typeorm';

/** `staleMinutes` is a parsed whole number (STALE_RUN_MINUTES), never user input. */
const columns = (staleMinutes: number) => `id, state, progress, trigger, weeks, from_week AS "fromWeek", to_week AS "toWeek", counts, error,
  created_at AS "createdAt", started_at AS "startedAt", finished_at AS "finishedAt",
  (state IN ('queued', 'running') AND progressed_at < now() - make_interval(mins => ${Math.trunc(staleMinutes)})) AS stale`;

/** An unfinished analysis as the reconciler sees it. */
export interface UnfinishedAnalysisRun {
  id: string;
  attempts: number;
  requeues: number;
  idleSeconds: number;
  error: string | null;
}

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
  private readonly columns: string;

  constructor(
    private readonly dataSource: DataSource,
    /** STALE_RUN_MINUTES: an unfinished run with no progress for this long is flagged `stale`. */
    readonly staleMinutes = 15,
  ) {
    this.columns = columns(staleMinutes);
  }

  async create(input: { trigger: AnalysisTrigger; weeks: number | null; requestedBy: string }): Promise<AnalysisRunDto> {
    const [row] = (await this.dataSource.query(
      `INSERT INTO analysis_runs (trigger, weeks, requested_by) VALUES ($1, $2, $3) RETURNING ${this.columns}`,
      [input.trigger, input.weeks, input.requestedBy],
    )) as AnalysisRunRow[];
    return toDto(row!);
  }

  async get(id: string): Promise<AnalysisRunDto | undefined> {
    const [row] = (await this.dataSource.query(`SELECT ${this.columns} FROM analysis_runs WHERE id = $1`, [id])) as AnalysisRunRow[];
    return row ? toDto(row) : undefined;
  }

  async list(limit: number): Promise<AnalysisRunDto[]> {
    return ((await this.dataSource.query(`SELECT ${this.columns} FROM analysis_runs ORDER BY created_at DESC, id LIMIT $1`, [limit])) as AnalysisRunRow[]).map(toDto);
  }

  /** A worker takes the run (with the attempt this is); undefined when it is already finished (a redelivered job). */
  async start(id: string): Promise<(AnalysisRunDto & { attempt: number }) | undefined> {
    // TypeORM answers an UPDATE with `[rows, count]`.
    const [rows] = (await this.dataSource.query(
      `UPDATE analysis_runs SET state = 'running', progress = 0, error = NULL, attempts = attempts + 1, progressed_at = now(), started_at = COALESCE(started_at, now())
       WHERE id = $1 AND state IN ('queued', 'running') RETURNING ${this.columns}, attempts`,
      [id],
    )) as [(AnalysisRunRow & { attempts: number })[], number];
    const row = rows[0];
    if (!row) return undefined;
    const { attempts, ...rest } = row;
    return { ...toDto(rest), attempt: attempts };
  }

  async progress(id: string, progress: number): Promise<void> {
    await this.dataSource.query(`UPDATE analysis_runs SET progress = $2, progressed_at = now() WHERE id = $1 AND state = 'running'`, [id, Math.max(0, Math.min(100, Math.round(progress)))]);
  }

  async complete(id: string, result: { fromWeek: string; toWeek: string; counts: Record<string, number> }): Promise<void> {
    await this.dataSource.query(
      `UPDATE analysis_runs SET state = 'completed', progress = 100, from_week = $2, to_week = $3, counts = $4::jsonb, error = NULL, finished_at = now(), progressed_at = now() WHERE id = $1`,
      [id, result.fromWeek, result.toWeek, JSON.stringify(result.counts)],
    );
  }

  async fail(id: string, error: string): Promise<void> {
    await this.dataSource.query(`UPDATE analysis_runs SET state = 'failed', error = $2, finished_at = now(), progressed_at = now() WHERE id = $1 AND state IN ('queued', 'running')`, [id, error]);
  }

  async retrying(id: string, error: string): Promise<void> {
    await this.dataSource.query(`UPDATE analysis_runs SET state = 'queued', error = $2, progressed_at = now() WHERE id = $1 AND state = 'running'`, [id, `retrying after: ${error}`]);
  }

  /** Runs that should be on the queue, oldest first, for the reconciler. */
  async unfinished(): Promise<UnfinishedAnalysisRun[]> {
    return (await this.dataSource.query(
      `SELECT id, attempts, requeues, error, extract(epoch FROM now() - progressed_at)::float8 AS "idleSeconds"
       FROM analysis_runs WHERE state IN ('queued', 'running') ORDER BY created_at`,
    )) as UnfinishedAnalysisRun[];
  }

  /** Claim the next requeue of a run whose job the queue lost: true for exactly one caller. */
  claimRequeue(id: string, requeues: number): Promise<boolean> {
    return claimRunRequeue(this.dataSource, 'analysis_runs', id, requeues);
  }

  /** Runs unfinished with no progress for `staleMinutes`, for /health. */
  stale(): Promise<{ id: string; state: string; progressedAt: string }[]> {
    return staleRuns(this.dataSource, 'analysis_runs', this.staleMinutes);
  }
}
