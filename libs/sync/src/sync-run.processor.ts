import type { JobOf } from '@undercurrent/contracts';
import type { Logger } from '@undercurrent/logger';
import { OrgFileError, readOrgFile, type OrgStoreRepository } from '@undercurrent/org';
import { UnrecoverableError, type Job } from 'bullmq';
import type { SyncRunsRepository } from './sync-runs.repository';

/**
 * Runs one sync run: loads the organisation file (people, teams, identities) and, in later
 * versions, the GitHub and Slack sources it asks for. Progress goes to the run's row, which is
 * what the API and the CLI show.
 */
export class SyncRunProcessor {
  constructor(
    private readonly runs: SyncRunsRepository,
    private readonly orgStore: OrgStoreRepository,
    private readonly orgFile: string,
    private readonly logger: Logger,
  ) {}

  async process(job: Job<JobOf<'sync.run'>>): Promise<void> {
    const { syncRunId } = job.data;
    if (!(await this.runs.start(syncRunId))) {
      this.logger.info({ syncRunId, jobId: job.id }, 'sync run already finished or unknown: nothing to do');
      return;
    }
    const report = async (progress: number) => {
      await this.runs.progress(syncRunId, progress);
      await job.updateProgress(progress);
    };
    try {
      await report(5);
      const parsed = await readOrgFile(this.orgFile);
      await report(30);
      const result = await this.orgStore.apply(parsed);
      await report(90);
      const counts = { ...result.totals, changedRows: Object.values(result.changed).reduce((a, b) => a + b, 0) };
      await this.runs.complete(syncRunId, counts);
      await job.updateProgress(100);
      this.logger.info({ syncRunId, counts, changed: result.changed }, 'sync run completed');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const lastTry = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (error instanceof OrgFileError || lastTry) {
        await this.runs.fail(syncRunId, message);
        this.logger.warn({ syncRunId, err: error }, 'sync run failed');
        // A broken file stays broken however often it is read again.
        if (error instanceof OrgFileError) throw new UnrecoverableError(message);
      } else {
        await this.runs.retrying(syncRunId, message);
        this.logger.warn({ syncRunId, err: error, attempt: job.attemptsMade + 1 }, 'sync run failed; it will be retried');
      }
      throw error;
    }
  }
}
