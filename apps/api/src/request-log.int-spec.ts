import { Writable } from 'node:stream';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@undercurrent/config';
import { createLogger } from '@undercurrent/logger';
import { deleteQueueKeys, openTestDataSource, TEST_REDIS_URL, uniqueQueuePrefix } from '@undercurrent/testing';
import { createApiApp } from './bootstrap';

const ADMIN = 'request-log-test-admin-token';

/** The API's request log at a level: the lines it writes for one authenticated request. */
async function requestLines(level: 'info' | 'debug'): Promise<Record<string, unknown>[]> {
  const { db, close } = await openTestDataSource();
  const prefix = uniqueQueuePrefix();
  let written = '';
  const sink = new Writable({ write: (chunk: Buffer, _enc, done) => ((written += chunk.toString()), done()) });
  let app: NestExpressApplication | undefined;
  try {
    app = await createApiApp(loadConfig({ DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, ADMIN_TOKEN: ADMIN, QUEUE_PREFIX: prefix }, 'api'), createLogger({ level, name: 'api' }, sink));
    await app.listen(0, '127.0.0.1');
    const res = await fetch(`${await app.getUrl()}/api/teams?probe=1`, { headers: { authorization: `Bearer ${ADMIN}`, 'x-probe': 'probe-header' } });
    expect(res.status).toBe(200);
  } finally {
    await app?.close();
    await deleteQueueKeys(prefix);
    await close();
  }
  return written
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((entry) => (entry['req'] as { url?: string } | undefined)?.url === '/api/teams?probe=1');
}

describe('request logs', () => {
  it('write one short line per request at info: method, address, status and time, no headers', async () => {
    const lines = await requestLines('info');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'info', req: { method: 'GET', url: '/api/teams?probe=1' }, res: { statusCode: 200 }, responseTime: expect.any(Number) });
    expect(Object.keys(lines[0]!['req'] as object)).toEqual(['method', 'url']);
    expect(Object.keys(lines[0]!['res'] as object)).toEqual(['statusCode']);
    expect(JSON.stringify(lines)).not.toContain('probe-header');
    expect(JSON.stringify(lines)).not.toContain(ADMIN);
  });

  it('add the headers at debug, with the token redacted', async () => {
    const lines = await requestLines('debug');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ req: { headers: { 'x-probe': 'probe-header', authorization: '[redacted]' } } });
    expect(JSON.stringify(lines)).not.toContain(ADMIN);
  });
});
