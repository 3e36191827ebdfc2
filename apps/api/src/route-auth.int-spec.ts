import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@undercurrent/config';
import { createLogger } from '@undercurrent/logger';
import { createTestDatabase, deleteQueueKeys, TEST_REDIS_URL, uniqueQueuePrefix, type TestDatabase } from '@undercurrent/testing';
import { createApiApp } from './bootstrap';

const TOKEN = 'route-walk-admin-token-0123456789';

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Every route Express knows after Nest registered the controllers. */
function routeTable(app: NestExpressApplication): { method: string; path: string }[] {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: RouteLayer[] } };
  return express.router.stack
    .filter((layer): layer is Required<RouteLayer> => layer.route !== undefined)
    .flatMap((layer) => Object.keys(layer.route.methods).filter((m) => m !== '_all').map((method) => ({ method: method.toUpperCase(), path: layer.route.path })));
}

/** Fill path parameters with a plausible value. */
const concrete = (path: string) => path.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');

describe('authentication on every /api route', () => {
  let db: TestDatabase;
  let prefix: string;
  let app: NestExpressApplication;
  let baseUrl: string;

  beforeAll(async () => {
    db = await createTestDatabase({ fromTemplate: true });
    prefix = uniqueQueuePrefix();
    const config = loadConfig({ DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, ADMIN_TOKEN: TOKEN, QUEUE_PREFIX: prefix }, 'api');
    app = await createApiApp(config, createLogger({ level: 'silent', name: 'api' }));
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
  });

  afterAll(async () => {
    await app.close();
    await deleteQueueKeys(prefix);
    await db.drop();
  });

  it('finds the routes it must walk', () => {
    const routes = routeTable(app).map((r) => `${r.method} ${r.path}`);
    expect(routes).toEqual(expect.arrayContaining(['GET /health', 'POST /api/syncs', 'GET /api/syncs', 'GET /api/syncs/:id', 'GET /api/teams', 'GET /api/people']));
  });

  const attempts: [string, Record<string, string>][] = [
    ['no Authorization header', {}],
    ['a wrong token', { authorization: 'Bearer not-the-admin-token-at-all' }],
    ['the token with a character missing', { authorization: `Bearer ${TOKEN.slice(0, -1)}` }],
    ['the token without the Bearer scheme', { authorization: TOKEN }],
    ['Basic authentication', { authorization: `Basic ${Buffer.from(`admin:${TOKEN}`).toString('base64')}` }],
    ['an empty bearer', { authorization: 'Bearer ' }],
  ];

  it.each(attempts)('answers 401 with a JSON error to %s, on every /api route', async (_what, headers) => {
    // /api/docs is Swagger UI's static description (no data, mounted outside Nest's router).
    const routes = routeTable(app).filter((r) => r.path.startsWith('/api/') && !r.path.startsWith('/api/docs'));
    expect(routes.length).toBeGreaterThanOrEqual(5);
    for (const route of routes) {
      const res = await fetch(`${baseUrl}${concrete(route.path)}`, {
        method: route.method,
        headers: { ...headers, 'content-type': 'application/json' },
        body: route.method === 'GET' ? undefined : '{}',
      });
      expect({ route: `${route.method} ${route.path}`, status: res.status }).toEqual({ route: `${route.method} ${route.path}`, status: 401 });
      expect(await res.json()).toMatchObject({ statusCode: 401, message: expect.any(String) });
    }
  });

  it('lets the right token through', async () => {
    const res = await fetch(`${baseUrl}/api/teams`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([]);
  });

  it('keeps /health open and reports each dependency', async () => {
    const res = await fetch(`${baseUrl}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', checks: { database: { status: 'up' }, redis: { status: 'up' }, queues: { sync: { status: 'up' } } } });
  });

  it('answers bad input with 400 naming the field, and unknown runs with 404', async () => {
    const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
    const bad = await fetch(`${baseUrl}/api/syncs`, { method: 'POST', headers, body: JSON.stringify({ sources: ['gitlab'] }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/^body\.sources\.0: must be one of github, slack/);
    const unknownKey = await fetch(`${baseUrl}/api/syncs`, { method: 'POST', headers, body: JSON.stringify({ source: 'github' }) });
    expect(unknownKey.status).toBe(400);
    expect(((await unknownKey.json()) as { message: string }).message).toMatch(/source/);
    const notJson = await fetch(`${baseUrl}/api/syncs`, { method: 'POST', headers, body: '{"sources": [' });
    expect(notJson.status).toBe(400);
    const malformedId = await fetch(`${baseUrl}/api/syncs/123`, { headers });
    expect(malformedId.status).toBe(400);
    const missing = await fetch(`${baseUrl}/api/syncs/00000000-0000-4000-8000-000000000000`, { headers });
    expect(missing.status).toBe(404);
    const limit = await fetch(`${baseUrl}/api/syncs?limit=0`, { headers });
    expect(limit.status).toBe(400);
    expect(((await limit.json()) as { message: string }).message).toBe('query.limit: must be at least 1');
  });
});

describe('/health when Redis is down', () => {
  it('answers 503 and says Redis is down', async () => {
    const db = await createTestDatabase({ fromTemplate: true });
    // Nothing listens on port 1.
    const config = loadConfig({ DATABASE_URL: db.url, REDIS_URL: 'redis://127.0.0.1:1', ADMIN_TOKEN: TOKEN }, 'api');
    const app = await createApiApp(config, createLogger({ level: 'silent', name: 'api' }));
    await app.listen(0, '127.0.0.1');
    try {
      const res = await fetch(`${await app.getUrl()}/health`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: 'error', checks: { database: { status: 'up' }, redis: { status: 'down', error: expect.any(String) } } });
    } finally {
      await app.close();
      await db.drop();
    }
  });
});
