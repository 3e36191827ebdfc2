import type { JobOf } from '@undercurrent/contracts';
import { isDatabaseUnavailable } from '@undercurrent/db';
import type { Logger } from '@undercurrent/logger';
import type { JobHandlers } from '@undercurrent/queues';
import { UnrecoverableError, type Job } from 'bullmq';
import type { AnalysisRunsRepository } from './analysis-runs.repository';
import { ANALYSIS_MAX_ATTEMPTS, WEEKLY_SCHEDULE, type AnalysisRunsService } from './analysis-runs.service';
import { AnalysisConfigError, type AnalysisService } from './analysis.service';

/** Runs analyses from the queue: parse the payload, call the service, report progress. */
export class AnalysisProcessor {
  constructor(
    private readonly runs: AnalysisRunsRepository,
    private readonly requests: AnalysisRunsService,
    private readonly analysis: AnalysisService,
    private readonly logger: Logger,
  ) {}

  handlers(): Pick<JobHandlers, 'analysis.run' | 'analysis.scheduled'> {
    return {
      'analysis.run': (job) => this.process(job),
      'analysis.scheduled': async () => {
        const run = await this.requests.request({ weeks: WEEKLY_SCHEDULE.weeks, trigger: 'schedule', requestedBy: 'schedule' });
        this.logger.info({ analysisRunId: run.id }, 'weekly analysis requested');
      },
    };
  }

  async process(job: Job<JobOf<'analysis.run'>>): Promise<void> {
    const { analysisRunId } = job.data;
    const run = await this.runs.start(analysisRunId);
    if (!run) {
      this.logger.info({ analysisRunId, jobId: job.id }, 'analysis run already finished or unknown: nothing to do');
      return;
    }
    try {
      const started = performance.now();
      const result = await this.analysis.analyse({ weeks: run.weeks, onProgress: (p) => this.runs.progress(analysisRunId, p) });
      await this.runs.complete(analysisRunId, result);
      this.logger.info({ analysisRunId, fromWeek: result.fromWeek, toWeek: result.toWeek, counts: result.counts, ms: Math.round(performance.now() - started) }, 'analysis completed');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const unrecoverable = error instanceof AnalysisConfigError;
      // The run's tries count across every job that carried it; a database outage spends only the job's.
      const lastTry = job.attemptsMade + 1 >= (job.opts.attempts ?? 1) || (run.attempt >= ANALYSIS_MAX_ATTEMPTS && !isDatabaseUnavailable(error));
      if (unrecoverable || lastTry) {
        await this.runs.fail(analysisRunId, message);
        this.logger.warn({ analysisRunId, err: message }, 'analysis failed');
        if (unrecoverable) throw new UnrecoverableError(message);
      } else {
        await this.runs.retrying(analysisRunId, message);
        this.logger.warn({ analysisRunId, err: message, attempt: job.attemptsMade + 1 }, 'analysis failed; it will be retried');
      }
      throw error;
    }
  }
}
