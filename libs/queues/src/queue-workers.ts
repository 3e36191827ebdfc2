import {
  JOB_QUEUE,
  QUEUE_NAMES,
  QUEUE_SETTINGS,
  type JobName,
  type JobOf,
  type QueueName,
} from '@undercurrent/contracts';
import { isDatabaseUnavailable } from '@undercurrent/db';
import { UnrecoverableError, Worker, type BackoffOptions, type Job, type MinimalJob } from 'bullmq';
import type { Redis } from 'ioredis';
import { OUTAGE_AWARE_BACKOFF } from './job-queues';

/**
 * The backoff of a queue with `databaseOutageDelayMs`: a try that failed because PostgreSQL was
 * unreachable waits minutes (doubling, at most 8 times the first delay); any other error waits
 * the queue's usual exponential backoff.
 */
export function outageAwareBackoff(queue: QueueName, attemptsMade: number, error: Error | undefined): number {
  const settings = QUEUE_SETTINGS[queue];
  const doubling = 2 ** Math.min(Math.max(attemptsMade - 1, 0), 3);
  if (settings.databaseOutageDelayMs !== null && isDatabaseUnavailable(error)) return settings.databaseOutageDelayMs * doubling;
  return settings.backoff.type === 'fixed' ? settings.backoff.delayMs : settings.backoff.delayMs * 2 ** Math.max(attemptsMade - 1, 0);
}

/**
 * The `retry-after` back-off: the delay an error asks for (`retryAfterMs`, from a `Retry-After`
 * header), else exponential from the job's base delay (1, 2, 4, 8... times it).
 */
export function retryAfterBackoff(attemptsMade: number, baseDelayMs: number, error: unknown): number {
  const asked = (error as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
  if (typeof asked === 'number' && Number.isFinite(asked) && asked >= 0) return Math.round(asked);
  return baseDelayMs * 2 ** Math.max(0, attemptsMade - 1);
}

/** A handler for every job name: a job added without its handler does not compile. */
export type JobHandlers = { [N in JobName]: (job: Job<JobOf<N>, unknown, N>) => Promise<unknown> };

/**
 * The consumer side: one BullMQ worker per queue, with the queue's settings. `close()` stops
 * taking jobs and waits for the running ones to finish, so a SIGTERM loses no work.
 */
export class QueueWorkers {
  private workers: Worker[] = [];
  private connections: Redis[] = [];

  constructor(
    private readonly connectionFactory: () => Redis,
    private readonly prefix: string,
  ) {}

  start(
    handlers: JobHandlers,
    events: { onFailed?: (job: Job | undefined, error: Error) => void; onError?: (error: Error) => void } = {},
  ): void {
    if (this.workers.length > 0) throw new Error('workers already started');
    const namesByQueue = new Map<QueueName, JobName[]>();
    for (const name of Object.keys(JOB_QUEUE) as JobName[]) {
      namesByQueue.set(JOB_QUEUE[name], [...(namesByQueue.get(JOB_QUEUE[name]) ?? []), name]);
    }
    for (const queue of QUEUE_NAMES) {
      const settings = QUEUE_SETTINGS[queue];
      const known = new Set(namesByQueue.get(queue) ?? []);
      const connection = this.connectionFactory();
      this.connections.push(connection);
      const worker = new Worker(
        queue,
        async (job: Job) => {
          if (!known.has(job.name as JobName)) throw new UnrecoverableError(`no handler for job "${job.name}" on queue "${queue}"`);
          const handler = handlers[job.name as JobName] as (j: Job) => Promise<unknown>;
          return handler(job);
        },
        {
          connection,
          prefix: this.prefix,
          concurrency: settings.concurrency,
          lockDuration: settings.lockDurationMs,
          settings: {
            // Back-off types BullMQ does not know itself: `outage-aware` (a database outage is
            // waited out in minutes) and `retry-after` (the delay the error asks for).
            backoffStrategy: (attemptsMade: number, type?: string, error?: Error, job?: MinimalJob) => {
              if (type === OUTAGE_AWARE_BACKOFF) return outageAwareBackoff(queue, attemptsMade, error);
              if (type === 'retry-after') return retryAfterBackoff(attemptsMade, backoffDelay(job?.opts.backoff) ?? settings.backoff.delayMs, error);
              throw new Error(`unknown backoff "${String(type)}"`);
            },
          },
        },
      );
      if (events.onFailed) worker.on('failed', events.onFailed);
      worker.on('error', events.onError ?? (() => undefined));
      this.workers.push(worker);
    }
  }

  get running(): boolean {
    return this.workers.some((w) => w.isRunning());
  }

  /** Stop taking jobs; wait for the active ones to finish. */
  async close(): Promise<void> {
    const workers = this.workers;
    const connections = this.connections;
    this.workers = [];
    this.connections = [];
    await Promise.all(workers.map((w) => w.close()));
    await Promise.all(connections.map((c) => c.quit().catch(() => c.disconnect())));
  }
}

function backoffDelay(backoff: number | BackoffOptions | undefined): number | undefined {
  return typeof backoff === 'object' ? backoff.delay : undefined;
}
