import { ManualClock } from '@undercurrent/clock';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SyncRunDto } from '@undercurrent/contracts';
import { createGithubClient, GithubStoreRepository } from '@undercurrent/github';
import { createLogger } from '@undercurrent/logger';
import { OrgStoreRepository } from '@undercurrent/org';
import { createRedisConnection, JobQueues, QueueWorkers } from '@undercurrent/queues';
import { SlackStoreRepository, SlackSyncService } from '@undercurrent/slack';
import {
  deleteQueueKeys,
  FakeGithubServer,
  generateGithubOrganisation,
  GITHUB_NOISE,
  openTestDataSource,
  TEST_REDIS_URL,
  uniqueQueuePrefix,
  waitFor,
} from '@undercurrent/testing';
import type { DataSource } from 'typeorm';
import { SyncRunProcessor } from './sync-run.processor';
import { SyncRunsRepository } from './sync-runs.repository';
import { SyncRunsService } from './sync-runs.service';
import { SyncTasksRepository } from './sync-tasks.repository';

const TOKEN = 'ghp_orchestration_test_token';
const people = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'];
const fixture = () =>
  generateGithubOrganisation({
    seed: 5,
    org: 'acme',
    people: people.map((id) => ({ id, email: `${id}@example.com`, github: [`${id}-gh`] })),
    teams: [
      { id: 'payments', leads: ['alice'], members: ['bob', 'carol'], repositories: ['acme/payments-api'] },
      { id: 'platform', leads: ['dave'], members: ['erin', 'frank'], repositories: ['acme/platform'] },
    ],
    repositories: ['acme/payments-api', 'acme/platform'],
    weeks: 8,
    endDate: '2026-03-13',
  });

function orgFileYaml(extra: { repositories?: string[] } = {}): string {
  return [
    'timezone: Europe/Berlin',
    'github:',
    '  organizations: [acme]',
    `  repositories: [${(extra.repositories ?? []).join(', ')}]`,
    `bots: [${GITHUB_NOISE.outsideContributor}]`,
    'people:',
    ...people.map((id) => `  - { id: ${id}, name: ${id}, email: ${id}@example.com, github: [${id}-gh] }`),
    'teams:',
    '  - { id: payments, name: Payments, leads: [alice], members: [bob, carol], repositories: [acme/payments-api] }',
    '  - { id: platform, name: Platform, leads: [dave], members: [erin, frank] }',
    '',
  ].join('\n');
}

/** The worker's wiring in this process: real queues and PostgreSQL, the real Octokit against the fake GitHub. */
describe('GitHub sync runs through the queues', () => {
  let server: FakeGithubServer;
  let dataSource: DataSource;
  let closeDb: () => Promise<void>;
  let queues: JobQueues;
  let workers: QueueWorkers;
  let runs: SyncRunsRepository;
  let service: SyncRunsService;
  let planned = 0;
  const prefix = uniqueQueuePrefix();
  const orgFile = join(mkdtempSync(join(tmpdir(), 'uc-github-')), 'org.yaml');

  beforeAll(async () => {
    writeFileSync(orgFile, orgFileYaml());
    server = new FakeGithubServer(fixture(), { token: TOKEN });
    const baseUrl = await server.start();
    ({ dataSource, close: closeDb } = await openTestDataSource());
    const logger = createLogger({ level: 'silent', name: 'test' });
    queues = new JobQueues(createRedisConnection(TEST_REDIS_URL, 'producer'), prefix);
    runs = new SyncRunsRepository(dataSource);
    service = new SyncRunsService(runs, queues);
    const githubStore = new GithubStoreRepository(dataSource);
    const processor = new SyncRunProcessor(
      runs,
      new SyncTasksRepository(dataSource),
      new OrgStoreRepository(dataSource),
      queues,
      {
        slackClient: undefined,
        slack: new SlackSyncService(dataSource, new SlackStoreRepository(dataSource)),
        githubClient: createGithubClient({ token: TOKEN, baseUrl, logger, graphqlIntervalMs: 0 }),
        githubStore,
      },
      orgFile,
      logger,
      new ManualClock('2026-11-16T09:00:00Z'),
    );
    workers = new QueueWorkers(() => createRedisConnection(TEST_REDIS_URL, 'worker'), prefix);
    workers.start({
      'maintenance.reconcile': async () => undefined,
      // This test runs no analysis.
      'analysis.run': async () => undefined,
      'analysis.scheduled': async () => undefined,
      ...processor.handlers(),
      'sync.run': async (job) => {
        planned += 1;
        await processor.process(job);
      },
      'alerts.deliver': async () => undefined, 'alerts.digest': async () => undefined,
      'events.slack': async () => undefined,
    });
  });

  afterAll(async () => {
    await workers.close();
    await queues.close();
    await deleteQueueKeys(prefix);
    await server.stop();
    await closeDb();
  });

  const sync = async (): Promise<SyncRunDto> => {
    const { id } = await service.request({ requestedBy: 'test' });
    return waitFor(`sync run ${id}`, async () => {
      const run = await runs.get(id);
      return run && (run.state === 'completed' || run.state === 'failed') ? run : undefined;
    }, 60_000);
  };

  it('syncs every repository of the organisation, one task each, when GitHub is configured and no source is named', async () => {
    const run = await sync();
    expect(run).toMatchObject({ state: 'completed', error: null, sources: ['github'] });
    const repositories = server.organisation.repositories.map((r) => r.fullName.toLowerCase()).sort();
    expect(repositories).toContain(`acme/${GITHUB_NOISE.archivedRepository}`);
    const tasks = (await dataSource.query(`SELECT key, state FROM sync_tasks WHERE sync_run_id = $1 ORDER BY key`, [run.id])) as { key: string; state: string }[];
    expect(tasks).toEqual(repositories.map((r) => ({ key: `github:repo:${r}`, state: 'completed' })));
    const [stored] = (await dataSource.query(`SELECT count(*)::int AS n FROM github_pull_requests`)) as { n: number }[];
    expect(stored!.n).toBe(server.organisation.pullRequests.length);
    expect(run.counts).toMatchObject({ githubRepositories: repositories.length, githubPullRequests: stored!.n, githubUnchangedRepositories: 0 });
    // The organisation file's bots list is applied.
    expect(server.organisation.pullRequests.some((pr) => pr.author === GITHUB_NOISE.outsideContributor)).toBe(true);
    expect(await dataSource.query(`SELECT is_bot FROM github_users WHERE login = $1`, [GITHUB_NOISE.outsideContributor])).toEqual([{ is_bot: true }]);
  });

  it('re-syncs unchanged repositories with one free conditional request each, after one listing of the organisation', async () => {
    const calls = server.calls.length;
    const budget = server.budget();
    const run = await sync();
    expect(run).toMatchObject({ state: 'completed', counts: { githubUnchangedRepositories: server.organisation.repositories.length, githubRowsWritten: 0 } });
    const made = server.calls.slice(calls);
    expect(made.filter((c) => c.path.startsWith('/orgs/acme/repos'))).toHaveLength(1);
    expect(made.filter((c) => !c.path.startsWith('/orgs/')).map((c) => c.status)).toEqual(server.organisation.repositories.map(() => 304));
    expect(server.budget().restRequests - budget.restRequests).toBe(1);
  });

  it('fails only the task of a listed repository GitHub does not have, naming it', async () => {
    writeFileSync(orgFile, orgFileYaml({ repositories: ['acme/ghost-repo'] }));
    try {
      const run = await sync();
      expect(run.state).toBe('failed');
      expect(run.error).toMatch(/^1 of \d+ task\(s\) failed: acme\/ghost-repo not found on GitHub, or the token cannot see it/);
    } finally {
      writeFileSync(orgFile, orgFileYaml());
    }
  });

  it('fails the run at once with a clear error when the token is revoked, without retrying', async () => {
    server.revokeToken();
    const before = planned;
    const calls = server.calls.length;
    const run = await sync();
    expect(run.state).toBe('failed');
    expect(run.error).toMatch(/^GitHub token revoked or invalid \(401 Bad credentials\): update GITHUB_TOKEN/);
    expect(run.error).not.toContain(TOKEN);
    expect(planned - before).toBe(1);
    expect(server.calls.slice(calls).map((c) => c.status)).toEqual([401]);
  });
});
