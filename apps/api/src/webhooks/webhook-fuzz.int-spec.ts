import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ManualClock } from '@undercurrent/clock';
import { loadConfig } from '@undercurrent/config';
import { QUEUE_NAMES } from '@undercurrent/contracts';
import { signGithubPayload } from '@undercurrent/github';
import { createLogger } from '@undercurrent/logger';
import { createRedisConnection, JobQueues } from '@undercurrent/queues';
import { signSlackRequest } from '@undercurrent/slack';
import { deleteQueueKeys, openTestDataSource, seededRandom, TEST_REDIS_URL, uniqueQueuePrefix } from '@undercurrent/testing';
import type { DataSource } from 'typeorm';
import { createApiApp } from '../bootstrap';

const GITHUB_SECRET = 'github-fuzz-secret-for-tests';
const SLACK_SECRET = 'slack-fuzz-signing-secret';
const CLOCK_AT = '2031-03-03T10:00:00Z';
/** Requests per receiver: bounded, a few seconds against a local API. */
const PER_RECEIVER = 1_500;

/** Values of every JSON type and the edges of each: huge and negative numbers, odd strings, nesting. */
function fuzzValue(rnd: () => number, depth = 0): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  switch (Math.floor(rnd() * (depth > 3 ? 5 : 8))) {
    case 0:
      return pick([0, -1, 1, 2 ** 31, 2 ** 31 - 1, 2 ** 32, 2 ** 53, 2 ** 63, -(2 ** 63), 1e308, 0.5, Number.MAX_SAFE_INTEGER + 2]);
    case 1:
      return pick(['', 'x', ' ', 'acme/payments-api', 'a:b:c', '../../etc/passwd', '\u0000', '😀', 'x'.repeat(5_000), '1794600000.000100', 'U0123ABCD', 'C0123ABCD', '{"a":1}']);
    case 2:
      return pick([true, false]);
    case 3:
      return null;
    case 4:
      return Math.floor(rnd() * 1e6);
    case 5:
    case 6: {
      const keys = ['action', 'number', 'pull_request', 'repository', 'full_name', 'review', 'id', 'type', 'event', 'event_id', 'channel', 'ts', 'thread_ts', 'user', 'subtype', 'challenge', 'item', 'deleted_ts', 'team_id', 'x'];
      return Object.fromEntries(Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => [pick(keys), fuzzValue(rnd, depth + 1)]));
    }
    default:
      return Array.from({ length: Math.floor(rnd() * 4) }, () => fuzzValue(rnd, depth + 1));
  }
}

/** A body: mostly shaped like the receiver's payloads with fuzzed parts, sometimes not JSON at all. */
function fuzzBody(rnd: () => number, receiver: 'github' | 'slack'): string {
  const roll = rnd();
  if (roll < 0.08) return ['', 'null', '[]', '{', '{"a":', 'payload=%7B%7D', '\u0000\u0001', '"string"', '1e999'][Math.floor(rnd() * 9)]!;
  if (roll < 0.2) return JSON.stringify(fuzzValue(rnd));
  if (receiver === 'github') {
    return JSON.stringify({
      action: rnd() < 0.5 ? 'opened' : fuzzValue(rnd),
      number: rnd() < 0.5 ? Math.floor(rnd() * 50) + 1 : fuzzValue(rnd),
      repository: rnd() < 0.6 ? { full_name: rnd() < 0.5 ? 'acme/payments-api' : fuzzValue(rnd), id: fuzzValue(rnd) } : fuzzValue(rnd),
      pull_request: rnd() < 0.6 ? { number: rnd() < 0.5 ? 2 ** 31 + Math.floor(rnd() * 10) : fuzzValue(rnd), id: fuzzValue(rnd) } : fuzzValue(rnd),
      review: rnd() < 0.3 ? { id: fuzzValue(rnd) } : undefined,
    });
  }
  const eventTypes = ['message', 'reaction_added', 'reaction_removed', 'channel_rename', fuzzValue(rnd)];
  return JSON.stringify({
    type: rnd() < 0.15 ? 'url_verification' : rnd() < 0.9 ? 'event_callback' : fuzzValue(rnd),
    challenge: rnd() < 0.5 ? 'challenge-value' : fuzzValue(rnd),
    event_id: rnd() < 0.5 ? `Ev${Math.floor(rnd() * 1e9)}` : fuzzValue(rnd),
    event: rnd() < 0.7 ? { type: eventTypes[Math.floor(rnd() * eventTypes.length)], channel: fuzzValue(rnd), user: fuzzValue(rnd), ts: fuzzValue(rnd), thread_ts: fuzzValue(rnd), subtype: rnd() < 0.3 ? 'message_deleted' : undefined, deleted_ts: fuzzValue(rnd), item: fuzzValue(rnd) } : fuzzValue(rnd),
  });
}

/**
 * Both webhook receivers under a few thousand generated requests, signed and not: never a 5xx,
 * and a refused request leaves no row and no job behind.
 */
describe('webhook receivers under fuzzed requests', () => {
  const clock = new ManualClock(CLOCK_AT);
  let dataSource: DataSource;
  let closeDb: () => Promise<void>;
  let prefix: string;
  let app: NestExpressApplication;
  let queues: JobQueues;
  let base: string;

  beforeAll(async () => {
    const opened = await openTestDataSource();
    ({ dataSource, close: closeDb } = opened);
    prefix = uniqueQueuePrefix();
    const config = loadConfig(
      { DATABASE_URL: opened.db.url, REDIS_URL: TEST_REDIS_URL, ADMIN_TOKEN: 'fuzz-test-admin-token', QUEUE_PREFIX: prefix, GITHUB_WEBHOOK_SECRET: GITHUB_SECRET, SLACK_SIGNING_SECRET: SLACK_SECRET },
      'api',
    );
    app = await createApiApp(config, createLogger({ level: 'silent', name: 'api' }), { clock });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
    queues = new JobQueues(createRedisConnection(TEST_REDIS_URL, 'producer'), prefix);
  });

  afterAll(async () => {
    await queues?.close();
    await app?.close();
    await deleteQueueKeys(prefix);
    await closeDb?.();
  });

  /** Every row a webhook can write, and every job it can queue. */
  async function written(): Promise<string> {
    const [rows] = (await dataSource.query(
      `SELECT (SELECT count(*) FROM github_webhook_deliveries)::int AS deliveries, (SELECT count(*) FROM slack_events)::int AS events,
         (SELECT count(*) FROM slack_messages)::int AS messages, (SELECT count(*) FROM github_pull_requests)::int AS prs`,
    )) as Record<string, number>[];
    let jobs = 0;
    for (const name of QUEUE_NAMES) {
      const counts = await queues.queue(name).getJobCounts('waiting', 'delayed', 'active', 'completed', 'failed', 'prioritized');
      jobs += Object.values(counts).reduce((a, b) => a + b, 0);
    }
    return JSON.stringify({ ...rows, jobs });
  }

  it.each(['github', 'slack'] as const)('the %s receiver answers every request below 500, and a refused one writes nothing', async (receiver) => {
    const rnd = seededRandom(receiver === 'github' ? 11 : 17);
    const statuses: Record<number, number> = {};
    const problems: string[] = [];
    for (let i = 0; i < PER_RECEIVER; i++) {
      const body = fuzzBody(rnd, receiver);
      // A third unsigned or wrongly signed, a tenth signed too long ago (Slack), the rest signed.
      const how = rnd();
      const headers: Record<string, string> = { 'content-type': rnd() < 0.9 ? 'application/json' : 'text/plain' };
      if (receiver === 'github') {
        headers['x-github-event'] = ['pull_request', 'pull_request_review', 'pull_request_review_comment', 'ping', 'push', '', 'x'.repeat(300)][Math.floor(rnd() * 7)]!;
        if (rnd() < 0.9) headers['x-github-delivery'] = rnd() < 0.8 ? randomUUID() : ['', 'not-a-uuid', 'a:b', 'x'.repeat(500)][Math.floor(rnd() * 4)]!;
        if (how >= 0.33) headers['x-hub-signature-256'] = signGithubPayload(body, GITHUB_SECRET);
        else if (how >= 0.15) headers['x-hub-signature-256'] = signGithubPayload(body, 'not-the-secret');
      } else {
        const at = Math.floor(clock.now().getTime() / 1000) - (how >= 0.33 && how < 0.43 ? 3_600 : 0);
        if (how >= 0.15) {
          const signed = signSlackRequest(body, how >= 0.33 ? SLACK_SECRET : 'not-the-secret', at);
          headers['x-slack-signature'] = signed.signature;
          headers['x-slack-request-timestamp'] = signed.timestamp;
        }
      }
      const before = await written();
      const res = await fetch(`${base}/webhooks/${receiver}`, { method: 'POST', headers, body });
      await res.arrayBuffer();
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (res.status >= 500) problems.push(`#${i} ${res.status}: ${body.slice(0, 120)}`);
      if (res.status >= 400) {
        const after = await written();
        if (after !== before) problems.push(`#${i} refused with ${res.status} but wrote ${before} -> ${after}: ${body.slice(0, 120)}`);
      }
    }
    expect(problems).toEqual([]);
    // The run exercised refusals and acceptances alike, or it proves little.
    expect(statuses[401]).toBeGreaterThan(PER_RECEIVER / 5);
    expect((statuses[200] ?? 0) + (statuses[202] ?? 0)).toBeGreaterThan(PER_RECEIVER / 20);
    expect(statuses[400]).toBeGreaterThan(0);
  }, 180_000);
});
