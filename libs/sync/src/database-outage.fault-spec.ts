import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '@undercurrent/clock';
import { createDataSource, runMigrations } from '@undercurrent/db';
import { GithubStoreRepository } from '@undercurrent/github';
import { createLogger } from '@undercurrent/logger';
import { OrgStoreRepository, type ParsedOrgFile } from '@undercurrent/org';
import { createRedisConnection, JobQueues, QueueWorkers } from '@undercurrent/queues';
import { SlackStoreRepository, SlackSyncService } from '@undercurrent/slack';
import { deleteQueueKeys, generateOrgFile, orgFileYaml, startPostgresCluster, TEST_REDIS_URL, uniqueQueuePrefix, waitFor, type PostgresCluster } from '@undercurrent/testing';
import type { DataSource } from 'typeorm';
import { SyncRunProcessor } from './sync-run.processor';
import { SyncRunsRepository } from './sync-runs.repository';
import { SyncRunsService } from './sync-runs.service';
import { SyncTasksRepository } from './sync-tasks.repository';

const OUTAGE_MS = 60_000;

/**
 * PostgreSQL stopped for a minute in the middle of a sync, on a server this test starts itself on
 * a port of its own (the machine's server, which other tests share, is untouched). Before, the
 * job's three tries were spent in 15 seconds while the database was away, the failure could not
 * be recorded, and the run stayed `running` for good.
 */
describe('a sync while PostgreSQL is stopped for a minute', () => {
  let cluster: PostgresCluster;
  let dataSource: DataSource;
  let queues: JobQueues;
  let workers: QueueWorkers;
  const prefix = uniqueQueuePrefix();

  afterAll(async () => {
    await workers?.close();
    await queues?.close();
    await deleteQueueKeys(prefix);
    if (dataSource?.isInitialized) await dataSource.destroy();
    await cluster?.destroy();
  });

  it('waits the outage out (a retry in minutes, not seconds) and completes the run by itself', async () => {
    cluster = await startPostgresCluster();
    dataSource = createDataSource(cluster.url, { poolSize: 4, applicationName: 'undercurrent-test' });
    await dataSource.initialize();
    await runMigrations(dataSource);
    queues = new JobQueues(createRedisConnection(TEST_REDIS_URL, 'producer'), prefix);
    workers = new QueueWorkers(() => createRedisConnection(TEST_REDIS_URL, 'worker'), prefix);
    const runs = new SyncRunsRepository(dataSource);
    const orgFile = join(mkdtempSync(join(tmpdir(), 'uc-org-')), 'org.yaml');
    writeFileSync(orgFile, orgFileYaml(generateOrgFile({ people: 10, teams: 2 })));

    // The first try reaches the organisation's tables just as the database goes away.
    const tries: number[] = [];
    let stopped = false;
    class OrgStoreDuringOutage extends OrgStoreRepository {
      override async apply(parsed: ParsedOrgFile, at: Date) {
        tries.push(performance.now());
        if (tries.length === 1) await waitFor('the database to stop', () => (stopped ? true : undefined), 60_000, 20);
        return super.apply(parsed, at);
      }
    }
    const slackStore = new SlackStoreRepository(dataSource);
    const processor = new SyncRunProcessor(
      runs,
      new SyncTasksRepository(dataSource),
      new OrgStoreDuringOutage(dataSource),
      queues,
      { slackClient: undefined, slack: new SlackSyncService(dataSource, slackStore), githubClient: undefined, githubStore: new GithubStoreRepository(dataSource) },
      orgFile,
      createLogger({ level: 'silent', name: 'test' }),
      new ManualClock('2026-11-16T09:00:00Z'),
    );
    const none = async () => undefined;
    workers.start({ ...processor.handlers(), 'events.slack': none, 'analysis.run': none, 'analysis.scheduled': none, 'maintenance.reconcile': none, 'alerts.deliver': none, 'alerts.digest': none }, { onError: none });

    const run = await new SyncRunsService(runs, queues).request({ requestedBy: 'test' });
    await waitFor('the first try to start', () => (tries.length === 1 ? true : undefined), 30_000, 20);
    await cluster.stop();
    stopped = true;
    const outageStarted = performance.now();

    // The try failed on the lost connection; the job waits for its next try instead of using them up.
    const job = `sync-run-${run.id}`;
    expect(await waitFor('the job to wait for its next try', async () => ((await queues.queue('sync').getJobState(job)) === 'delayed' ? true : undefined), 30_000, 100)).toBe(true);
    await waitFor('the outage to last a minute', () => (performance.now() - outageStarted >= OUTAGE_MS ? true : undefined), OUTAGE_MS + 5_000, 500);
    expect(tries).toHaveLength(1);
    expect(await queues.queue('sync').getJobState(job)).toBe('delayed');
    await cluster.start();

    const finished = await waitFor('the run to finish', async () => {
      const current = await runs.get(run.id).catch(() => undefined);
      return current && (current.state === 'completed' || current.state === 'failed') ? current : undefined;
    }, 240_000, 500);
    expect(finished).toMatchObject({ state: 'completed', error: null, counts: { people: 10, teams: 2 } });
    expect(tries.length).toBeGreaterThanOrEqual(2);
    expect(tries[1]! - tries[0]!).toBeGreaterThanOrEqual(OUTAGE_MS - 5_000);
    // The outage spent the one try that was in flight, no more.
    const [row] = (await dataSource.query(`SELECT attempts FROM sync_runs WHERE id = $1`, [run.id])) as { attempts: number }[];
    expect(row!.attempts).toBe(2);
  }, 420_000);
});
