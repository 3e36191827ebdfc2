import type { Logger } from '@undercurrent/logger';
import type { JobQueues } from '@undercurrent/queues';
import { enqueueSyncTask, SYNC_MAX_ATTEMPTS, syncRunJobId, syncTaskJobId } from './sync-jobs';
import type { SyncRunsRepository, UnfinishedSyncRun } from './sync-runs.repository';
import type { RunOutcome, SyncTasksRepository } from './sync-tasks.repository';

/** What one pass did, by job id or row. */
export interface ReconcileReport {
  requeued: string[];
  failed: string[];
}

/**
 * A run requested this recently may not have its job on the queue yet (the API writes the row,
 * then enqueues): the reconciler leaves it alone.
 */
export const RECONCILE_GRACE_SECONDS = 30;

/** Why a row that used up its tries is failed for good: its last error, else the loss of its job. */
export function gaveUpReason(attempts: number, lastError: string | null): string {
  const cause = lastError?.replace(/^retrying after: /, '') ?? 'its job was lost (the worker stopped while it ran, or the queue lost it)';
  return `gave up after ${attempts} attempt(s): ${cause}`;
}

/**
 * PostgreSQL is the run of record; the queue only carries work. The reconciler compares the two:
 * an unfinished run or task whose job the queue no longer holds (waiting, delayed or active) goes
 * back on the queue under a new job id, or, when it has used up its tries, fails for good with the
 * reason. Several reconcilers at once add one job: the requeue is claimed on the row first.
 */
export class SyncReconciler {
  constructor(
    private readonly runs: SyncRunsRepository,
    private readonly tasks: SyncTasksRepository,
    private readonly queues: JobQueues,
    private readonly logger: Logger,
    /** Called when reconciling finished a run (the analysis follows a completed sync). */
    private readonly onSettled: (syncRunId: string, outcome: RunOutcome) => Promise<void> = async () => undefined,
    private readonly graceSeconds = RECONCILE_GRACE_SECONDS,
  ) {}

  async reconcile(): Promise<ReconcileReport> {
    const report: ReconcileReport = { requeued: [], failed: [] };
    for (const run of await this.runs.unfinished()) await this.reconcileRun(run, report);
    if (report.requeued.length + report.failed.length > 0) this.logger.warn(report, 'reconciled sync runs with the queue');
    return report;
  }

  private async reconcileRun(run: UnfinishedSyncRun, report: ReconcileReport): Promise<void> {
    // The run's own job is still at work (waiting, planning, retrying): nothing to do yet.
    if (await this.queues.holds('sync', syncRunJobId(run.id, run.requeues))) return;
    if (!run.planned) {
      if (run.idleSeconds < this.graceSeconds) return;
      if (run.attempts >= SYNC_MAX_ATTEMPTS) {
        await this.runs.fail(run.id, gaveUpReason(run.attempts, run.error));
        report.failed.push(`sync-run ${run.id}`);
        return;
      }
      if (await this.runs.claimRequeue(run.id, run.requeues)) {
        const jobId = syncRunJobId(run.id, run.requeues + 1);
        await this.queues.enqueue('sync.run', { syncRunId: run.id }, jobId);
        report.requeued.push(jobId);
      }
      return;
    }
    const unfinished = await this.tasks.unfinished(run.id);
    if (unfinished.length === 0) {
      // Every task finished without the run being settled (a worker lost in between).
      const outcome = await this.tasks.settleRun(run.id);
      if (outcome) await this.onSettled(run.id, outcome);
      return;
    }
    for (const task of unfinished) {
      if (await this.queues.holds('sync', syncTaskJobId(run.id, task.key, task.requeues))) continue;
      if (task.attempts >= SYNC_MAX_ATTEMPTS) {
        const outcome = await this.tasks.finish(run.id, task.key, { error: gaveUpReason(task.attempts, task.error) });
        report.failed.push(`sync-task ${run.id} ${task.key}`);
        if (outcome) await this.onSettled(run.id, outcome);
        continue;
      }
      if (await this.tasks.claimRequeue(run.id, task.key, task.requeues)) {
        report.requeued.push(await enqueueSyncTask(this.queues, run.id, { ...task, requeues: task.requeues + 1 }));
      }
    }
  }
}
