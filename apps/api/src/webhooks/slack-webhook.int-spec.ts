import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@undercurrent/config';
import { createLogger } from '@undercurrent/logger';
import { createRedisConnection, QueueWorkers } from '@undercurrent/queues';
import { signSlackRequest, SlackStoreRepository } from '@undercurrent/slack';
import { deleteQueueKeys, openTestDataSource, TEST_REDIS_URL, uniqueQueuePrefix, waitFor } from '@undercurrent/testing';
import type { DataSource } from 'typeorm';
import { createApiApp } from '../bootstrap';

const SIGNING_SECRET = 'slack-signing-secret-for-tests';
/** The API's clock starts here: the replay window is judged by the product clock, not the machine's. */
const CLOCK_START = '2031-01-01T12:00:00Z';
const clockSeconds = () => Math.floor(Date.parse(CLOCK_START) / 1000);

describe('POST /webhooks/slack (Events API)', () => {
  let dataSource: DataSource;
  let closeDb: () => Promise<void>;
  let prefix: string;
  let app: NestExpressApplication;
  let workers: QueueWorkers;
  let url: string;
  let applied: number;

  beforeAll(async () => {
    const opened = await openTestDataSource();
    ({ dataSource, close: closeDb } = opened);
    prefix = uniqueQueuePrefix();
    const config = loadConfig(
      { DATABASE_URL: opened.db.url, REDIS_URL: TEST_REDIS_URL, ADMIN_TOKEN: 'webhook-test-admin-token', QUEUE_PREFIX: prefix, SLACK_SIGNING_SECRET: SIGNING_SECRET, CLOCK_START },
      'api',
    );
    app = await createApiApp(config, createLogger({ level: 'silent', name: 'api' }));
    await app.listen(0, '127.0.0.1');
    url = `${await app.getUrl()}/webhooks/slack`;
    const store = new SlackStoreRepository(dataSource);
    applied = 0;
    workers = new QueueWorkers(() => createRedisConnection(TEST_REDIS_URL, 'worker'), prefix);
    workers.start({
      'maintenance.reconcile': async () => undefined,
      // This test runs no analysis.
      'analysis.run': async () => undefined,
      'analysis.scheduled': async () => undefined,
      'sync.run': async () => undefined,
      'sync.slack-channel': async () => undefined,
      'sync.github-repository': async () => undefined,
      'events.github-pull-request': async () => undefined,
      'alerts.deliver': async () => undefined, 'alerts.digest': async () => undefined,
      'events.slack': async (job) => {
        if (await store.applyEvent(job.data.eventId, job.data.eventType, job.data.change)) applied += 1;
      },
    });
  });

  afterAll(async () => {
    await workers.close();
    await app.close();
    await deleteQueueKeys(prefix);
    await closeDb();
  });

  function post(body: unknown, options: { secret?: string; age?: number; at?: number; headers?: Record<string, string>; raw?: string } = {}) {
    const raw = options.raw ?? JSON.stringify(body);
    const signed = signSlackRequest(raw, options.secret ?? SIGNING_SECRET, (options.at ?? clockSeconds()) - (options.age ?? 0));
    return fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-slack-signature': signed.signature, 'x-slack-request-timestamp': signed.timestamp, ...options.headers },
      body: raw,
    });
  }

  const message = (eventId: string, ts: string, extra: Record<string, unknown> = {}) => ({
    type: 'event_callback',
    event_id: eventId,
    event: { type: 'message', channel: 'C0EVENTS1', user: 'U0EVENT01', text: 'words we never keep', ts, ...extra },
  });

  const rows = () => dataSource.query(`SELECT xmin::text AS version, * FROM slack_messages ORDER BY ts`) as Promise<Record<string, unknown>[]>;
  const eventsSeen = () => dataSource.query(`SELECT event_id FROM slack_events ORDER BY event_id`) as Promise<unknown[]>;

  it('answers url_verification with the challenge', async () => {
    const res = await post({ type: 'url_verification', token: 'x', challenge: 'challenge-123' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'challenge-123' });
  });

  it('stores the metadata of a genuine message event (and no text)', async () => {
    const res = await post(message('Ev00000001', '1700000000.000100'));
    expect(res.status).toBe(200);
    await waitFor('the event to be applied', async () => ((await rows()).length === 1 ? true : undefined));
    expect(await rows()).toEqual([
      expect.objectContaining({ channel_id: 'C0EVENTS1', ts: '1700000000.000100', user_id: 'U0EVENT01', thread_ts: null, subtype: null, reaction_count: 0 }),
    ]);
    expect(JSON.stringify(await rows())).not.toContain('words we never keep');
  });

  it('changes nothing on a redelivery of the same event', async () => {
    const before = await rows();
    const appliedBefore = applied;
    const res = await post(message('Ev00000001', '1700000000.000100', { reactions: [{ name: 'x', count: 5 }] }), { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(res.status).toBe(200);
    // Give the queue the time it took the first delivery, then compare.
    await new Promise((r) => setTimeout(r, 500));
    expect(applied).toBe(appliedBefore);
    expect(await rows()).toEqual(before);
  });

  it('counts a reply on its thread and applies reactions and deletions once each', async () => {
    await post(message('Ev00000002', '1700000050.000100', { user: 'U0EVENT02', thread_ts: '1700000000.000100' }));
    await post({ type: 'event_callback', event_id: 'Ev00000003', event: { type: 'reaction_added', user: 'U0EVENT02', reaction: 'tada', item: { type: 'message', channel: 'C0EVENTS1', ts: '1700000000.000100' } } });
    await post({ type: 'event_callback', event_id: 'Ev00000003', event: { type: 'reaction_added', user: 'U0EVENT02', reaction: 'tada', item: { type: 'message', channel: 'C0EVENTS1', ts: '1700000000.000100' } } });
    await post({ type: 'event_callback', event_id: 'Ev00000004', event: { type: 'message', subtype: 'message_deleted', channel: 'C0EVENTS1', ts: '1700000099.000000', deleted_ts: '1700000050.000100' } });
    await waitFor('the events to be applied', async () => ((await eventsSeen()).length === 4 ? true : undefined));
    const [parent, reply] = await rows();
    expect(parent).toMatchObject({ ts: '1700000000.000100', reply_count: 1, latest_reply_ts: '1700000050.000100', reaction_count: 1 });
    expect(reply).toMatchObject({ ts: '1700000050.000100', thread_ts: '1700000000.000100', deleted_at: expect.any(Date) });
  });

  it('takes an event whose id holds characters a queue job id may not (a colon), once', async () => {
    for (let i = 0; i < 2; i++) expect((await post(message('Ev:00:odd:id', '1700000200.000100', { user: 'U0EVENT03' }))).status).toBe(200);
    await waitFor('the event to be applied', async () => ((await eventsSeen()).some((e) => (e as { event_id: string }).event_id === 'Ev:00:odd:id') ? true : undefined));
    expect((await rows()).filter((r) => r['ts'] === '1700000200.000100')).toHaveLength(1);
  });

  it.each([
    ['a wrong signature', { secret: 'not-the-signing-secret' }],
    ['a stale timestamp', { age: 6 * 60 }],
    ['a timestamp from the future', { age: -6 * 60 }],
    // Years before the product clock: stale by it, whatever the machine's clock says.
    ['a timestamp of the machine clock', { at: Math.floor(Date.now() / 1000) }],
    ['no signature headers', { headers: { 'x-slack-signature': '', 'x-slack-request-timestamp': '' } }],
  ])('refuses %s with 401 and stores nothing', async (_what, options) => {
    const before = { rows: await rows(), events: await eventsSeen() };
    const res = await post(message('Ev00000099', '1700009999.000100'), options);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { message: string }).message).toMatch(/^Slack request refused: /);
    await new Promise((r) => setTimeout(r, 300));
    expect({ rows: await rows(), events: await eventsSeen() }).toEqual(before);
  });

  it('refuses a body that is not JSON, once signed, with 400', async () => {
    const res = await post(undefined, { raw: 'payload=not-json' });
    expect(res.status).toBe(400);
  });

  it('refuses an oversized body', async () => {
    const res = await post(undefined, { raw: `{"type":"event_callback","padding":"${'x'.repeat(1_100_000)}"}` });
    expect(res.status).toBe(413);
  });
});
