import { Writable } from 'node:stream';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@undercurrent/config';
import { createLogger } from '@undercurrent/logger';
import { createTestDatabase, deleteQueueKeys, startTcpProxy, TEST_REDIS_URL, uniqueQueuePrefix, waitFor, type TcpProxy, type TestDatabase } from '@undercurrent/testing';
import { createApiApp } from '../bootstrap';
import { DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE } from './error-response.filter';

const ADMIN = 'error-filter-test-admin-token';

/**
 * The API reaches PostgreSQL and Redis through proxies of this test's own: cutting a proxy is, for
 * this API, the server going away (open connections dropped, new ones refused), while the servers
 * other tests use are untouched.
 */
describe('the API while PostgreSQL or Redis is away', () => {
  let db: TestDatabase;
  let pgProxy: TcpProxy;
  let redisProxy: TcpProxy;
  let app: NestExpressApplication;
  let baseUrl: string;
  let log = '';
  const prefix = uniqueQueuePrefix();

  beforeAll(async () => {
    db = await createTestDatabase();
    const pg = new URL(db.url);
    const redis = new URL(TEST_REDIS_URL);
    pgProxy = await startTcpProxy({ host: pg.hostname, port: Number(pg.port || 5432) });
    redisProxy = await startTcpProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => ((log += chunk.toString()), done()) });
    app = await createApiApp(
      loadConfig({ DATABASE_URL: pgProxy.via(db.url), REDIS_URL: redisProxy.via(TEST_REDIS_URL), ADMIN_TOKEN: ADMIN, QUEUE_PREFIX: prefix }, 'api'),
      createLogger({ level: 'info', name: 'api' }, sink),
    );
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
  });

  afterAll(async () => {
    await pgProxy?.restore().catch(() => undefined);
    await redisProxy?.restore().catch(() => undefined);
    await app?.close();
    await pgProxy?.close();
    await redisProxy?.close();
    await deleteQueueKeys(prefix);
    await db?.drop();
  });

  const call = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${baseUrl}${path}`, { ...init, headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' } });
    return { status: res.status, retryAfter: res.headers.get('retry-after'), text: await res.text() };
  };

  /** Nothing of the inside in a response: no driver words, no address, no stack. */
  const expectNoInternals = (text: string) => {
    expect(text).not.toMatch(/ECONN|terminated|timeout|127\.0\.0\.1|:\d{4,5}\b|at \w+ \(|pool|retries|ioredis|Redis is/i);
  };

  it('answers 503 with Retry-After and a plain message while the database is down, and recovers by itself', async () => {
    expect((await call('/api/syncs')).status).toBe(200);

    await pgProxy.cut();
    for (const request of [call('/api/syncs'), call('/api/teams'), call('/api/syncs', { method: 'POST', body: '{}' })]) {
      const res = await request;
      expect(res).toMatchObject({ status: 503, retryAfter: '30' });
      expect(JSON.parse(res.text)).toEqual({ statusCode: 503, error: 'Service Unavailable', message: DATABASE_UNAVAILABLE });
      expectNoInternals(res.text);
    }
    // The details are in the log, for the operator.
    expect(log).toMatch(/"msg":"request failed"/);

    await pgProxy.restore();
    await waitFor('the API to read the database again', async () => ((await call('/api/syncs')).status === 200 ? true : undefined), 30_000, 200);
  });

  it('answers 503 with a plain message when a sync is requested while Redis is down, and leaves nothing half-done', async () => {
    await redisProxy.cut();
    const res = await call('/api/syncs', { method: 'POST', body: '{}' });
    expect(res).toMatchObject({ status: 503, retryAfter: '30' });
    expect(JSON.parse(res.text)).toEqual({ statusCode: 503, error: 'Service Unavailable', message: QUEUE_UNAVAILABLE });
    expectNoInternals(res.text);
    // The run of record says why it did not start.
    const runs = JSON.parse((await call('/api/syncs')).text) as { state: string; error: string }[];
    expect(runs[0]).toMatchObject({ state: 'failed', error: expect.stringContaining('could not be queued') });
    await redisProxy.restore();
  });

  it('still answers a client mistake as before (400), with its own message', async () => {
    const res = await call('/api/syncs', { method: 'POST', body: JSON.stringify({ sources: ['jira'] }) });
    expect(res.status).toBe(400);
    expect(res.retryAfter).toBeNull();
    expect(JSON.parse(res.text)).toMatchObject({ statusCode: 400, message: expect.stringMatching(/^body\.sources/) });
  });
});
