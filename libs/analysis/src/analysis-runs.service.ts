import { QUEUE_SETTINGS, type AnalysisRunDto, type AnalysisTrigger } from '@undercurrent/contracts';
import type { JobQueues } from '@undercurrent/queues';
import type { AnalysisRunsRepository } from './analysis-runs.repository';

/** A request for an analysis that cannot be carried out as asked (HTTP 400). */
export class AnalysisRequestError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'AnalysisRequestError';
  }
}

/** The queue could not take the job (Redis unreachable): HTTP 503. */
export class AnalysisQueueUnavailableError extends Error {
  constructor(cause: unknown) {
    // The cause (Redis's own words) is for the log, never for a response.
    super('the job queue is unavailable', { cause });
    this.name = 'AnalysisQueueUnavailableError';
  }
}

/** An analysis run's job id: a requeued run (the queue lost its job) gets a new one, never a finished job's. */
export const analysisRunJobId = (analysisRunId: string, requeues: number) => (requeues === 0 ? `analysis-run-${analysisRunId}` : `analysis-run-${analysisRunId}-r${requeues}`);

/** Tries an analysis gets in all, across every job that carried it (a worker's loss counts as one). */
export const ANALYSIS_MAX_ATTEMPTS = QUEUE_SETTINGS.analysis.attempts;

/** Most trailing weeks an analysis may be asked for (ten years). */
export const MAX_ANALYSIS_WEEKS = 520;
/** Weeks a sync's analysis recomputes once a full analysis exists: late data lands in the last two. */
export const WEEKS_AFTER_SYNC = 2;
/** The weekly schedule: Mondays 06:00 in the organisation's time zone, recomputing the last two weeks. */
export const WEEKLY_SCHEDULE = { id: 'analysis-weekly', pattern: '0 6 * * 1', weeks: 2 } as const;

/** Requests analyses: writes the run of record, then puts its job on the queue. */
export class AnalysisRunsService {
  constructor(
    private readonly runs: AnalysisRunsRepository,
    private readonly queues: JobQueues,
  ) {}

  async request(input: { weeks?: number | null; trigger: AnalysisTrigger; requestedBy: string }): Promise<AnalysisRunDto> {
    const weeks = input.weeks ?? null;
    if (weeks !== null && (!Number.isInteger(weeks) || weeks < 1 || weeks > MAX_ANALYSIS_WEEKS)) {
      throw new AnalysisRequestError('weeks', `must be a whole number from 1 to ${MAX_ANALYSIS_WEEKS} (got ${String(weeks)})`);
    }
    const run = await this.runs.create({ trigger: input.trigger, weeks, requestedBy: input.requestedBy });
    try {
      await this.queues.enqueue('analysis.run', { analysisRunId: run.id }, analysisRunJobId(run.id, 0));
    } catch (error) {
      await this.runs.fail(run.id, 'could not be queued: the job queue (Redis) is unavailable');
      throw new AnalysisQueueUnavailableError(error);
    }
    return run;
  }

  /**
   * The analysis after a completed sync: every week when nothing has been analysed yet or the
   * sync reached back (`since`), else the last two weeks.
   */
  async requestAfterSync(sync: { id: string; since: string | null }, analysedBefore: boolean): Promise<AnalysisRunDto> {
    return this.request({ weeks: analysedBefore && !sync.since ? WEEKS_AFTER_SYNC : null, trigger: 'sync', requestedBy: `sync:${sync.id}` });
  }

  get(id: string): Promise<AnalysisRunDto | undefined> {
    return this.runs.get(id);
  }

  list(limit = 50): Promise<AnalysisRunDto[]> {
    return this.runs.list(limit);
  }

  /**
   * Compare the unfinished analyses of record with the queue: one whose job the queue no longer
   * holds goes back on it under a new job id, or fails for good when it has used up its tries.
   * Returns what it did (job ids requeued, run ids failed).
   */
  async reconcile(graceSeconds = 30): Promise<{ requeued: string[]; failed: string[] }> {
    const report = { requeued: [] as string[], failed: [] as string[] };
    for (const run of await this.runs.unfinished()) {
      if (await this.queues.holds('analysis', analysisRunJobId(run.id, run.requeues))) continue;
      // Just requested: the job may be on its way to the queue.
      if (run.idleSeconds < graceSeconds) continue;
      if (run.attempts >= ANALYSIS_MAX_ATTEMPTS) {
        const cause = run.error?.replace(/^retrying after: /, '') ?? 'its job was lost (the worker stopped while it ran, or the queue lost it)';
        await this.runs.fail(run.id, `gave up after ${run.attempts} attempt(s): ${cause}`);
        report.failed.push(run.id);
      } else if (await this.runs.claimRequeue(run.id, run.requeues)) {
        const jobId = analysisRunJobId(run.id, run.requeues + 1);
        await this.queues.enqueue('analysis.run', { analysisRunId: run.id }, jobId);
        report.requeued.push(jobId);
      }
    }
    return report;
  }

  /** Register the weekly analysis (one schedule in Redis however many workers call this). */
  async registerWeeklySchedule(timezone: string): Promise<void> {
    await this.queues.schedule(WEEKLY_SCHEDULE.id, 'analysis.scheduled', {}, { pattern: WEEKLY_SCHEDULE.pattern, tz: timezone });
  }
}
