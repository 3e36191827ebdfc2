import type { DataSource } from 'typeorm';

/** The tables of runs of record that share the unfinished/requeue/stale lifecycle. */
export type RunTable = 'sync_runs' | 'analysis_runs';

/**
 * Claim the next requeue of a run whose job the queue lost: true for exactly one caller when
 * several reconcilers see the same `requeues` at once.
 */
export async function claimRunRequeue(db: DataSource, table: RunTable, id: string, requeues: number): Promise<boolean> {
  const [, count] = (await db.query(
    `UPDATE ${table} SET requeues = requeues + 1, progressed_at = now() WHERE id = $1 AND requeues = $2 AND state IN ('queued', 'running') RETURNING 1`,
    [id, requeues],
  )) as [unknown[], number];
  return count === 1;
}

/** Runs unfinished with no progress for `staleMinutes` (at most 20, oldest first), for /health. */
export async function staleRuns(db: DataSource, table: RunTable, staleMinutes: number): Promise<{ id: string; state: string; progressedAt: string }[]> {
  const rows = (await db.query(
    `SELECT id, state, progressed_at AS "progressedAt" FROM ${table}
     WHERE state IN ('queued', 'running') AND progressed_at < now() - make_interval(mins => $1) ORDER BY created_at LIMIT 20`,
    [staleMinutes],
  )) as { id: string; state: string; progressedAt: Date }[];
  return rows.map((r) => ({ ...r, progressedAt: r.progressedAt.toISOString() }));
}
