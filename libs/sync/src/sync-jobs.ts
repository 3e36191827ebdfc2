import { QUEUE_SETTINGS } from '@undercurrent/contracts';
import type { JobQueues } from '@undercurrent/queues';

/**
 * Job ids of a sync's jobs. They are derived from the rows of record and from how many times the
 * reconciler has put the row back on the queue (`requeues`): the same work enqueued twice is one
 * job, and a requeued job never collides with a finished one BullMQ still keeps (it would ignore
 * the add). Ids of the first enqueue are those of earlier versions.
 */
export const syncRunJobId = (syncRunId: string, requeues: number) => (requeues === 0 ? `sync-run-${syncRunId}` : `sync-run-${syncRunId}-r${requeues}`);

export const syncTaskJobId = (syncRunId: string, key: string, requeues: number) =>
  requeues === 0 ? `sync-task-${syncRunId}-${key}` : `sync-task-${syncRunId}-${key}-r${requeues}`;

/**
 * Tries a sync run or task gets in all, across every job that carried it (a worker killed in the
 * middle of a try counts as a try): after that it fails for good, with the reason recorded.
 */
export const SYNC_MAX_ATTEMPTS = QUEUE_SETTINGS.sync.attempts;

/** Put one task of a run on the queue, as the job its key calls for, under its current job id. */
export async function enqueueSyncTask(queues: JobQueues, syncRunId: string, task: { key: string; label: string; requeues?: number }): Promise<string> {
  const jobId = syncTaskJobId(syncRunId, task.key, task.requeues ?? 0);
  if (task.key.startsWith('github:repo:')) await queues.enqueue('sync.github-repository', { syncRunId, taskKey: task.key, repository: task.label }, jobId);
  else await queues.enqueue('sync.slack-channel', { syncRunId, taskKey: task.key, channelId: task.key.slice('slack:channel:'.length) }, jobId);
  return jobId;
}
