import { SYNC_SOURCES, type SyncRunDto, type SyncSource } from '@undercurrent/contracts';
import type { AppConfig } from '@undercurrent/config';
import { createDataSource, runMigrations } from '@undercurrent/db';
import { createRedisConnection, JobQueues } from '@undercurrent/queues';
import { SyncRequestError, SyncRunsRepository, SyncRunsService } from '@undercurrent/sync';
import { waitForRun } from '../wait-for-run';
import { UsageError } from '../usage-error';

export interface SyncOptions {
  source?: string;
  since?: string;
  /** Give up waiting for a worker to take the job after this many seconds. */
  waitForWorkerSeconds: number;
}

export function parseSyncOptions(values: { source?: string; since?: string; 'worker-timeout'?: string }): SyncOptions {
  if (values.source !== undefined && !(SYNC_SOURCES as readonly string[]).includes(values.source)) {
    throw new UsageError(`--source: "${values.source}" is not a source (use ${SYNC_SOURCES.join(' or ')})`);
  }
  if (values.since !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(values.since) || Number.isNaN(Date.parse(values.since)) || new Date(values.since).toISOString().slice(0, 10) !== values.since)) {
    throw new UsageError(`--since: "${values.since}" is not a date (YYYY-MM-DD)`);
  }
  const timeout = Number(values['worker-timeout'] ?? '30');
  if (!Number.isInteger(timeout) || timeout < 1) throw new UsageError(`--worker-timeout: "${values['worker-timeout']}" is not a whole number of seconds`);
  return { source: values.source, since: values.since, waitForWorkerSeconds: timeout };
}

/**
 * `undercurrent sync`: request a sync and wait for it, showing progress. Exits non-zero when the
 * run fails, or when no worker takes it in time (the run then stays queued for a worker to come).
 */
export async function syncCommand(config: AppConfig, options: SyncOptions, out: NodeJS.WriteStream): Promise<SyncRunDto> {
  const dataSource = createDataSource(config.databaseUrl, { poolSize: 2, applicationName: 'undercurrent-cli' });
  const queues = new JobQueues(createRedisConnection(config.redisUrl, 'producer'), config.queuePrefix);
  try {
    await dataSource.initialize();
    await runMigrations(dataSource);
    const runs = new SyncRunsRepository(dataSource);
    const service = new SyncRunsService(runs, queues);
    let run: SyncRunDto;
    try {
      run = await service.request({
        sources: options.source ? [options.source as SyncSource] : undefined,
        since: options.since ? new Date(`${options.since}T00:00:00Z`) : undefined,
        requestedBy: 'cli',
      });
    } catch (error) {
      if (error instanceof SyncRequestError) {
        throw new UsageError(`--source: ${error.message.replace(/^sources: /, '')}`);
      }
      throw error;
    }
    out.write(`sync run ${run.id} queued\n`);
    return await waitForRun({ what: 'sync run', id: run.id, get: () => runs.get(run.id), workers: () => queues.queue('sync').getWorkersCount(), waitForWorkerSeconds: options.waitForWorkerSeconds, out });
  } finally {
    await queues.close().catch(() => undefined);
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}
