import type { SyncRunDto, SyncRunState, SyncSource } from '@undercurrent/contracts';
import { claimRunRequeue, staleRuns } from '@undercurrent/db';
import type { DataSource } from 'typeorm';

/** `staleMinutes` is a parsed whole number (STALE_RUN_MINUTES), never user input. */
const columns = (staleMinutes: number) => `id, state, progress, sources, since, counts, error,
  created_at AS "createdAt", started_at AS "startedAt", as_of AS "asOf", finished_at AS "finishedAt",
  (state IN ('queued', 'running') AND progressed_at < now() - make_interval(mins => ${Math.trunc(staleMinutes)})) AS stale`;

/** An unfinished run as the reconciler sees it. */
export interface UnfinishedSyncRun {
  id: string;
  state: 'queued' | 'running';
  /** Times a worker has started it. */
  attempts: number;
  /** Times the reconciler has put it back on the queue (part of its job id). */
  requeues: number;
  /** Its tasks are planned (planning is over): the run's own job has nothing left to do. */
  planned: boolean;
  /** Seconds since its last sign of life, on the database's clock. */
  idleSeconds: number;
  error: string | null;
}

interface SyncRunRow {
  id: string;
  state: SyncRunState;
  progress: number;
  sources: SyncSource[];
  since: Date | null;
  counts: Record<string, number>;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  asOf: Date | null;
  finishedAt: Date | null;
  stale: boolean;
}

function toDto(row: SyncRunRow): SyncRunDto {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return { ...row, since: iso(row.since), createdAt: row.createdAt.toISOString(), startedAt: iso(row.startedAt), asOf: iso(row.asOf), finishedAt: iso(row.finishedAt) };
}

/** `sync_runs`: the state of record of every sync; the queue job only carries the id. */
export class SyncRunsRepository {
  private readonly columns: string;

  constructor(
    private readonly dataSource: DataSource,
    /** STALE_RUN_MINUTES: an unfinished run with no progress for this long is flagged `stale`. */
    readonly staleMinutes = 15,
  ) {
    this.columns = columns(staleMinutes);
  }

  async create(input: { sources: SyncSource[]; since: Date | null; requestedBy: string }): Promise<SyncRunDto> {
    const [row] = (await this.dataSource.query(
      `INSERT INTO sync_runs (sources, since, requested_by) VALUES ($1::text[], $2, $3) RETURNING ${this.columns}`,
      [input.sources, input.since, input.requestedBy],
    )) as SyncRunRow[];
    return toDto(row!);
  }

  async get(id: string): Promise<SyncRunDto | undefined> {
    const [row] = (await this.dataSource.query(`SELECT ${this.columns} FROM sync_runs WHERE id = $1`, [id])) as SyncRunRow[];
    return row ? toDto(row) : undefined;
  }

  async list(limit: number): Promise<SyncRunDto[]> {
    const rows = (await this.dataSource.query(`SELECT ${this.columns} FROM sync_runs ORDER BY created_at DESC, id LIMIT $1`, [limit])) as SyncRunRow[];
    return rows.map(toDto);
  }

  /**
   * A worker takes the run at `now` (the product clock). The first start fixes the run's `as_of`:
   * a retried run keeps it, so every task reads up to the same instant. Returns false when the run
   * is already finished (a redelivered job): the caller then does nothing. Returns the attempt
   * this is (1 for the first start) otherwise.
   */
  async start(id: string, now: Date): Promise<number | undefined> {
    const [rows] = (await this.dataSource.query(
      `UPDATE sync_runs SET state = 'running', progress = 0, error = NULL, attempts = attempts + 1, progressed_at = now(),
         started_at = COALESCE(started_at, now()), as_of = COALESCE(as_of, $2)
       WHERE id = $1 AND state IN ('queued', 'running')
       RETURNING attempts`,
      [id, now],
    )) as [{ attempts: number }[], number];
    return rows[0]?.attempts;
  }

  async progress(id: string, progress: number): Promise<void> {
    await this.dataSource.query(`UPDATE sync_runs SET progress = $2, progressed_at = now() WHERE id = $1 AND state = 'running'`, [id, Math.max(0, Math.min(100, Math.round(progress)))]);
  }

  async fail(id: string, error: string): Promise<void> {
    await this.dataSource.query(`UPDATE sync_runs SET state = 'failed', error = $2, finished_at = now(), progressed_at = now() WHERE id = $1`, [id, error]);
  }

  /** A try failed and the queue will try again: back to queued, with the reason shown meanwhile. */
  async retrying(id: string, error: string): Promise<void> {
    await this.dataSource.query(`UPDATE sync_runs SET state = 'queued', error = $2, progressed_at = now() WHERE id = $1 AND state = 'running'`, [id, `retrying after: ${error}`]);
  }

  /** Runs that should be on the queue (queued or running), oldest first, for the reconciler. */
  async unfinished(): Promise<UnfinishedSyncRun[]> {
    return (await this.dataSource.query(
      `SELECT id, state, attempts, requeues, error,
         EXISTS (SELECT 1 FROM sync_tasks t WHERE t.sync_run_id = r.id) AS planned,
         extract(epoch FROM now() - progressed_at)::float8 AS "idleSeconds"
       FROM sync_runs r WHERE state IN ('queued', 'running') ORDER BY created_at`,
    )) as UnfinishedSyncRun[];
  }

  /** Claim the next requeue of a run whose job the queue lost: true for exactly one caller. */
  claimRequeue(id: string, requeues: number): Promise<boolean> {
    return claimRunRequeue(this.dataSource, 'sync_runs', id, requeues);
  }

  /** Runs unfinished with no progress for `staleMinutes`, for /health. */
  stale(): Promise<{ id: string; state: string; progressedAt: string }[]> {
    return staleRuns(this.dataSource, 'sync_runs', this.staleMinutes);
  }
}
