import { ManualClock } from '@undercurrent/clock';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@undercurrent/logger';
import type { SyncSource } from '@undercurrent/contracts';
import { GithubStoreRepository } from '@undercurrent/github';
import { OrgStoreRepository } from '@undercurrent/org';
import { createRedisConnection, JobQueues, QueueWorkers } from '@undercurrent/queues';
import { SlackStoreRepository, SlackSyncService } from '@undercurrent/slack';
import {
  deleteQueueKeys,
  generateOrgFile,
  openTestDataSource,
  orgFileYaml,
  TEST_REDIS_URL,
  uniqueQueuePrefix,
  waitFor,
} from '@undercurrent/testing';
import type { DataSource } from 'typeorm';
import { SyncRunProcessor } from './sync-run.processor';
import { SyncRunsRepository } from './sync-runs.repository';
import { SyncRunsService } from './sync-runs.service';
import { SyncReconciler } from './sync-reconciler';
import { SyncTasksRepository } from './sync-tasks.repository';

describe('sync runs through the queue', () => {
  const clock = new ManualClock('2026-11-16T09:00:00Z');
  let dataSource: DataSource;
  let closeDb: () => Promise<void>;
  let prefix: string;
  let queues: JobQueues;
  let workers: QueueWorkers;
  let runs: SyncRunsRepository;
  let service: SyncRunsService;
  let orgFile: string;
  let handled: number;

  beforeEach(async () => {
    ({ dataSource, close: closeDb } = await openTestDataSource());
    prefix = uniqueQueuePrefix();
    queues = new JobQueues(createRedisConnection(TEST_REDIS_URL, 'producer'), prefix);
    runs = new SyncRunsRepository(dataSource);
    service = new SyncRunsService(runs, queues);
    orgFile = join(mkdtempSync(join(tmpdir(), 'uc-org-')), 'org.yaml');
    writeFileSync(orgFile, orgFileYaml(generateOrgFile({ people: 10, teams: 2 })));
    workers = new QueueWorkers(() => createRedisConnection(TEST_REDIS_URL, 'worker'), prefix);
    handled = 0;
    startWorkers();
  });

  /** The worker's wiring, without Slack (no token): the organisation file only. */
  function startWorkers(): void {
    const slackStore = new SlackStoreRepository(dataSource);
    const processor = new SyncRunProcessor(
      runs,
      new SyncTasksRepository(dataSource),
      new OrgStoreRepository(dataSource),
      queues,
      { slackClient: undefined, slack: new SlackSyncService(dataSource, slackStore), githubClient: undefined, githubStore: new GithubStoreRepository(dataSource) },
      orgFile,
      createLogger({ level: 'silent', name: 'test' }),
      clock,
    );
    workers.start({
      'maintenance.reconcile': async () => undefined,
      // This test runs no analysis.
      'analysis.run': async () => undefined,
      'analysis.scheduled': async () => undefined,
      ...processor.handlers(),
      'sync.run': async (job) => {
        handled += 1;
        await processor.process(job);
      },
      'alerts.deliver': async () => undefined, 'alerts.digest': async () => undefined,
      'events.slack': async () => undefined,
    });
  }

  afterEach(async () => {
    await workers.close();
    await queues.close();
    await deleteQueueKeys(prefix);
    await closeDb();
  });

  const finished = (id: string) =>
    waitFor(`sync run ${id} to finish`, async () => {
      const run = await runs.get(id);
      return run && (run.state === 'completed' || run.state === 'failed') ? run : undefined;
    });

  it('completes a requested sync with its counts and 100% progress', async () => {
    const run = await service.request({ requestedBy: 'test' });
    expect(run).toMatchObject({ state: 'queued', progress: 0, sources: [] });
    const done = await finished(run.id);
    expect(done).toMatchObject({ state: 'completed', progress: 100, error: null, counts: { people: 10, teams: 2, identities: 30, memberships: 10 } });
    expect(done.startedAt).not.toBeNull();
    expect(done.finishedAt).not.toBeNull();
    // The data stands at the product clock's time when a worker took the run, not the database's.
    expect(done.asOf).toBe(clock.now().toISOString());
  });

  it('fails a run on a broken organisation file at once, with the problem, and changes nothing stored', async () => {
    const first = await finished((await service.request({ requestedBy: 'test' })).id);
    expect(first.state).toBe('completed');
    const before = (await dataSource.query(`SELECT xmin::text, * FROM teams ORDER BY id`)) as unknown[];

    writeFileSync(orgFile, 'timezone: UTC\npeople: [{id: a, name: A}]\nteams: [{id: t, name: T, leads: [zed]}]\n');
    const run = await finished((await service.request({ requestedBy: 'test' })).id);
    expect(run.state).toBe('failed');
    expect(run.error).toContain('teams[0].leads[0]: unknown person "zed"');
    expect(handled).toBe(2); // not retried: a broken file stays broken
    expect(await dataSource.query(`SELECT xmin::text, * FROM teams ORDER BY id`)).toEqual(before);
  });

  it('refuses an unknown source, before anything is stored', async () => {
    await expect(service.request({ sources: ['gitlab' as SyncSource], requestedBy: 'test' })).rejects.toThrow(/sources: unknown source "gitlab" \(known: github, slack\)/);
    expect(await runs.list(10)).toEqual([]);
  });

  it('fails a run that asks for GitHub when no GitHub credentials are set, saying so', async () => {
    const run = await finished((await service.request({ sources: ['github'], requestedBy: 'test' })).id);
    expect(run).toMatchObject({ state: 'failed', error: expect.stringContaining('GitHub is not configured: set GITHUB_TOKEN') });
  });

  it('fails a run that asks for Slack when no Slack token is set, saying so', async () => {
    const run = await finished((await service.request({ sources: ['slack'], requestedBy: 'test' })).id);
    expect(run).toMatchObject({ state: 'failed', error: 'Slack is not configured: set SLACK_BOT_TOKEN' });
  });

  it('runs a job enqueued twice for the same run once', async () => {
    const run = await service.request({ requestedBy: 'test' });
    await queues.enqueue('sync.run', { syncRunId: run.id }, `sync-run-${run.id}`);
    await finished(run.id);
    await new Promise((r) => setTimeout(r, 300));
    expect(handled).toBe(1);
  });

  it('puts unfinished runs back on the queue after Redis lost them', async () => {
    await workers.close();
    const run = await service.request({ requestedBy: 'test' });
    await deleteQueueKeys(prefix); // Redis flushed: the job is gone, the run of record is not
    expect(await queues.queue('sync').getJobCounts('waiting')).toEqual({ waiting: 0 });

    const reconciler = new SyncReconciler(runs, new SyncTasksRepository(dataSource), queues, createLogger({ level: 'silent', name: 'test' }), async () => undefined, 0);
    expect((await reconciler.reconcile()).requeued).toEqual([`sync-run-${run.id}-r1`]);
    // A second pass (another worker's) adds nothing while the job waits.
    expect((await reconciler.reconcile()).requeued).toEqual([]);
    workers = new QueueWorkers(() => createRedisConnection(TEST_REDIS_URL, 'worker'), prefix);
    startWorkers();
    expect((await finished(run.id)).state).toBe('completed');
  });
});
