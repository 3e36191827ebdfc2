import {
  JOB_QUEUE,
  QUEUE_NAMES,
  QUEUE_SETTINGS,
  type JobName,
  type JobOf,
  type QueueName,
} from '@undercurrent/contracts';
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';

/** The custom backoff (see `outageAwareBackoff`) of queues that wait out a database outage. */
export const OUTAGE_AWARE_BACKOFF = 'outage-aware';

export function jobOptions(queue: QueueName): JobsOptions {
  const s = QUEUE_SETTINGS[queue];
  return {
    attempts: s.attempts,
    backoff: { type: s.databaseOutageDelayMs === null ? s.backoff.type : OUTAGE_AWARE_BACKOFF, delay: s.backoff.delayMs },
    removeOnComplete: { age: s.keepCompleted.ageSeconds, count: s.keepCompleted.count },
    removeOnFail: { age: s.keepFailed.ageSeconds, count: s.keepFailed.count },
  };
}

export interface QueueHealth {
  status: 'up' | 'down';
  waiting?: number;
  active?: number;
  failed?: number;
  workers?: number;
  error?: string;
}

/** The producer side: one BullMQ queue per name, typed by job name. */
export class JobQueues {
  private readonly queues: Record<QueueName, Queue>;

  /**
   * Takes ownership of `connection` (closed by `close()`). Connection errors go to `onError`
   * (the health check reports them) instead of an unhandled 'error' event.
   */
  constructor(
    private readonly connection: Redis,
    readonly prefix: string,
    onError: (error: Error) => void = () => undefined,
  ) {
    this.queues = Object.fromEntries(
      QUEUE_NAMES.map((name) => {
        const queue = new Queue(name, { connection, prefix, defaultJobOptions: jobOptions(name) });
        queue.on('error', onError);
        return [name, queue];
      }),
    ) as Record<QueueName, Queue>;
    connection.on('error', onError);
  }

  /**
   * Put a job on its queue. `jobId` must be derived from the row the job works on, so that the
   * same work enqueued twice is one job. `delayMs`: not before that many milliseconds from now.
   */
  async enqueue<N extends JobName>(name: N, payload: JobOf<N>, jobId: string, options: { delayMs?: number } = {}): Promise<void> {
    await this.queues[JOB_QUEUE[name]].add(name, payload, { jobId, ...(options.delayMs ? { delay: Math.max(0, Math.round(options.delayMs)) } : {}) });
  }

  /**
   * Register (or update) a repeating job. BullMQ keys a scheduler by its id in Redis, so every
   * worker calling this at start leaves exactly one schedule, however many workers run.
   */
  async schedule<N extends JobName>(schedulerId: string, name: N, payload: JobOf<N>, repeat: { pattern: string; tz: string }): Promise<void> {
    await this.queues[JOB_QUEUE[name]].upsertJobScheduler(schedulerId, { pattern: repeat.pattern, tz: repeat.tz }, { name, data: payload, opts: jobOptions(JOB_QUEUE[name]) });
  }

  /**
   * Whether the queue holds `jobId` as work still to do (waiting, delayed, active or about to be),
   * as opposed to finished (completed, failed) or not there at all (removed, Redis flushed).
   */
  async holds(queue: QueueName, jobId: string): Promise<boolean> {
    const state = await this.queues[queue].getJobState(jobId);
    return state !== 'completed' && state !== 'failed' && state !== 'unknown';
  }

  /**
   * Register a job every `everyMs` under a fixed scheduler id, unless Redis already has it (one
   * schedule however many workers call this; calling it again after Redis lost the schedule puts
   * it back, and calling it while it exists does not push its next run back).
   */
  async ensureEvery<N extends JobName>(schedulerId: string, name: N, payload: JobOf<N>, everyMs: number): Promise<boolean> {
    const queue = this.queues[JOB_QUEUE[name]];
    const existing = await queue.getJobScheduler(schedulerId);
    if (existing && existing.every === everyMs) return false;
    await queue.upsertJobScheduler(schedulerId, { every: everyMs }, { name, data: payload, opts: jobOptions(JOB_QUEUE[name]) });
    return true;
  }

  queue(name: QueueName): Queue {
    return this.queues[name];
  }

  async ping(): Promise<{ status: 'up' | 'down'; error?: string }> {
    try {
      await this.connection.ping();
      return { status: 'up' };
    } catch (error) {
      return { status: 'down', error: error instanceof Error ? error.message : String(error) };
    }
  }

  async health(): Promise<Record<QueueName, QueueHealth>> {
    const entries = await Promise.all(
      QUEUE_NAMES.map(async (name): Promise<[QueueName, QueueHealth]> => {
        try {
          const queue = this.queues[name];
          const [counts, workers] = await Promise.all([queue.getJobCounts('waiting', 'active', 'failed'), queue.getWorkersCount()]);
          return [name, { status: 'up', waiting: counts['waiting'] ?? 0, active: counts['active'] ?? 0, failed: counts['failed'] ?? 0, workers }];
        } catch (error) {
          return [name, { status: 'down', error: error instanceof Error ? error.message : String(error) }];
        }
      }),
    );
    return Object.fromEntries(entries) as Record<QueueName, QueueHealth>;
  }

  async close(): Promise<void> {
    await Promise.all(QUEUE_NAMES.map((name) => this.queues[name].close()));
    if (this.connection.status === 'ready') await this.connection.quit().catch(() => this.connection.disconnect());
    else this.connection.disconnect();
  }
}
