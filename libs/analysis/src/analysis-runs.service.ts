import type { AnalysisRunDto, AnalysisTrigger } from '@undercurrent/contracts';
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
    super(`the job queue is unavailable (${cause instanceof Error ? cause.message : String(cause)})`);
    this.name = 'AnalysisQueueUnavailableError';
  }
}

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
      await this.queues.enqueue('analysis.run', { analysisRunId: run.id }, `analysis-run-${run.id}`);
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

  async requeueUnfinished(): Promise<number> {
    const ids = await this.runs.unfinishedIds();
    for (const id of ids) await this.queues.enqueue('analysis.run', { analysisRunId: id }, `analysis-run-${id}`);
    return ids.length;
  }

  /** Register the weekly analysis (one schedule in Redis however many workers call this). */
  async registerWeeklySchedule(timezone: string): Promise<void> {
    await this.queues.schedule(WEEKLY_SCHEDULE.id, 'analysis.scheduled', {}, { pattern: WEEKLY_SCHEDULE.pattern, tz: timezone });
  }
}
