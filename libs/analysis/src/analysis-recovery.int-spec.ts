import { createRedisConnection, JobQueues } from '@undercurrent/queues';
import { deleteQueueKeys, openTestDataSource, TEST_REDIS_URL, uniqueQueuePrefix } from '@undercurrent/testing';
import type { DataSource } from 'typeorm';
import { AnalysisRunsRepository } from './analysis-runs.repository';
import { ANALYSIS_MAX_ATTEMPTS, AnalysisRunsService } from './analysis-runs.service';

describe('analysis runs whose job the queue lost', () => {
  let dataSource: DataSource;
  let closeDb: () => Promise<void>;
  let prefix: string;
  let queues: JobQueues;
  let service: AnalysisRunsService;
  let runs: AnalysisRunsRepository;

  beforeEach(async () => {
    ({ dataSource, close: closeDb } = await openTestDataSource());
    prefix = uniqueQueuePrefix();
    queues = new JobQueues(createRedisConnection(TEST_REDIS_URL, 'producer'), prefix);
    runs = new AnalysisRunsRepository(dataSource);
    service = new AnalysisRunsService(runs, queues);
  });

  afterEach(async () => {
    await queues.close();
    await deleteQueueKeys(prefix);
    await closeDb();
  });

  it('leaves a run alone while its job waits, and requeues it under a new id once the job is gone', async () => {
    const run = await service.request({ trigger: 'api', requestedBy: 'test' });
    expect(await service.reconcile(0)).toEqual({ requeued: [], failed: [] });

    // The job finished in Redis without the run being recorded (a worker killed twice): the id is taken.
    const job = await queues.queue('analysis').getJob(`analysis-run-${run.id}`);
    await job!.remove();
    expect(await service.reconcile(0)).toEqual({ requeued: [`analysis-run-${run.id}-r1`], failed: [] });
    expect(await queues.queue('analysis').getJob(`analysis-run-${run.id}-r1`)).toMatchObject({ name: 'analysis.run', data: { analysisRunId: run.id } });
    // A second pass (another worker) adds nothing.
    expect(await service.reconcile(0)).toEqual({ requeued: [], failed: [] });
  });

  it('leaves a run just requested alone: its job may be on its way', async () => {
    const run = await runs.create({ trigger: 'api', weeks: 2, requestedBy: 'test' });
    expect(await service.reconcile()).toEqual({ requeued: [], failed: [] });
    expect((await runs.get(run.id))?.state).toBe('queued');
  });

  it('fails a run for good, saying why, once it has used up its tries', async () => {
    const run = await runs.create({ trigger: 'api', weeks: 2, requestedBy: 'test' });
    for (let i = 0; i < ANALYSIS_MAX_ATTEMPTS; i++) await runs.start(run.id);
    expect(await service.reconcile(0)).toEqual({ requeued: [], failed: [run.id] });
    expect(await runs.get(run.id)).toMatchObject({ state: 'failed', stale: false, error: `gave up after ${ANALYSIS_MAX_ATTEMPTS} attempt(s): its job was lost (the worker stopped while it ran, or the queue lost it)` });
  });
});
