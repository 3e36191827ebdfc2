import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@undercurrent/config';
import { createLogger } from '@undercurrent/logger';
import { deleteQueueKeys, openTestDataSource, TEST_REDIS_URL, uniqueQueuePrefix } from '@undercurrent/testing';
import { createApiApp } from './bootstrap';

interface Parameter {
  name: string;
  in: string;
  required: boolean;
  description?: string;
  schema: Record<string, unknown>;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, Record<string, unknown>> } }> };
}

/** The OpenAPI document describes each route's query parameters and body from the schemas that check them. */
describe('OpenAPI document', () => {
  let app: NestExpressApplication;
  let close: () => Promise<void>;
  let prefix: string;
  let paths: Record<string, Record<string, Operation>>;

  beforeAll(async () => {
    const opened = await openTestDataSource();
    close = opened.close;
    prefix = uniqueQueuePrefix();
    app = await createApiApp(loadConfig({ DATABASE_URL: opened.db.url, REDIS_URL: TEST_REDIS_URL, ADMIN_TOKEN: 'openapi-test-admin-token', QUEUE_PREFIX: prefix }, 'api'), createLogger({ level: 'silent', name: 'api' }));
    await app.listen(0, '127.0.0.1');
    const res = await fetch(`${await app.getUrl()}/api/docs/openapi.json`);
    expect(res.status).toBe(200);
    paths = ((await res.json()) as { paths: typeof paths }).paths;
  });

  afterAll(async () => {
    await app?.close();
    await deleteQueueKeys(prefix);
    await close?.();
  });

  const query = (path: string, method = 'get'): Record<string, Parameter> =>
    Object.fromEntries((paths[path]?.[method]?.parameters ?? []).filter((p) => p.in === 'query').map((p) => [p.name, p]));

  it('declares the query parameters of every report, with their types, bounds and defaults', () => {
    expect(Object.keys(query('/api/signals')).sort()).toEqual(['person', 'status', 'team', 'type', 'week']);
    expect(query('/api/signals')['type']!.schema).toMatchObject({ enum: ['bottleneck_lead', 'rewriting_lead', 'silent_member'] });
    expect(query('/api/teams/{teamId}/report')['week']).toMatchObject({ required: false, schema: { type: 'string', pattern: '^\\d{4}-W\\d{2}$' }, description: expect.stringMatching(/last completed week/) });
    expect(query('/api/people/{personId}/timeline')['weeks']!.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 104, default: 26 });
    for (const path of ['/api/teams/{teamId}/review-network', '/api/leads/{personId}/delegation']) {
      expect(Object.keys(query(path)).sort()).toEqual(['week', 'weeks']);
      expect(query(path)['weeks']!.schema).toMatchObject({ default: 12, maximum: 104 });
    }
    for (const path of ['/api/syncs', '/api/analyses']) expect(query(path)['limit']!.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 500, default: 50 });
  });

  it('declares the bodies of the requests that start work', () => {
    const body = (path: string) => paths[path]!['post']!.requestBody!.content['application/json']!.schema.properties!;
    expect(Object.keys(body('/api/syncs')).sort()).toEqual(['since', 'sources']);
    expect(body('/api/analyses')['weeks']).toMatchObject({ type: 'integer', minimum: 1 });
  });
});
