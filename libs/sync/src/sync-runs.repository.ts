import type { SyncRunDto, SyncRunState, SyncSource } from '@undercurrent/contracts';
import type { DataSource } from 'typeorm';

const COLUMNS = `id, state, progress, sources, since, counts, error,
  created_at AS "createdAt", started_at AS "startedAt", as_of AS "asOf", finished_at AS "finishedAt"`;

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
}

function toDto(row: SyncRunRow): SyncRunDto {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return { ...row, since: iso(row.since), createdAt: row.createdAt.toISOString(), startedAt: iso(row.startedAt), asOf: iso(row.asOf), finishedAt: iso(row.finishedAt) };
}

/** `sync_runs`: the state of record of every sync; the queue job only carries the id. */
export class SyncRunsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(input: { sources: SyncSource[]; since: Date | null; requestedBy: string }): Promise<SyncRunDto> {
    const [row] = (await this.dataSource.query(
      `INSERT INTO sync_runs (sources, since, requested_by) VALUES ($1::text[], $2, $3) RETURNING ${COLUMNS}`,
      [input.sources, input.since, input.requestedBy],
    )) as SyncRunRow[];
    return toDto(row!);
  }

  async get(id: string): Promise<SyncRunDto | undefined> {
    const [row] = (await this.dataSource.query(`SELECT ${COLUMNS} FROM sync_runs WHERE id = $1`, [id])) as SyncRunRow[];
    return row ? toDto(row) : undefined;
  }

  async list(limit: number): Promise<SyncRunDto[]> {
    const rows = (await this.dataSource.query(`SELECT ${COLUMNS} FROM sync_runs ORDER BY created_at DESC, id LIMIT $1`, [limit])) as SyncRunRow[];
    return rows.map(toDto);
  }

  /**
   * A worker takes the run at `now` (the product clock). The first start fixes the run's `as_of`:
   * a retried run keeps it, so every task reads up to the same instant. Returns false when the run
   * is already finished (a redelivered job): the caller then does nothing.
   */
  async start(id: string, now: Date): Promise<boolean> {
    const [, count] = (await this.dataSource.query(
      `UPDATE sync_runs SET state = 'running', progress = 0, error = NULL, attempts = attempts + 1,
         started_at = COALESCE(started_at, now()), as_of = COALESCE(as_of, $2)
       WHERE id = $1 AND state IN ('queued', 'running')
       RETURNING 1`,
      [id, now],
    )) as [unknown[], number];
    return count === 1;
  }

  async progress(id: string, progress: number): Promise<void> {
    await this.dataSource.query(`UPDATE sync_runs SET progress = $2 WHERE id = $1 AND state = 'running'`, [id, Math.max(0, Math.min(100, Math.round(progress)))]);
  }

  async fail(id: string, error: string): Promise<void> {
    await this.dataSource.query(`UPDATE sync_runs SET state = 'failed', error = $2, finished_at = now() WHERE id = $1`, [id, error]);
  }

  /** A try failed and the queue will try again: back to queued, with the reason shown meanwhile. */
  async retrying(id: string, error: string): Promise<void> {
    await this.dataSource.query(`UPDATE sync_runs SET state = 'queued', error = $2 WHERE id = $1 AND state = 'running'`, [id, `retrying after: ${error}`]);
  }

  /** Runs that should be on the queue (queued or running), for re-enqueueing after a loss of Redis. */
  async unfinishedIds(): Promise<string[]> {
    const rows = (await this.dataSource.query(`SELECT id FROM sync_runs WHERE state IN ('queued', 'running') ORDER BY created_at`)) as { id: string }[];
    return rows.map((r) => r.id);
  }
}
