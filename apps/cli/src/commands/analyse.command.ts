import { AnalysisRequestError, AnalysisRunsRepository, AnalysisRunsService, MAX_ANALYSIS_WEEKS } from '@undercurrent/analysis';
import type { AppConfig } from '@undercurrent/config';
import type { AnalysisRunDto } from '@undercurrent/contracts';
import { createDataSource, runMigrations } from '@undercurrent/db';
import { createRedisConnection, JobQueues } from '@undercurrent/queues';
import { waitForRun } from '../wait-for-run';
import { UsageError } from '../usage-error';

export interface AnalyseOptions {
  /** Trailing weeks to recompute; undefined: every week with data. */
  weeks?: number;
  waitForWorkerSeconds: number;
}

export function parseAnalyseOptions(values: { weeks?: string; 'worker-timeout'?: string }): AnalyseOptions {
  let weeks: number | undefined;
  if (values.weeks !== undefined) {
    weeks = Number(values.weeks);
    if (!/^\d+$/.test(values.weeks) || weeks < 1 || weeks > MAX_ANALYSIS_WEEKS) throw new UsageError(`--weeks: "${values.weeks}" is not a whole number of weeks from 1 to ${MAX_ANALYSIS_WEEKS}`);
  }
  const timeout = Number(values['worker-timeout'] ?? '30');
  if (!Number.isInteger(timeout) || timeout < 1) throw new UsageError(`--worker-timeout: "${values['worker-timeout']}" is not a whole number of seconds`);
  return { weeks, waitForWorkerSeconds: timeout };
}

/**
 * `undercurrent analyse`: request an analysis (weekly rollups and signals) and wait for a worker
 * to run it, showing progress. Exits non-zero when it fails or when no worker takes it in time.
 */
export async function analyseCommand(config: AppConfig, options: AnalyseOptions, out: NodeJS.WriteStream): Promise<AnalysisRunDto> {
  const dataSource = createDataSource(config.databaseUrl, { poolSize: 2, applicationName: 'undercurrent-cli' });
  const queues = new JobQueues(createRedisConnection(config.redisUrl, 'producer'), config.queuePrefix);
  try {
    await dataSource.initialize();
    await runMigrations(dataSource);
    const runs = new AnalysisRunsRepository(dataSource);
    let run: AnalysisRunDto;
    try {
      run = await new AnalysisRunsService(runs, queues).request({ weeks: options.weeks ?? null, trigger: 'cli', requestedBy: 'cli' });
    } catch (error) {
      if (error instanceof AnalysisRequestError) throw new UsageError(`--${error.message}`);
      throw error;
    }
    out.write(`analysis ${run.id} queued (${options.weeks ? `the last ${options.weeks} week(s)` : 'every week with data'})\n`);
    return await waitForRun({ what: 'analysis', id: run.id, get: () => runs.get(run.id), workers: () => queues.queue('analysis').getWorkersCount(), waitForWorkerSeconds: options.waitForWorkerSeconds, out });
  } finally {
    await queues.close().catch(() => undefined);
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}
