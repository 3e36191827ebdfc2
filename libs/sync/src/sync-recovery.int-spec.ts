import { createLogger } from '@undercurrent/logger';
import { createRedisConnection, JobQueues, QueueWorkers, RECONCILE_SCHEDULER_ID, ReconcileLoop, type JobHandlers } from '@undercurrent/queues';
import { openTestDataSource, TEST_REDIS_URL, uniqueQueuePrefix, waitFor } from '@undercurrent/testing';
import { UnrecoverableError, type Job } from 'bullmq';
import IORedis from 'ioredis';
import type { DataSource } from 'typeorm';
import { enqueueSyncTask, SYNC_MAX_ATTEMPTS } from './sync-jobs';
import { SyncReconciler } from './sync-reconciler';
import { SyncRunsRepository } from './sync-runs.repository';
import { SyncTasksRepository } from './sync-tasks.repository';

/**
 * A Redis database of this file's own (index 13), so FLUSHDB, as an operator or a restarted
 * Redis without persistence would do it, touches no other test's queues.
 */
const REDIS_URL = (() => {
  const url = new URL(TEST_REDIS_URL);
  url.pathname = '/13';
  return url.toString();
})();

/** How long the run may take to finish by itself once the queue lost its jobs (stated in docs/operations.md for the default tick). */
const RECOVERY_BOUND_MS = 30_000;
const TICK_MS = 1_000;

const logger = createLogger({ level: 'silent', name: 'test' });

describe('runs recover by themselves when the queue loses their jobs', () => {
  let dataSource: DataSource;
  let closeDb: () => Promise<void>;
  let prefix: string;
  let queues: JobQueues;
  let workers: QueueWorkers;
  let loop: ReconcileLoop;
  let runs: SyncRunsRepository;
  let tasks: SyncTasksRepository;
  let admin: IORedis;

  beforeEach(async () => {
    ({ dataSource, close: closeDb } = await openTestDataSource());
    prefix = uniqueQueuePrefix();
    admin = new IORedis(REDIS_URL, { maxRetriesPerRequest: 1 });
    queues = new JobQueues(createRedisConnection(REDIS_URL, 'producer'), prefix);
    runs = new SyncRunsRepository(dataSource);
    tasks = new SyncTasksRepository(dataSource);
    workers = new QueueWorkers(() => createRedisConnection(REDIS_URL, 'worker'), prefix);
    const reconciler = new SyncReconciler(runs, tasks, queues, logger, async () => undefined, 0);
    loop = new ReconcileLoop(queues, [{ name: 'sync runs', run: () => reconciler.reconcile() }], TICK_MS, logger);
  });

  afterEach(async () => {
    await loop.stop();
    await workers.close();
    await queues.close();
    await admin.flushdb();
    admin.disconnect();
    await closeDb();
  });

  /** The worker's handler map: the task handler is the test's, the reconciler's tick is the product's. */
  function startWorkers(task: (job: Job<{ syncRunId: string; taskKey: string }>) => Promise<void>): void {
    const none = async () => undefined;
    const handlers: JobHandlers = {
      'sync.run': none,
      'sync.slack-channel': task,
      'sync.github-repository': task,
      'events.github-pull-request': none,
      'events.slack': none,
      'analysis.run': none,
      'analysis.scheduled': none,
      'maintenance.reconcile': () => loop.pass('schedule'),
      'alerts.deliver': none,
      'alerts.digest': none,
    };
    workers.start(handlers, { onError: () => undefined });
  }

  /** A run planned with `count` repository tasks, each on the queue as the planner puts it. */
  async function plannedRun(count: number): Promise<string> {
    const run = await runs.create({ sources: ['github'], since: null, requestedBy: 'test' });
    await runs.start(run.id, new Date('2026-11-16T09:00:00Z'));
    const planned = Array.from({ length: count }, (_, i) => ({ key: `github:repo:acme/repo-${i}`, label: `acme/repo-${i}` }));
    for (const task of await tasks.plan(run.id, planned, {}, ['github'])) await enqueueSyncTask(queues, run.id, task);
    return run.id;
  }

  const finished = (id: string, timeoutMs = RECOVERY_BOUND_MS) =>
    waitFor(`sync run ${id} to finish`, async () => {
      const run = await runs.get(id);
      return run && (run.state === 'completed' || run.state === 'failed') ? run : undefined;
    }, timeoutMs, 100);

  it('finishes a run whose waiting jobs were lost to a flushed Redis, with no restart', async () => {
    const id = await plannedRun(3);
    let flushed = false;
    const handled: string[] = [];
    startWorkers(async (job) => {
      if ((await tasks.start(job.data.syncRunId, job.data.taskKey)) === undefined) return;
      handled.push(String(job.id));
      // The work in flight when Redis goes finishes and is recorded in PostgreSQL, as real work would.
      await waitFor('Redis to be flushed', () => (flushed ? true : undefined), 60_000, 20);
      await tasks.finish(job.data.syncRunId, job.data.taskKey, { counts: { githubPullRequests: 1 } });
    });
    await loop.start();
    // Two tasks in flight (the sync queue runs two at once per worker), the third waiting in Redis.
    await waitFor('two tasks to be taken', () => (handled.length === 2 ? true : undefined), 30_000, 20);

    await admin.flushdb();
    flushed = true;
    const started = performance.now();
    // The third task's job and the reconciler's schedule are gone; the run of record is not.
    expect(await queues.queue('sync').getJobCounts('waiting', 'active', 'delayed')).toEqual({ waiting: 0, active: 0, delayed: 0 });

    const run = await finished(id);
    expect(run).toMatchObject({ state: 'completed', progress: 100, counts: { githubPullRequests: 3 } });
    expect(handled).toHaveLength(3);
    expect(handled[2]).toMatch(new RegExp(`^sync-task-${id}-github:repo:acme/repo-\\d-r1$`));
    // The schedule is back in Redis (a worker's check put it back), so the next loss is caught too.
    expect(performance.now() - started).toBeLessThan(RECOVERY_BOUND_MS);
    // The schedule comes back too (a worker's periodic check puts it back, on its own tick), so
    // the next loss is caught as well.
    const scheduler = await waitFor('the reconciler schedule back in Redis', async () => (await queues.queue('maintenance').getJobScheduler(RECONCILE_SCHEDULER_ID)) ?? undefined, RECOVERY_BOUND_MS, 100);
    expect(scheduler).toMatchObject({ every: TICK_MS });
  });

  it('requeues a task whose job the queue failed on its own (its failure handling never ran), under a new job id', async () => {
    const handled: string[] = [];
    startWorkers(async (job) => {
      if ((await tasks.start(job.data.syncRunId, job.data.taskKey)) === undefined) return;
      handled.push(String(job.id));
      // As BullMQ does to a job whose worker died twice: failed, with nothing recorded in PostgreSQL.
      if (!String(job.id).endsWith('-r1')) throw new UnrecoverableError('job stalled more than allowable limit');
      await tasks.finish(job.data.syncRunId, job.data.taskKey, { counts: { githubPullRequests: 1 } });
    });
    const id = await plannedRun(1);
    await loop.start();

    expect(await finished(id)).toMatchObject({ state: 'completed', error: null });
    expect(handled).toEqual([`sync-task-${id}-github:repo:acme/repo-0`, `sync-task-${id}-github:repo:acme/repo-0-r1`]);
  });

  it('fails a task for good, saying why, once it has used up its tries, and settles the run', async () => {
    startWorkers(async (job) => {
      if ((await tasks.start(job.data.syncRunId, job.data.taskKey)) === undefined) return;
      throw new UnrecoverableError('job stalled more than allowable limit');
    });
    const id = await plannedRun(2);
    await loop.start();

    const run = await finished(id);
    expect(run.state).toBe('failed');
    expect(run.error).toMatch(/^2 of 2 task\(s\) failed: gave up after 3 attempt\(s\): its job was lost/);
    const [row] = (await dataSource.query(`SELECT max(attempts) AS attempts, max(requeues) AS requeues FROM sync_tasks WHERE sync_run_id = $1`, [id])) as { attempts: number; requeues: number }[];
    expect(row).toEqual({ attempts: SYNC_MAX_ATTEMPTS, requeues: SYNC_MAX_ATTEMPTS - 1 });
  });

  it('adds one job when two reconcilers (two workers) find the same lost task at once', async () => {
    const id = await plannedRun(1);
    await admin.flushdb();
    const second = new SyncReconciler(runs, tasks, queues, logger, async () => undefined, 0);
    const first = new SyncReconciler(runs, tasks, queues, logger, async () => undefined, 0);
    const reports = await Promise.all([first.reconcile(), second.reconcile()]);
    expect(reports.flatMap((r) => r.requeued)).toEqual([`sync-task-${id}-github:repo:acme/repo-0-r1`]);
    expect(await queues.queue('sync').getJobCounts('waiting')).toEqual({ waiting: 1 });
  });
});
