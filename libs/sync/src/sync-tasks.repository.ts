import type { DataSource, EntityManager } from 'typeorm';

export interface PlannedTask {
  key: string;
  label: string;
  /** Times the reconciler has put the task back on the queue (part of its job id); 0 when planned. */
  requeues?: number;
  /** Set for a task that failed before it could start (a configured channel that does not exist). */
  error?: string;
}

/** What finishing a task did to its run: finished it (and how), or nothing yet (null). */
export type RunOutcome = 'completed' | 'failed' | null;

/** Share of a run's progress that planning takes; the tasks share the rest. */
const PLANNING_SHARE = 20;

/**
 * `sync_tasks`: the parts of a run that run as their own jobs. Whoever finishes the last task
 * finishes the run, under a lock on the run's row, so exactly one worker does it.
 */
export class SyncTasksRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Record the run's tasks (again, harmlessly, if planning is retried) and its planning counts. */
  async plan(syncRunId: string, tasks: PlannedTask[], counts: Record<string, number>, sources: string[]): Promise<PlannedTask[]> {
    return this.dataSource.transaction(async (m) => {
      await m.query(
        `INSERT INTO sync_tasks (sync_run_id, key, label, state, error, finished_at)
         SELECT $1, key, label, CASE WHEN error IS NULL THEN 'queued' ELSE 'failed' END, error, CASE WHEN error IS NULL THEN NULL ELSE now() END
         FROM jsonb_to_recordset($2::jsonb) AS t(key text, label text, error text)
         ON CONFLICT (sync_run_id, key) DO NOTHING`,
        [syncRunId, JSON.stringify(tasks.map((t) => ({ key: t.key, label: t.label, error: t.error ?? null })))],
      );
      await m.query(`UPDATE sync_runs SET counts = $2::jsonb, sources = $3::text[], progress = $4, progressed_at = now() WHERE id = $1`, [syncRunId, JSON.stringify(counts), sources, PLANNING_SHARE]);
      const open = (await m.query(`SELECT key, label, requeues FROM sync_tasks WHERE sync_run_id = $1 AND state IN ('queued', 'running') ORDER BY key`, [syncRunId])) as PlannedTask[];
      return open;
    });
  }

  /**
   * A worker takes a task: the attempt this is (1 for the first), or undefined when the task is
   * already finished (a redelivered job).
   */
  async start(syncRunId: string, key: string): Promise<number | undefined> {
    const [rows] = (await this.dataSource.query(
      `UPDATE sync_tasks SET state = 'running', attempts = attempts + 1, error = NULL, progressed_at = now()
       WHERE sync_run_id = $1 AND key = $2 AND state IN ('queued', 'running') RETURNING attempts`,
      [syncRunId, key],
    )) as [{ attempts: number }[], number];
    if (rows[0]) await this.dataSource.query(`UPDATE sync_runs SET progressed_at = now() WHERE id = $1`, [syncRunId]);
    return rows[0]?.attempts;
  }

  /** A run's unfinished tasks, for the reconciler. */
  async unfinished(syncRunId: string): Promise<{ key: string; label: string; state: 'queued' | 'running'; attempts: number; requeues: number; error: string | null }[]> {
    return (await this.dataSource.query(
      `SELECT key, label, state, attempts, requeues, error FROM sync_tasks WHERE sync_run_id = $1 AND state IN ('queued', 'running') ORDER BY key`,
      [syncRunId],
    )) as { key: string; label: string; state: 'queued' | 'running'; attempts: number; requeues: number; error: string | null }[];
  }

  /** Claim the next requeue of a task whose job the queue lost: true for exactly one caller. */
  async claimRequeue(syncRunId: string, key: string, requeues: number): Promise<boolean> {
    const [, count] = (await this.dataSource.query(
      `UPDATE sync_tasks SET requeues = requeues + 1, progressed_at = now()
       WHERE sync_run_id = $1 AND key = $2 AND requeues = $3 AND state IN ('queued', 'running') RETURNING 1`,
      [syncRunId, key, requeues],
    )) as [unknown[], number];
    return count === 1;
  }

  /** A try failed and will be retried: the reason shows meanwhile. */
  async retrying(syncRunId: string, key: string, error: string): Promise<void> {
    await this.dataSource.query(`UPDATE sync_tasks SET state = 'queued', error = $3, progressed_at = now() WHERE sync_run_id = $1 AND key = $2 AND state = 'running'`, [syncRunId, key, `retrying after: ${error}`]);
  }

  /** Finish a task, and the run with it when it was the last one. */
  async finish(syncRunId: string, key: string, outcome: { counts: Record<string, number> } | { error: string }): Promise<RunOutcome> {
    return this.dataSource.transaction(async (m) => {
      await m.query(
        `UPDATE sync_tasks SET state = $3, counts = $4::jsonb, error = $5, finished_at = now(), progressed_at = now() WHERE sync_run_id = $1 AND key = $2`,
        'error' in outcome ? [syncRunId, key, 'failed', '{}', outcome.error] : [syncRunId, key, 'completed', JSON.stringify(outcome.counts), null],
      );
      return this.settle(m, syncRunId);
    });
  }

  /** Bring the run's progress up to date and finish it when no task is left (also for a run with none). */
  async settleRun(syncRunId: string): Promise<RunOutcome> {
    return this.dataSource.transaction((m) => this.settle(m, syncRunId));
  }

  private async settle(m: EntityManager, syncRunId: string): Promise<RunOutcome> {
    const [run] = (await m.query(`SELECT state FROM sync_runs WHERE id = $1 FOR UPDATE`, [syncRunId])) as { state: string }[];
    if (!run || run.state === 'completed' || run.state === 'failed') return null;
    const [tally] = (await m.query(
      `SELECT count(*)::int AS total,
         count(*) FILTER (WHERE state IN ('completed', 'failed'))::int AS done,
         count(*) FILTER (WHERE state = 'failed')::int AS failed,
         string_agg(error, '; ' ORDER BY key) FILTER (WHERE state = 'failed') AS errors
       FROM sync_tasks WHERE sync_run_id = $1`,
      [syncRunId],
    )) as { total: number; done: number; failed: number; errors: string | null }[];
    const { total, done, failed, errors } = tally!;
    if (done < total) {
      await m.query(`UPDATE sync_runs SET progress = $2, progressed_at = now() WHERE id = $1`, [syncRunId, Math.floor(PLANNING_SHARE + ((100 - PLANNING_SHARE) * done) / total)]);
      return null;
    }
    // The run's counts: its planning counts plus the sum of every task's counts.
    await m.query(
      `UPDATE sync_runs r SET
         state = CASE WHEN $2 > 0 THEN 'failed' ELSE 'completed' END,
         progress = 100, finished_at = now(), progressed_at = now(),
         error = CASE WHEN $2 > 0 THEN $3 ELSE NULL END,
         counts = r.counts || COALESCE((
           SELECT jsonb_object_agg(k, total) FROM (
             SELECT k, sum(v::numeric)::bigint AS total FROM sync_tasks t, jsonb_each_text(t.counts) AS c(k, v)
             WHERE t.sync_run_id = r.id GROUP BY k) sums), '{}'::jsonb)
       WHERE r.id = $1`,
      [syncRunId, failed, failed > 0 ? `${failed} of ${total} task(s) failed: ${errors}` : null],
    );
    return failed > 0 ? 'failed' : 'completed';
  }
}
