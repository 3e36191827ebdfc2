import { ManualClock } from '@undercurrent/clock';
import { createLogger } from '@undercurrent/logger';
import { createRedisConnection, JobQueues } from '@undercurrent/queues';
import { deleteQueueKeys, openTestDataSource, TEST_REDIS_URL, uniqueQueuePrefix } from '@undercurrent/testing';
import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { AnalysisRunsRepository } from './analysis-runs.repository';
import { AnalysisRunsService, WEEKLY_SCHEDULE } from './analysis-runs.service';
import { AnalysisProcessor } from './analysis.processor';
import { AnalysisService } from './analysis.service';

describe('the weekly analysis schedule', () => {
  let dataSource: DataSource;
  let closeDb: () => Promise<void>;
  const prefix = uniqueQueuePrefix();
  const queues: JobQueues[] = [];

  beforeAll(async () => {
    ({ dataSource, close: closeDb } = await openTestDataSource());
  });
  afterAll(async () => {
    await Promise.all(queues.map((q) => q.close()));
    await deleteQueueKeys(prefix);
    await closeDb();
  });

  it('is registered once however many workers register it, in the organisation time zone', async () => {
    for (let i = 0; i < 3; i++) {
      const q = new JobQueues(createRedisConnection(TEST_REDIS_URL, 'producer'), prefix);
      queues.push(q);
      await new AnalysisRunsService(new AnalysisRunsRepository(dataSource), q).registerWeeklySchedule('Europe/Berlin');
    }
    const schedulers = await queues[0]!.queue('analysis').getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ key: WEEKLY_SCHEDULE.id, pattern: '0 6 * * 1', tz: 'Europe/Berlin', name: 'analysis.scheduled' });
    // A worker started after the organisation moved updates the same schedule.
    await new AnalysisRunsService(new AnalysisRunsRepository(dataSource), queues[1]!).registerWeeklySchedule('America/New_York');
    expect(await queues[0]!.queue('analysis').getJobSchedulers()).toEqual([expect.objectContaining({ key: WEEKLY_SCHEDULE.id, tz: 'America/New_York' })]);
  });

  it('turns each tick into an analysis run of the last two weeks, queued like any other', async () => {
    const runs = new AnalysisRunsRepository(dataSource);
    const service = new AnalysisRunsService(runs, queues[0]!);
    const silent = createLogger({ level: 'silent', name: 'test' });
    const processor = new AnalysisProcessor(runs, service, new AnalysisService(dataSource, silent, { githubApiUrl: 'https://api.github.com', clock: new ManualClock('2026-11-16T06:00:00+01:00') }), silent);
    await processor.handlers()['analysis.scheduled']({ data: {} } as Job<Record<string, never>, unknown, 'analysis.scheduled'>);
    const [run] = await runs.list(1);
    expect(run).toMatchObject({ trigger: 'schedule', weeks: WEEKLY_SCHEDULE.weeks, state: 'queued' });
    expect(await queues[0]!.queue('analysis').getJob(`analysis-run-${run!.id}`)).toMatchObject({ name: 'analysis.run', data: { analysisRunId: run!.id } });
  });
});
