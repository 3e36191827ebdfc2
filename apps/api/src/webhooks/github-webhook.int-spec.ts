import { ManualClock } from '@undercurrent/clock';
import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@undercurrent/config';
import { createGithubClient, GithubGraphqlSync, GithubStoreRepository, signGithubPayload } from '@undercurrent/github';
import { createLogger } from '@undercurrent/logger';
import { OrgStoreRepository } from '@undercurrent/org';
import { createRedisConnection, JobQueues, QueueWorkers } from '@undercurrent/queues';
import { SlackStoreRepository, SlackSyncService } from '@undercurrent/slack';
import { SyncRunProcessor, SyncRunsRepository, SyncTasksRepository } from '@undercurrent/sync';
import {
  deleteQueueKeys,
  FakeGithubServer,
  generateGithubOrganisation,
  githubNodeId,
  openTestDataSource,
  TEST_REDIS_URL,
  uniqueQueuePrefix,
  waitFor,
} from '@undercurrent/testing';
import type { DataSource } from 'typeorm';
import { createApiApp } from '../bootstrap';

const SECRET = 'github-webhook-secret-for-tests';
const TOKEN = 'ghp_webhook_test_token';
const REPO = 'acme/payments-api';

describe('POST /webhooks/github', () => {
  const silent = createLogger({ level: 'silent', name: 'test' });
  let dataSource: DataSource;
  let closeDb: () => Promise<void>;
  let prefix: string;
  let app: NestExpressApplication;
  let workers: QueueWorkers;
  let queues: JobQueues;
  let server: FakeGithubServer;
  let url: string;
  let refetched: number;

  beforeAll(async () => {
    const opened = await openTestDataSource();
    ({ dataSource, close: closeDb } = opened);
    prefix = uniqueQueuePrefix();
    server = new FakeGithubServer(
      generateGithubOrganisation({
        seed: 3,
        org: 'acme',
        people: [
          { id: 'alice', github: ['alice-gh'] },
          { id: 'bob', github: ['bob-gh'] },
        ],
        teams: [{ id: 'payments', leads: ['alice'], members: ['bob'], repositories: [REPO] }],
        repositories: [REPO],
        weeks: 3,
        endDate: '2026-03-13',
      }),
      { token: TOKEN },
    );
    const client = createGithubClient({ token: TOKEN, baseUrl: await server.start(), logger: silent, graphqlIntervalMs: 0 });
    const githubStore = new GithubStoreRepository(dataSource);
    await new GithubGraphqlSync(githubStore, new Set()).syncRepository(client, REPO);

    const config = loadConfig({ DATABASE_URL: opened.db.url, REDIS_URL: TEST_REDIS_URL, ADMIN_TOKEN: 'webhook-test-admin-token', QUEUE_PREFIX: prefix, GITHUB_WEBHOOK_SECRET: SECRET }, 'api');
    app = await createApiApp(config, silent);
    await app.listen(0, '127.0.0.1');
    url = `${await app.getUrl()}/webhooks/github`;

    // The worker's handler for the re-fetch job, in this process.
    queues = new JobQueues(createRedisConnection(TEST_REDIS_URL, 'producer'), prefix);
    const runs = new SyncRunsRepository(dataSource);
    const processor = new SyncRunProcessor(
      runs,
      new SyncTasksRepository(dataSource),
      new OrgStoreRepository(dataSource),
      queues,
      { slackClient: undefined, slack: new SlackSyncService(dataSource, new SlackStoreRepository(dataSource)), githubClient: client, githubStore },
      '/nonexistent/org.yaml',
      silent,
      new ManualClock('2026-11-16T09:00:00Z'),
    );
    refetched = 0;
    workers = new QueueWorkers(() => createRedisConnection(TEST_REDIS_URL, 'worker'), prefix);
    workers.start({
      'maintenance.reconcile': async () => undefined,
      // This test runs no analysis.
      'analysis.run': async () => undefined,
      'analysis.scheduled': async () => undefined,
      'sync.run': async () => undefined,
      'sync.slack-channel': async () => undefined,
      'sync.github-repository': async () => undefined,
      'events.github-pull-request': async (job) => {
        await processor.processGithubPullRequest(job);
        refetched += 1;
      },
      'alerts.deliver': async () => undefined, 'alerts.digest': async () => undefined,
      'events.slack': async () => undefined,
    });
  });

  afterAll(async () => {
    await workers.close();
    await queues.close();
    await app.close();
    await deleteQueueKeys(prefix);
    await server.stop();
    await closeDb();
  });

  const post = (body: string | Buffer, headers: Record<string, string>) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const signed = (event: string, payload: unknown, delivery = randomUUID()) => {
    const body = JSON.stringify(payload);
    return { body, headers: { 'x-github-event': event, 'x-github-delivery': delivery, 'x-hub-signature-256': signGithubPayload(body, SECRET) } };
  };
  const versions = async () => (await dataSource.query(`SELECT 'p' || id || xmin FROM github_pull_requests UNION ALL SELECT 'r' || id || xmin FROM github_reviews UNION ALL SELECT 'd' || delivery_id || xmin FROM github_webhook_deliveries ORDER BY 1`)) as unknown[];

  /** A review is added on the fake GitHub; the webhook about it is a hint to re-read the pull request. */
  function addReview(): { number: number; reviewId: number } {
    const pr = server.organisation.pullRequests.find((p) => p.repository === REPO && p.state === 'OPEN')!;
    const reviewId = server.newDatabaseId();
    server.touchPullRequest(REPO, pr.number, (p) => {
      p.reviews.push({ databaseId: reviewId, nodeId: githubNodeId('PRR', reviewId), author: 'alice-gh', state: 'COMMENTED', body: '', createdAt: '2026-03-13T09:00:00Z', submittedAt: '2026-03-13T09:00:00Z', commitOid: p.commits.at(-1)!.oid });
    });
    return { number: pr.number, reviewId };
  }

  it('takes a correctly signed pull_request_review delivery, records it and re-reads the pull request', async () => {
    const { number, reviewId } = addReview();
    // The payload's own review is partial on purpose: only the pull request number is trusted.
    const { body, headers } = signed('pull_request_review', { action: 'submitted', review: { id: 1 }, repository: { full_name: REPO }, pull_request: { number } });
    const response = await post(body, headers);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, outcome: 'queued' });
    const rows = await waitFor('the review to be stored', async () => {
      const found = (await dataSource.query(`SELECT state FROM github_reviews WHERE id = $1`, [reviewId])) as unknown[];
      return found.length > 0 ? found : undefined;
    });
    expect(rows).toEqual([{ state: 'COMMENTED' }]);
    expect(await dataSource.query(`SELECT event, action, repository, pull_request_number, outcome FROM github_webhook_deliveries WHERE delivery_id = $1`, [headers['x-github-delivery']])).toEqual([
      // bigint: pg returns it as text.
      { event: 'pull_request_review', action: 'submitted', repository: REPO, pull_request_number: String(number), outcome: 'queued' },
    ]);
  });

  it('refuses a wrong or missing signature with 401, storing nothing', async () => {
    const before = await versions();
    const { number } = addReview();
    const { body, headers } = signed('pull_request', { action: 'edited', repository: { full_name: REPO }, pull_request: { number } });
    for (const signature of [signGithubPayload(body, 'not-the-secret'), signGithubPayload(`${body} `, SECRET), undefined]) {
      const h: Record<string, string> = { ...headers };
      if (signature) h['x-hub-signature-256'] = signature;
      else delete h['x-hub-signature-256'];
      const response = await post(body, h);
      expect(response.status).toBe(401);
      expect(((await response.json()) as { message: string }).message).toMatch(/^GitHub webhook refused: /);
    }
    // Tampered body, genuine signature of the original.
    expect((await post(body.replace('edited', 'closed'), headers)).status).toBe(401);
    expect(await versions()).toEqual(before);
  });

  it('changes nothing on a redelivery', async () => {
    const { number } = addReview();
    const delivery = signed('pull_request', { action: 'synchronize', repository: { full_name: REPO }, pull_request: { number } });
    const done = refetched;
    expect(await (await post(delivery.body, delivery.headers)).json()).toEqual({ ok: true, outcome: 'queued' });
    await waitFor('the re-read', async () => (refetched > done ? true : undefined));
    const before = { versions: await versions(), refetched, calls: server.calls.length };
    const again = await post(delivery.body, delivery.headers);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ ok: true, outcome: 'duplicate' });
    expect(await queues.queue('events').getJobCounts('waiting', 'active', 'delayed')).toEqual({ waiting: 0, active: 0, delayed: 0 });
    expect({ versions: await versions(), refetched, calls: server.calls.length }).toEqual(before);
  });

  it('rejects an oversized body with 413 and a malformed one with 400, storing nothing', async () => {
    const before = await versions();
    const huge = Buffer.alloc(11 * 1024 * 1024, 0x20);
    const response = await post(huge, { 'x-github-event': 'pull_request', 'x-github-delivery': randomUUID(), 'x-hub-signature-256': signGithubPayload(huge, SECRET) });
    expect(response.status).toBe(413);
    const notJson = 'not json';
    expect((await post(notJson, { 'x-github-event': 'pull_request', 'x-github-delivery': randomUUID(), 'x-hub-signature-256': signGithubPayload(notJson, SECRET) })).status).toBe(400);
    const noNumber = signed('pull_request', { action: 'opened', repository: { full_name: REPO }, pull_request: {} });
    const answer = await post(noNumber.body, noNumber.headers);
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({ message: 'pull_request: pull_request.number is missing' });
    const noDelivery = signed('pull_request', { action: 'opened', repository: { full_name: REPO }, pull_request: { number: 1 } });
    delete (noDelivery.headers as Record<string, string>)['x-github-delivery'];
    expect((await post(noDelivery.body, noDelivery.headers)).status).toBe(400);
    expect(await versions()).toEqual(before);
  });

  it('records a delivery naming a pull request number past 2^31 (once an integer overflow) and queues nothing', async () => {
    for (const number of [2_147_483_648, 4_294_967_297]) {
      const delivery = signed('pull_request', { action: 'opened', repository: { full_name: REPO }, pull_request: { number } });
      const response = await post(delivery.body, delivery.headers);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ ok: true, outcome: 'ignored', reason: `pull request number ${number} is beyond what GitHub's API can read (at most 2147483647)` });
      expect(await dataSource.query(`SELECT pull_request_number, outcome FROM github_webhook_deliveries WHERE delivery_id = $1`, [delivery.headers['x-github-delivery']])).toEqual([
        { pull_request_number: String(number), outcome: expect.stringMatching(/^ignored: pull request number \d+ is beyond/) },
      ]);
    }
    expect(await queues.queue('events').getJobCounts('waiting', 'active', 'delayed')).toEqual({ waiting: 0, active: 0, delayed: 0 });
  });

  it('answers ping and events about repositories it does not sync without queueing anything', async () => {
    const ping = signed('ping', { zen: 'Design for failure.', hook_id: 7 });
    expect(await (await post(ping.body, ping.headers)).json()).toEqual({ ok: true, outcome: 'ignored', reason: 'ping' });
    const other = signed('pull_request', { action: 'opened', repository: { full_name: 'acme/elsewhere' }, pull_request: { number: 3 } });
    expect(await (await post(other.body, other.headers)).json()).toEqual({ ok: true, outcome: 'ignored', reason: 'acme/elsewhere is not synced by Undercurrent' });
    expect(await queues.queue('events').getJobCounts('waiting', 'active', 'delayed')).toEqual({ waiting: 0, active: 0, delayed: 0 });
  });
});
