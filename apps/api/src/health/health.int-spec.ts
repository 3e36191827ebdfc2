import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@undercurrent/config';
import type { HealthDto, SyncRunDto } from '@undercurrent/contracts';
import { createLogger } from '@undercurrent/logger';
import { deleteQueueKeys, openTestDataSource, TEST_REDIS_URL, uniqueQueuePrefix } from '@undercurrent/testing';
import type { DataSource } from 'typeorm';
import { createApiApp } from '../bootstrap';

const ADMIN = 'health-test-admin-token-0001';

describe('runs that make no progress', () => {
  let dataSource: DataSource;
  let close: () => Promise<void>;
  let app: NestExpressApplication;
  let baseUrl: string;
  const prefix = uniqueQueuePrefix();

  beforeAll(async () => {
    const opened = await openTestDataSource();
    ({ dataSource, close } = opened);
    app = await createApiApp(
      loadConfig({ DATABASE_URL: opened.db.url, REDIS_URL: TEST_REDIS_URL, ADMIN_TOKEN: ADMIN, QUEUE_PREFIX: prefix, STALE_RUN_MINUTES: '20' }, 'api'),
      createLogger({ level: 'silent', name: 'api' }),
    );
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
    await deleteQueueKeys(prefix);
    await close();
  });

  const get = async <T>(path: string): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${ADMIN}` } });
    return { status: res.status, body: (await res.json()) as T };
  };

  /** A run whose last sign of life was `minutes` ago on the database's clock. */
  async function run(state: SyncRunDto['state'], minutes: number): Promise<string> {
    const [row] = (await dataSource.query(
      `INSERT INTO sync_runs (sources, requested_by, state, progress, progressed_at) VALUES ('{}', 'test', $1, 40, now() - make_interval(mins => $2)) RETURNING id`,
      [state, minutes],
    )) as { id: string }[];
    return row!.id;
  }

  it('is healthy while every unfinished run has moved within STALE_RUN_MINUTES', async () => {
    const fresh = await run('running', 19);
    await run('completed', 600); // finished long ago: not stale
    expect((await get<SyncRunDto>(`/api/syncs/${fresh}`)).body.stale).toBe(false);
    const health = await get<HealthDto>('/health');
    expect(health).toMatchObject({ status: 200, body: { status: 'ok', staleRuns: [] } });
  });

  it('flags a run with no progress for longer in the API and in /health (degraded, still 200)', async () => {
    const stuck = await run('running', 21);
    const queued = await run('queued', 45);
    expect((await get<SyncRunDto>(`/api/syncs/${stuck}`)).body).toMatchObject({ state: 'running', stale: true });
    expect((await get<SyncRunDto[]>('/api/syncs')).body.filter((r) => r.stale).map((r) => r.id).sort()).toEqual([stuck, queued].sort());

    const health = await get<HealthDto>('/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('degraded');
    expect(health.body.staleRuns.map((r) => `${r.kind} ${r.id} ${r.state}`).sort()).toEqual([`sync ${stuck} running`, `sync ${queued} queued`].sort());
  });
});
