import { createTestDatabase, type TestDatabase } from '@undercurrent/testing';
import type { DataSource } from 'typeorm';
import { createDataSource } from './data-source';
import { pendingSchemaChanges, runMigrations } from './migrate';
import { MIGRATIONS } from './migrations';

describe('runMigrations', () => {
  let db: TestDatabase;
  const sources: DataSource[] = [];

  beforeEach(async () => {
    db = await createTestDatabase({ fromTemplate: false });
  });

  afterEach(async () => {
    await Promise.all(sources.splice(0).map((s) => (s.isInitialized ? s.destroy() : undefined)));
    await db.drop();
  });

  async function open(): Promise<DataSource> {
    const source = createDataSource(db.url, { poolSize: 3 });
    sources.push(source);
    await source.initialize();
    return source;
  }

  it('creates the schema on an empty database, and the entities need nothing more', async () => {
    const dataSource = await open();
    const { applied } = await runMigrations(dataSource);
    expect(applied).toHaveLength(MIGRATIONS.length);
    const tables = (await dataSource.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`)) as { table_name: string }[];
    expect(tables.map((t) => t.table_name)).toEqual(['alert_attempts', 'alerts', 'analysis_runs', 'github_comments', 'github_commits', 'github_pr_events', 'github_pr_rewrites', 'github_pull_requests', 'github_repositories', 'github_reviews', 'github_users', 'github_webhook_deliveries', 'identities', 'leave_periods', 'memberships', 'migrations', 'organisation', 'people', 'person_weeks', 'pull_request_facts', 'pull_request_rewrites', 'review_waits', 'signal_evaluations', 'signals', 'slack_channels', 'slack_events', 'slack_messages', 'slack_users', 'sync_runs', 'sync_tasks', 'team_member_weeks', 'team_weeks', 'teams']);
    expect(await pendingSchemaChanges(dataSource)).toEqual([]);
  });

  it('applies each migration once when several processes start together', async () => {
    const dataSources = await Promise.all([open(), open(), open(), open()]);
    const outcomes = await Promise.all(dataSources.map((s) => runMigrations(s)));
    // Exactly one of them applied the migrations; the others waited for the lock and found none.
    expect(outcomes.map((o) => o.applied.length).sort()).toEqual([0, 0, 0, MIGRATIONS.length]);
    const rows = (await dataSources[0]!.query('SELECT name, count(*)::int AS n FROM migrations GROUP BY name')) as { n: number }[];
    expect(rows).toHaveLength(MIGRATIONS.length);
    expect(rows.every((r) => r.n === 1)).toBe(true);
  });

  it('does nothing the second time', async () => {
    const dataSource = await open();
    await runMigrations(dataSource);
    expect((await runMigrations(dataSource)).applied).toEqual([]);
  });
});
