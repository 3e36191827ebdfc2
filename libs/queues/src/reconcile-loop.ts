import type { Logger } from '@undercurrent/logger';
import type { JobQueues } from './job-queues';

/** The reconciler's job scheduler: one in Redis however many workers register it. */
export const RECONCILE_SCHEDULER_ID = 'reconcile-runs';

/**
 * Runs the reconciler's passes (compare the runs of record with the queue, and put right what
 * differs): once when a worker starts, at every tick of a BullMQ job scheduler with a fixed id
 * (one schedule in Redis however many workers register it, so one worker runs each tick), and
 * when asked (a run's job failed for good). Each worker also checks, as often as the schedule
 * ticks, that the schedule is still in Redis: a flushed or replaced Redis loses it, and it comes
 * back without a restart. One pass at a time per process; a failed pass is the next one's work.
 */
export class ReconcileLoop {
  private running: Promise<void> | undefined;
  private watchdog: NodeJS.Timeout | undefined;

  constructor(
    private readonly queues: JobQueues,
    private readonly passes: { name: string; run: () => Promise<{ requeued: string[]; failed: string[] }> }[],
    private readonly everyMs: number,
    private readonly logger: Logger,
  ) {}

  /** The first pass, then the schedule and the check that keeps it in Redis. */
  async start(): Promise<void> {
    await this.pass('start');
    await this.ensureSchedule();
    this.watchdog = setInterval(() => void this.ensureSchedule(), this.everyMs);
    this.watchdog.unref();
  }

  /** One pass now (or the one under way). Never throws: errors are logged. */
  pass(reason: string): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      try {
        for (const { name, run } of this.passes) {
          const report = await run();
          if (report.requeued.length + report.failed.length > 0) this.logger.warn({ reason, ...report }, `reconciled ${name} with the queue`);
        }
      } catch (error) {
        // PostgreSQL or Redis away: the next tick tries again.
        this.logger.warn({ reason, err: error instanceof Error ? error.message : String(error) }, 'reconciler pass failed; the next one will try again');
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = undefined;
    await this.running;
  }

  private async ensureSchedule(): Promise<void> {
    try {
      if (await this.queues.ensureEvery(RECONCILE_SCHEDULER_ID, 'maintenance.reconcile', {}, this.everyMs)) this.logger.info({ everyMs: this.everyMs }, 'reconciler schedule registered');
    } catch (error) {
      this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'could not check the reconciler schedule');
    }
  }
}
