import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alertJobId, AlertDeliveryError, AlertDeliveryService, AlertsOutbox, AlertsProcessor, enqueueDueAlerts, heldAlertJobId, WeeklyDigest, type DeliveryOutcome } from '@undercurrent/alerts';
import { AnalysisProcessor, AnalysisRunsRepository, AnalysisRunsService, AnalysisService, SignalsRepository } from '@undercurrent/analysis';
import { ManualClock } from '@undercurrent/clock';
import { loadConfig } from '@undercurrent/config';
import type { AlertDto, AnalysisRunDto } from '@undercurrent/contracts';
import { createGithubClient, GithubStoreRepository } from '@undercurrent/github';
import { createLogger } from '@undercurrent/logger';
import { addWeeks, isoWeekBounds } from '@undercurrent/metrics';
import { OrgStoreRepository } from '@undercurrent/org';
import { createRedisConnection, JobQueues, QueueWorkers } from '@undercurrent/queues';
import { createSlackClient, SlackStoreRepository, SlackSyncService } from '@undercurrent/slack';
import { SyncRunProcessor, SyncRunsRepository, SyncRunsService, SyncTasksRepository } from '@undercurrent/sync';
import {
  deleteQueueKeys,
  demoEndDate,
  FakeGithubServer,
  FakeSlackServer,
  generateDemoOrganisation,
  openTestDataSource,
  orgFileYaml,
  TEST_REDIS_URL,
  uniqueQueuePrefix,
  waitFor,
} from '@undercurrent/testing';
import type { WebClient } from '@slack/web-api';
import { UnrecoverableError, type Job } from 'bullmq';
import { Webhook } from 'standardwebhooks';
import type { DataSource, EntityManager } from 'typeorm';
import { createApiApp } from '../bootstrap';

const GITHUB_TOKEN = 'ghp_alerts_test_token';
const SLACK_TOKEN = 'xoxb-alerts-test-token';
const WEBHOOK_SECRET = `whsec_${Buffer.from('a-webhook-secret-of-32-bytes-ok!').toString('base64')}`;
const PUBLIC_URL = 'https://undercurrent.example.com';
const ADMIN = 'alerts-test-admin-token';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A delivery that "dies" once right after Slack accepted the message, before it is recorded. */
class CrashingDelivery extends AlertDeliveryService {
  crashes = 1;
  protected override async recordDelivered(m: EntityManager, alertId: string, outcome: Extract<DeliveryOutcome, { kind: 'sent' | 'already_sent' }>, at: Date): Promise<void> {
    if (this.crashes > 0) {
      this.crashes--;
      throw new Error('worker died after Slack accepted the message');
    }
    await super.recordDelivered(m, alertId, outcome, at);
  }
}

/**
 * Alerts on the demo organisation, through the real sync, analysis and queues: the quiet member's
 * leads hear once by Slack DM, a signed webhook goes out once, nothing is sent for history, near
 * misses or re-analyses, and a delivery that dies after Slack accepted its message is not posted twice.
 */
describe('alerts on an organisation with planted patterns', () => {
  const silent = createLogger({ level: (process.env['TEST_LOG_LEVEL'] as 'silent' | undefined) ?? 'silent', name: 'test' });
  const MONDAY_AFTER = '2026-11-16T09:00:00Z';
  const clock = new ManualClock(MONDAY_AFTER);
  const demo = generateDemoOrganisation({ endDate: demoEndDate(clock.now()) });
  const { planted } = demo;
  const quiet = planted.quietMember;
  const quietTeam = demo.orgFile.teams.find((t) => t.id === quiet.teamId)!;
  const slackIdOf = (personId: string): string => demo.orgFile.people.find((p) => p.id === personId)!.slack![0]!;
  const dmChannelOf = (personId: string): string => `D${slackIdOf(personId).slice(1)}`;
  // The quiet member's signal opens in the second quiet week; the Monday after it, that week has just completed.
  const openedWeek = addWeeks(quiet.fromWeek, 1);
  const mondayAfterOpening = new Date(isoWeekBounds(addWeeks(openedWeek, 1), 'Europe/Berlin').start.getTime() + 9 * 3_600_000);
  const received: Received[] = [];
  /** What the webhook receiver answers next (then 204 again). */
  const receiverAnswers: (number | { status: number; headers: Record<string, string> })[] = [];
  let app: NestExpressApplication;
  let base: string;
  let receiver: Server;
  let dataSource: DataSource;
  let closeDb: () => Promise<void>;
  let prefix: string;
  let queues: JobQueues;
  let workers: QueueWorkers;
  let github: FakeGithubServer;
  let slack: FakeSlackServer;
  let slackClient: WebClient;
  let analysisRuns: AnalysisRunsRepository;
  let analyses: AnalysisRunsService;
  let firstAnalysis: AnalysisRunDto;

  const finished = (id: string): Promise<AnalysisRunDto> =>
    waitFor(`analysis ${id}`, async () => {
      const run = await analysisRuns.get(id);
      return run && (run.state === 'completed' || run.state === 'failed') ? run : undefined;
    }, 120_000);
  const analyse = async (): Promise<AnalysisRunDto> => {
    const run = await analyses.request({ weeks: null, trigger: 'api', requestedBy: 'test' });
    return finished(run.id);
  };
  const alertRows = () =>
    dataSource.query(
      `SELECT id, signal_id AS "signalId", person_id AS "personId", channel, recipient, status, attempts, slack_channel AS "slackChannel", slack_ts AS "slackTs", last_error AS "lastError"
       FROM alerts ORDER BY channel, recipient`,
    ) as Promise<{ id: string; signalId: string; personId: string; channel: string; recipient: string; status: string; attempts: number; slackChannel: string | null; slackTs: string | null; lastError: string | null }[]>;
  const attemptsOf = async (alertId: string) =>
    ((await dataSource.query(`SELECT result, error FROM alert_attempts WHERE alert_id = $1 ORDER BY id`, [alertId])) as { result: string; error: string | null }[]);
  const api = async <T>(path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${base}${path}`, { ...init, headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });
    return { status: res.status, body: (await res.json()) as T };
  };
  const signalIdOf = (type: string, teamId: string, personId: string) =>
    dataSource.query(`SELECT id FROM signals WHERE type = $1 AND team_id = $2 AND person_id = $3 AND status = 'open'`, [type, teamId, personId]).then((r: { id: string }[]) => r[0]!.id);
  /** A fresh alert row for an existing episode (tests of delivery on their own). */
  const insertAlert = async (signalId: string, channel: string, recipient: string): Promise<string> => {
    const [row] = (await dataSource.query(
      `INSERT INTO alerts (signal_id, signal_type, team_id, person_id, opened_week, channel, recipient, status, next_attempt_at)
       SELECT id, type, team_id, person_id, opened_week, $2, $3, 'queued', $4 FROM signals WHERE id = $1 RETURNING id`,
      [signalId, channel, recipient, clock.now()],
    )) as { id: string }[];
    return row!.id;
  };
  const messagesWithAlert = (channelId: string, alertId: string) => slack.directMessages(channelId).filter((m) => m.metadata?.event_payload['alert_id'] === alertId);

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const answer = receiverAnswers.shift() ?? 204;
        if (typeof answer === 'number') res.writeHead(answer).end();
        else res.writeHead(answer.status, answer.headers).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/undercurrent`;

    const opened = await openTestDataSource();
    ({ dataSource, close: closeDb } = opened);
    prefix = uniqueQueuePrefix();
    const orgFile = join(mkdtempSync(join(tmpdir(), 'uc-alerts-')), 'org.yaml');
    writeFileSync(orgFile, orgFileYaml({ ...demo.orgFile, alerts: { slack: { dm: true }, webhook: { url: webhookUrl, secret: WEBHOOK_SECRET } } }));
    github = new FakeGithubServer(demo.github, { token: GITHUB_TOKEN });
    slack = new FakeSlackServer(demo.slack, { token: SLACK_TOKEN });
    const githubUrl = await github.start();
    const slackUrl = await slack.start();
    slackClient = createSlackClient({ token: SLACK_TOKEN, apiUrl: `${slackUrl}/api/`, logger: silent });
    queues = new JobQueues(createRedisConnection(TEST_REDIS_URL, 'producer'), prefix);
    const syncRuns = new SyncRunsRepository(dataSource);
    analysisRuns = new AnalysisRunsRepository(dataSource);
    analyses = new AnalysisRunsService(analysisRuns, queues);
    const sync = new SyncRunProcessor(
      syncRuns,
      new SyncTasksRepository(dataSource),
      new OrgStoreRepository(dataSource),
      queues,
      {
        slackClient,
        slack: new SlackSyncService(dataSource, new SlackStoreRepository(dataSource)),
        githubClient: createGithubClient({ token: GITHUB_TOKEN, baseUrl: githubUrl, logger: silent, graphqlIntervalMs: 0 }),
        githubStore: new GithubStoreRepository(dataSource),
      },
      orgFile,
      silent,
      clock,
      async (syncRunId) => void (await analyses.requestAfterSync({ id: syncRunId, since: null }, false)),
    );
    const analysis = new AnalysisProcessor(
      analysisRuns,
      analyses,
      new AnalysisService(dataSource, silent, { githubApiUrl: 'https://api.github.com', clock, outbox: new AlertsOutbox(dataSource, queues, clock) }),
      silent,
    );
    // As the worker makes it: a Slack client that throws on a 429 with Retry-After, for the queue to
    // wait, and retries nothing itself (the queue's next try looks for a post whose answer was lost);
    // transient failures retried after 100 ms rather than 5 s.
    const alertsSlack = createSlackClient({ token: SLACK_TOKEN, apiUrl: `${slackUrl}/api/`, logger: silent, rejectRateLimitedCalls: true, retries: 0 });
    const alerts = new AlertsProcessor(new AlertDeliveryService(dataSource, queues, { slack: alertsSlack, clock, publicUrl: PUBLIC_URL, logger: silent, slackTransientRetryMs: 100 }), new WeeklyDigest(dataSource, queues, clock));
    workers = new QueueWorkers(() => createRedisConnection(TEST_REDIS_URL, 'worker'), prefix);
    workers.start({ ...sync.handlers(), ...analysis.handlers(), ...alerts.handlers(), 'events.slack': async () => undefined, 'maintenance.reconcile': async () => undefined });
    const config = loadConfig({ DATABASE_URL: opened.db.url, REDIS_URL: TEST_REDIS_URL, ADMIN_TOKEN: ADMIN, QUEUE_PREFIX: prefix }, 'api');
    app = await createApiApp(config, silent, { clock });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();

    const { id } = await new SyncRunsService(syncRuns, queues).request({ requestedBy: 'test' });
    const syncRun = await waitFor(`sync ${id}`, async () => {
      const run = await syncRuns.get(id);
      return run && (run.state === 'completed' || run.state === 'failed') ? run : undefined;
    }, 180_000);
    expect(syncRun).toMatchObject({ state: 'completed', error: null });
    const triggered = await waitFor('the analysis after the sync', async () => (await analysisRuns.list(5)).find((r) => r.trigger === 'sync'), 30_000);
    firstAnalysis = await finished(triggered.id);
  }, 300_000);

  afterAll(async () => {
    await workers?.close();
    await queues?.close();
    await app?.close();
    await deleteQueueKeys(prefix);
    await github?.stop();
    await slack?.stop();
    await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
    await closeDb?.();
  });

  it('alerts on no history: a first analysis finds the episode open since weeks before the last completed week and sends nothing', async () => {
    expect(firstAnalysis).toMatchObject({ state: 'completed', counts: { alertsQueued: 0 } });
    const episode = await new SignalsRepository(dataSource).get(`silent_member:${quiet.teamId}:${quiet.personId}:${openedWeek}`);
    expect(episode).toMatchObject({ status: 'open', openedWeek });
    expect(openedWeek < firstAnalysis.toWeek!).toBe(true);
    expect(await alertRows()).toEqual([]);
    expect(slack.posted).toEqual([]);
    expect(received).toEqual([]);
  });

  it('tells each lead of the quiet member\'s team once by Slack DM, and the webhook once, signed, when the episode opens in the last completed week', async () => {
    clock.set(mondayAfterOpening);
    const run = await analyse();
    expect(run).toMatchObject({ state: 'completed', toWeek: addWeeks(openedWeek, 1) });
    const expectedAlerts = quietTeam.leads.length + 1;
    expect(run.counts['alertsQueued']).toBe(expectedAlerts);
    // Created at the product's clock (the analysis's), not the machine's.
    expect(((await dataSource.query(`SELECT DISTINCT created_at AS "createdAt" FROM alerts`)) as { createdAt: Date }[]).map((r) => r.createdAt.toISOString())).toEqual([mondayAfterOpening.toISOString()]);
    const rows = await waitFor('every alert sent', async () => {
      const all = await alertRows();
      return all.length === expectedAlerts && all.every((a) => a.status === 'sent') ? all : undefined;
    }, 30_000);
    const signalId = `silent_member:${quiet.teamId}:${quiet.personId}:${openedWeek}`;
    expect(rows.map((a) => [a.signalId, a.personId, a.channel, a.recipient, a.status, a.attempts])).toEqual([
      ...quietTeam.leads.map((lead) => [signalId, quiet.personId, 'slack_dm', lead, 'sent', 1]),
      [signalId, quiet.personId, 'webhook', 'webhook', 'sent', 1],
    ]);
    // Exactly one DM to each lead, carrying its alert id; none to the quiet member, no other post.
    expect(slack.posted).toHaveLength(quietTeam.leads.length);
    for (const lead of quietTeam.leads) {
      const alert = rows.find((a) => a.recipient === lead)!;
      const dms = slack.directMessages(dmChannelOf(lead));
      expect(dms).toHaveLength(1);
      expect(dms[0]!.metadata).toEqual({ event_type: 'undercurrent_alert', event_payload: { alert_id: alert.id } });
      expect(alert).toMatchObject({ slackChannel: dmChannelOf(lead), slackTs: dms[0]!.ts });
      expect(await attemptsOf(alert.id)).toEqual([{ result: 'sent', error: null }]);
    }
    expect(slack.directMessages(dmChannelOf(quiet.personId))).toEqual([]);
    const dmHistory = slack.calls.filter((c) => c.method === 'conversations.history' && c.params['channel']?.startsWith('D'));
    expect(dmHistory).toHaveLength(quietTeam.leads.length);
    expect(dmHistory.every((c) => c.params['include_all_metadata'] === 'true')).toBe(true);

    // The webhook: once, signed with the Standard Webhooks scheme, the body being the signal as the API gives it.
    expect(received).toHaveLength(1);
    const [hook] = received;
    const webhookAlert = rows.find((a) => a.channel === 'webhook')!;
    expect(hook!.headers['webhook-id']).toBe(webhookAlert.id);
    const headers = { 'webhook-id': String(hook!.headers['webhook-id']), 'webhook-timestamp': String(hook!.headers['webhook-timestamp']), 'webhook-signature': String(hook!.headers['webhook-signature']) };
    const verifier = new Webhook(WEBHOOK_SECRET);
    expect(verifier.verify(hook!.body, headers)).toEqual(JSON.parse(JSON.stringify(await new SignalsRepository(dataSource).get(signalId))));
    const changed = hook!.body.replace(`"personId":"${quiet.personId}"`, '"personId":"someone-else"');
    expect(changed).not.toBe(hook!.body);
    expect(() => verifier.verify(changed, headers)).toThrow();
    expect(() => new Webhook(`whsec_${Buffer.from('another-secret-of-32-bytes-long!').toString('base64')}`).verify(hook!.body, headers)).toThrow();
  });

  it('writes the message as the start of a conversation, with the weeks, the rule and links, and no message text', () => {
    const [post] = slack.posted;
    const text = JSON.stringify(post!.blocks);
    const person = demo.orgFile.people.find((p) => p.id === quiet.personId)!;
    expect(post!.text).toContain(person.name);
    expect(text).toContain(`since week ${openedWeek}`);
    expect(text).toContain('not on declared leave');
    expect(text).toMatch(/Rule: `silent_member` version 1/);
    expect(text).toMatch(/[▁▂▃▄▅▆▇█]{8,}/);
    expect(text).toContain(`${PUBLIC_URL}/#/people/${encodeURIComponent(quiet.personId)}`);
    expect(text).toContain(`${PUBLIC_URL}/#/signals/${encodeURIComponent(`silent_member:${quiet.teamId}:${quiet.personId}:${openedWeek}`)}`);
    expect(text).toMatch(/Acknowledge/);
    expect(text).toMatch(/Snooze/);
    // Nothing of the workspace's messages could be in it: none of their text is stored.
    const sample = Object.values(demo.slack.messages).flat().slice(0, 200).map((m) => m.text).filter((t) => t.length > 20);
    expect(sample.some((t) => text.includes(t))).toBe(false);
  });

  it('sends nothing more on a second analysis, nor once the week moves on while the episode stays open, and nothing for the near misses', async () => {
    const before = await alertRows();
    expect((await analyse()).counts['alertsQueued']).toBe(0);
    clock.set(MONDAY_AFTER);
    expect((await analyse()).counts['alertsQueued']).toBe(0);
    // Let any job that would have been enqueued run.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await alertRows()).toEqual(before);
    expect(slack.posted).toHaveLength(quietTeam.leads.length);
    expect(received).toHaveLength(1);
    const people = new Set(before.map((a) => a.personId));
    expect([...people]).toEqual([quiet.personId]);
    for (const nearMiss of [planted.halfMember.personId, planted.onLeave.personId, planted.newcomer.personId, planted.bottleneckLead.personId, planted.rewritingLead.personId]) {
      expect(people.has(nearMiss)).toBe(false);
    }
  });

  it('posts exactly once when a delivery dies right after Slack accepted the message: the retry finds it by its metadata', async () => {
    // A second recipient for the quiet member's episode: the lead of another team, only to have a fresh alert.
    const other = demo.orgFile.teams.find((t) => t.id !== quiet.teamId)!.leads[0]!;
    const [{ id }] = (await dataSource.query(
      `INSERT INTO alerts (signal_id, signal_type, team_id, person_id, opened_week, channel, recipient, status, next_attempt_at)
       VALUES ($1, 'silent_member', $2, $3, $4, 'slack_dm', $5, 'queued', $6) RETURNING id`,
      [`silent_member:${quiet.teamId}:${quiet.personId}:${openedWeek}`, quiet.teamId, quiet.personId, openedWeek, other, clock.now()],
    )) as { id: string }[];
    const crashing = new CrashingDelivery(dataSource, queues, { slack: slackClient, clock, publicUrl: PUBLIC_URL, logger: silent });
    await expect(crashing.deliver(id!, false)).rejects.toThrow('worker died after Slack accepted the message');
    expect(messagesWithAlert(dmChannelOf(other), id!)).toHaveLength(1);
    expect((await alertRows()).find((a) => a.id === id)).toMatchObject({ status: 'queued', slackTs: null, lastError: 'worker died after Slack accepted the message' });

    const retried = await crashing.deliver(id!, false);
    expect(retried).toMatchObject({ kind: 'already_sent', slackChannel: dmChannelOf(other) });
    const messages = messagesWithAlert(dmChannelOf(other), id!);
    expect(messages).toHaveLength(1);
    expect((await alertRows()).find((a) => a.id === id)).toMatchObject({ status: 'sent', slackTs: messages[0]!.ts, lastError: null });
    expect(await attemptsOf(id!)).toEqual([
      { result: 'retry', error: 'worker died after Slack accepted the message' },
      { result: 'already_sent', error: null },
    ]);
    // And a further try of a sent alert sends nothing.
    expect(await crashing.deliver(id!, false)).toEqual({ kind: 'nothing', reason: 'alert is sent' });
    expect(messagesWithAlert(dmChannelOf(other), id!)).toHaveLength(1);
  });

  it('lists alerts, filtered by status, person and team, and refuses bad filters naming them', async () => {
    const all = await api<AlertDto[]>('/api/alerts');
    expect(all.status).toBe(200);
    expect(all.body.length).toBe(quietTeam.leads.length + 2);
    expect(all.body.every((a) => a.personId === quiet.personId && a.status === 'sent' && a.signalType === 'silent_member')).toBe(true);
    expect((await api<AlertDto[]>(`/api/alerts?person=${quiet.personId}&team=${quiet.teamId}&status=sent`)).body).toHaveLength(all.body.length);
    expect((await api<AlertDto[]>('/api/alerts?status=queued')).body).toEqual([]);
    expect((await api<AlertDto[]>(`/api/alerts?team=${planted.bottleneckLead.teamId}`)).body).toEqual([]);
    expect(await api('/api/alerts?status=lost')).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^query\.status: must be one of queued, held/) } });
    const webhook = all.body.find((a) => a.channel === 'webhook')!;
    const one = await api<AlertDto & { attemptLog: unknown[] }>(`/api/alerts/${webhook.id}`);
    expect(one).toMatchObject({ status: 200, body: { id: webhook.id, status: 'sent', attemptLog: [{ attemptedAt: mondayAfterOpening.toISOString(), result: 'sent', error: null }] } });
    expect((await api('/api/alerts/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await fetch(`${base}/api/alerts`)).status).toBe(401);
  });

  it('acknowledges and snoozes alerts (400 naming the field on bad input, 404 for an unknown id), and sends nothing more for them', async () => {
    const signalId = `silent_member:${quiet.teamId}:${quiet.personId}:${openedWeek}`;
    const [leadA, leadB] = demo.orgFile.teams.filter((t) => t.id !== quiet.teamId).slice(1, 3).map((t) => t.leads[0]!);
    const acked = await insertAlert(signalId, 'slack_dm', leadA!);
    const snoozed = await insertAlert(signalId, 'slack_dm', leadB!);
    const ack = await api<AlertDto>(`/api/alerts/${acked}/ack`, { method: 'POST' });
    expect(ack).toMatchObject({ status: 200, body: { id: acked, status: 'acknowledged', acknowledgedAt: clock.now().toISOString() } });
    expect(await api('/api/alerts/00000000-0000-4000-8000-000000000000/ack', { method: 'POST' })).toMatchObject({ status: 404, body: { message: 'no alert 00000000-0000-4000-8000-000000000000' } });
    expect((await api('/api/alerts/not-an-id/ack', { method: 'POST' })).status).toBe(404);

    const snooze = (body: unknown, id = snoozed) => api<AlertDto>(`/api/alerts/${id}/snooze`, { method: 'POST', body: JSON.stringify(body) });
    expect(await snooze({})).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^body\.until: is required/) } });
    expect(await snooze({ until: 'next week' })).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^body\.until: must be an ISO 8601 instant/) } });
    expect(await snooze({ until: '2026-02-30T09:00:00Z' })).toMatchObject({ status: 400, body: { message: 'body.until: must be a real date and time' } });
    expect(await snooze({ until: new Date(clock.now().getTime() - 60_000).toISOString() })).toMatchObject({ status: 400, body: { message: 'body.until: must be in the future' } });
    expect((await snooze({ until: '2099-01-01T00:00:00Z' }, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const until = new Date(clock.now().getTime() + 7 * 86_400_000).toISOString();
    expect(await snooze({ until })).toMatchObject({ status: 200, body: { id: snoozed, status: 'snoozed', snoozedUntil: until } });

    const delivery = new AlertDeliveryService(dataSource, queues, { slack: slackClient, clock, publicUrl: PUBLIC_URL, logger: silent });
    const postsBefore = slack.posted.length;
    expect(await delivery.deliver(acked, false)).toEqual({ kind: 'nothing', reason: 'alert is acknowledged' });
    expect(await delivery.deliver(snoozed, false)).toEqual({ kind: 'nothing', reason: 'alert is snoozed' });
    expect(slack.posted).toHaveLength(postsBefore);
    expect(await attemptsOf(acked)).toEqual([]);
  });

  it('fails an alert at once, with a clear reason, when Slack refuses the token or the channel does not exist', async () => {
    const signalId = `silent_member:${quiet.teamId}:${quiet.personId}:${openedWeek}`;
    const badToken = new AlertDeliveryService(dataSource, queues, {
      slack: createSlackClient({ token: 'xoxb-revoked-token', apiUrl: slackClient.slackApiUrl, logger: silent }),
      clock,
      publicUrl: PUBLIC_URL,
      logger: silent,
    });
    const processor = new AlertsProcessor(badToken).handlers()['alerts.deliver'];
    const job = (alertId: string) => ({ data: { alertId }, attemptsMade: 0, opts: { attempts: 10 } }) as unknown as Job<{ alertId: string }, unknown, 'alerts.deliver'>;
    const revoked = await insertAlert(signalId, 'slack_dm', demo.orgFile.teams[5]!.leads[0]!);
    const failure = await processor(job(revoked)).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(UnrecoverableError);
    expect((failure as Error).message).toMatch(/Slack token is invalid or revoked.*\(invalid_auth\)/);
    expect((await alertRows()).find((a) => a.id === revoked)).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringContaining('invalid_auth') });
    expect(await attemptsOf(revoked)).toEqual([{ result: 'failed', error: expect.stringContaining('invalid_auth') }]);

    const noChannel = await insertAlert(signalId, 'slack_channel', '#no-such-channel');
    const channelFailure = await new AlertsProcessor(new AlertDeliveryService(dataSource, queues, { slack: slackClient, clock, publicUrl: PUBLIC_URL, logger: silent })).handlers()['alerts.deliver'](job(noChannel)).catch((e: unknown) => e);
    expect(channelFailure).toBeInstanceOf(UnrecoverableError);
    expect((await alertRows()).find((a) => a.id === noChannel)).toMatchObject({ status: 'failed', lastError: expect.stringContaining('#no-such-channel is not known (channel_not_found)') });
  });

  it('retries a webhook that answered 5xx (the job is retried, the attempt recorded) and fails one that answered 4xx at once', async () => {
    const other = await signalIdOf('bottleneck_lead', planted.bottleneckLead.teamId, planted.bottleneckLead.personId);
    const delivery = new AlertDeliveryService(dataSource, queues, { slack: slackClient, clock, publicUrl: PUBLIC_URL, logger: silent });
    const id = await insertAlert(other, 'webhook', 'webhook');
    const before = received.length;
    receiverAnswers.push(503);
    const failure = await delivery.deliver(id, false).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AlertDeliveryError);
    expect(failure).toMatchObject({ unrecoverable: false, message: 'webhook answered HTTP 503' });
    expect((await alertRows()).find((a) => a.id === id)).toMatchObject({ status: 'queued', attempts: 1 });
    expect(await delivery.deliver(id, false)).toMatchObject({ kind: 'sent' });
    expect(await attemptsOf(id)).toEqual([{ result: 'retry', error: 'webhook answered HTTP 503' }, { result: 'sent', error: null }]);
    // Both tries carried the same webhook-id: a receiver can tell the second is the same message.
    expect(received.slice(before).map((r) => r.headers['webhook-id'])).toEqual([id, id]);

    await dataSource.query(`DELETE FROM alerts WHERE id = $1`, [id]);
    const refused = await insertAlert(other, 'webhook', 'webhook');
    receiverAnswers.push(410);
    await expect(delivery.deliver(refused, false)).rejects.toMatchObject({ unrecoverable: true, message: 'webhook answered HTTP 410' });
    expect((await alertRows()).find((a) => a.id === refused)).toMatchObject({ status: 'failed' });
  });

  it('holds an alert during the recipient\'s quiet hours (a weekend) with a delayed job, and sends it at the next allowed time', async () => {
    const signalId = `silent_member:${quiet.teamId}:${quiet.personId}:${openedWeek}`;
    const lead = demo.orgFile.teams[4]!.leads[0]!;
    const id = await insertAlert(signalId, 'slack_dm', lead);
    const delivery = new AlertDeliveryService(dataSource, queues, { slack: slackClient, clock, publicUrl: PUBLIC_URL, logger: silent });
    // Saturday 2026-11-21, 12:00 in Berlin: the lead's Slack time zone.
    clock.set('2026-11-21T11:00:00Z');
    const mondayMorning = new Date('2026-11-23T07:00:00Z'); // 08:00 in Berlin
    expect(await delivery.deliver(id, false)).toEqual({ kind: 'held', until: mondayMorning });
    expect(await dataSource.query(`SELECT status, next_attempt_at AS "nextAttemptAt" FROM alerts WHERE id = $1`, [id])).toEqual([{ status: 'held', nextAttemptAt: mondayMorning }]);
    expect(await attemptsOf(id)).toEqual([{ result: 'held', error: `quiet hours in Europe/Berlin until ${mondayMorning.toISOString()}` }]);
    const job = await queues.queue('alerts').getJob(heldAlertJobId(id, mondayMorning));
    expect(job?.data).toEqual({ alertId: id });
    expect(await job!.isDelayed()).toBe(true);
    expect(job!.opts.delay).toBe(mondayMorning.getTime() - clock.now().getTime());
    expect(messagesWithAlert(dmChannelOf(lead), id)).toEqual([]);
    await job!.remove();

    clock.set(mondayMorning);
    expect(await delivery.deliver(id, false)).toMatchObject({ kind: 'sent', slackChannel: dmChannelOf(lead) });
    expect(messagesWithAlert(dmChannelOf(lead), id)).toHaveLength(1);
  });

  it('puts the alerts Redis lost back on the queue when a worker starts: queued ones now, held ones delayed to their time', async () => {
    const signalId = await signalIdOf('bottleneck_lead', planted.bottleneckLead.teamId, planted.bottleneckLead.personId);
    const lead = demo.orgFile.teams[1]!.leads[0]!;
    const queued = await insertAlert(signalId, 'slack_dm', lead);
    const held = await insertAlert(signalId, 'slack_channel', `#${quietTeam.channels![0]!.replace(/^#/, '')}`);
    const later = new Date(clock.now().getTime() + 86_400_000);
    await dataSource.query(`UPDATE alerts SET status = 'held', next_attempt_at = $2 WHERE id = $1`, [held, later]);
    expect(await queues.queue('alerts').getJob(alertJobId(queued))).toBeUndefined();

    expect(await enqueueDueAlerts(dataSource, queues, clock)).toBe(2);
    await waitFor('the queued alert sent by the worker', async () => ((await alertRows()).find((a) => a.id === queued)?.status === 'sent' ? true : undefined), 30_000);
    expect(messagesWithAlert(dmChannelOf(lead), queued)).toHaveLength(1);
    const delayed = await queues.queue('alerts').getJob(heldAlertJobId(held, later));
    expect(await delayed!.isDelayed()).toBe(true);
    expect((await alertRows()).find((a) => a.id === held)).toMatchObject({ status: 'held', attempts: 0 });
    // Enqueued again (a second worker starting): still one job each, and nothing sent twice.
    await enqueueDueAlerts(dataSource, queues, clock);
    expect((await queues.queue('alerts').getJobs(['delayed'])).filter((j) => j.data.alertId === held)).toHaveLength(1);
    expect(messagesWithAlert(dmChannelOf(lead), queued)).toHaveLength(1);
    await delayed!.remove();
  });

  it('honours a webhook receiver\'s Retry-After through the queue: the job is tried again after it, not after the 30-second back-off', async () => {
    const signalId = await signalIdOf('rewriting_lead', planted.rewritingLead.teamId, planted.rewritingLead.personId);
    const id = await insertAlert(signalId, 'webhook', 'webhook');
    const before = received.length;
    receiverAnswers.push({ status: 429, headers: { 'retry-after': '1' } });
    const started = performance.now();
    await enqueueDueAlerts(dataSource, queues, clock);
    await waitFor('the webhook alert sent after Retry-After', async () => ((await alertRows()).find((a) => a.id === id)?.status === 'sent' ? true : undefined), 20_000);
    expect(performance.now() - started).toBeGreaterThanOrEqual(900);
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(received.slice(before).map((r) => r.headers['webhook-id'])).toEqual([id, id]);
    expect(await attemptsOf(id)).toEqual([{ result: 'retry', error: 'webhook answered HTTP 429 (retry after 1 s)' }, { result: 'sent', error: null }]);
  });

  it('posts to a channel given by name (resolved to its id) once, and finds the post again in its history', async () => {
    const signalId = await signalIdOf('rewriting_lead', planted.rewritingLead.teamId, planted.rewritingLead.personId);
    const channelName = quietTeam.channels![0]!.replace(/^#/, '');
    const channel = slack.workspace.channels.find((c) => c.name === channelName)!;
    const id = await insertAlert(signalId, 'slack_channel', `#${channelName}`);
    const delivery = new CrashingDelivery(dataSource, queues, { slack: slackClient, clock, publicUrl: PUBLIC_URL, logger: silent });
    await expect(delivery.deliver(id, false)).rejects.toThrow('worker died');
    expect(await delivery.deliver(id, false)).toMatchObject({ kind: 'already_sent', slackChannel: channel.id });
    const posts = slack.workspace.messages[channel.id]!.filter((m) => m.metadata?.event_payload['alert_id'] === id);
    expect(posts).toHaveLength(1);
    expect(slack.posted.filter((p) => p.metadata?.event_payload['alert_id'] === id)).toEqual([expect.objectContaining({ channel: channel.id, channelId: channel.id })]);
  });

  it('never delivers one alert in two workers at once: while one holds it, another finds it taken and sends nothing', async () => {
    const signalId = await signalIdOf('rewriting_lead', planted.rewritingLead.teamId, planted.rewritingLead.personId);
    const lead = demo.orgFile.teams[2]!.leads[0]!;
    const id = await insertAlert(signalId, 'slack_dm', lead);
    const delivery = new AlertDeliveryService(dataSource, queues, { slack: slackClient, clock, publicUrl: PUBLIC_URL, logger: silent });
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.query(`SELECT id FROM alerts WHERE id = $1 FOR UPDATE`, [id]);
      expect(await delivery.deliver(id, false)).toEqual({ kind: 'nothing', reason: 'being delivered by another worker' });
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    expect(messagesWithAlert(dmChannelOf(lead), id)).toEqual([]);
    expect(await delivery.deliver(id, false)).toMatchObject({ kind: 'sent' });
    expect(messagesWithAlert(dmChannelOf(lead), id)).toHaveLength(1);
  });

  it('waits out Slack\'s Retry-After on the queue (not in the delivery), then delivers once', async () => {
    const signalId = await signalIdOf('rewriting_lead', planted.rewritingLead.teamId, planted.rewritingLead.personId);
    const lead = demo.orgFile.teams[4]!.leads[0]!;
    const id = await insertAlert(signalId, 'slack_dm', lead);
    // The next conversations.open passes, the one after is rate limited: spend the first here.
    slack.injectRateLimits({ method: 'conversations.open', everyNth: 2, retryAfterSeconds: 1 });
    await slackClient.conversations.open({ users: slackIdOf(lead) });
    const started = performance.now();
    try {
      await enqueueDueAlerts(dataSource, queues, clock);
      await waitFor('the alert sent after Slack\'s Retry-After', async () => ((await alertRows()).find((a) => a.id === id)?.status === 'sent' ? true : undefined), 20_000);
    } finally {
      slack.clearRateLimits();
    }
    expect(performance.now() - started).toBeGreaterThanOrEqual(900);
    expect(await attemptsOf(id)).toEqual([{ result: 'retry', error: 'Slack rate limited the app (retry after 1 s)' }, { result: 'sent', error: null }]);
    expect(messagesWithAlert(dmChannelOf(lead), id)).toHaveLength(1);
  });
  describe.each([
    { kind: 'http_500' as const, member: 0, what: 'Slack answers HTTP 500 to the post, then succeeds' },
    { kind: 'drop_before' as const, member: 1, what: 'the connection is dropped before Slack takes the post, then it succeeds' },
    { kind: 'drop_after' as const, member: 2, what: 'Slack takes the post and the connection is dropped before its answer, then it succeeds' },
  ])('a fault of Slack delivered through the queue: $what', ({ kind, member }) => {
    it('is retried by the queue (not by the Slack client), looks for the post first, and leaves exactly one message and the alert sent', async () => {
      const signalId = await signalIdOf('bottleneck_lead', planted.bottleneckLead.teamId, planted.bottleneckLead.personId);
      // A recipient of its own for each fault (any person with a Slack id will do for delivery).
      const lead = demo.orgFile.teams[5]!.members[member]!;
      const id = await insertAlert(signalId, 'slack_dm', lead);
      const postsBefore = slack.calls.filter((c) => c.method === 'chat.postMessage').length;
      slack.injectFault({ method: 'chat.postMessage', kind });
      await enqueueDueAlerts(dataSource, queues, clock);
      const row = await waitFor(`the alert sent after ${kind}`, async () => {
        const found = (await alertRows()).find((a) => a.id === id);
        return found && found.status !== 'queued' ? found : undefined;
      }, 20_000);
      // The fault happened: a post answered 500 or cut off, then (unless the cut-off one went out) one that went through.
      const posts = slack.calls.filter((c) => c.method === 'chat.postMessage').slice(postsBefore);
      expect(posts.map((c) => c.status)).toEqual(kind === 'drop_after' ? [0] : [kind === 'http_500' ? 500 : 0, 200]);
      const messages = messagesWithAlert(dmChannelOf(lead), id);
      expect(messages).toHaveLength(1);
      expect(row).toMatchObject({ status: 'sent', slackTs: messages[0]!.ts, attempts: 2 });
      const attempts = await attemptsOf(id);
      expect(attempts.map((a) => a.result)).toEqual(['retry', kind === 'drop_after' ? 'already_sent' : 'sent']);
      expect(attempts[0]!.error).toMatch(kind === 'http_500' ? /500/ : /request error occurred.*fetch failed/);
      // The second try read the conversation's history before posting (or instead of it).
      const dmCalls = slack.calls.filter((c) => c.params['channel'] === dmChannelOf(lead) && (c.method === 'conversations.history' || c.method === 'chat.postMessage'));
      expect(dmCalls.at(-1)!.method).toBe(kind === 'drop_after' ? 'conversations.history' : 'chat.postMessage');
    });
  });
  it('sends the weekly digest (alerts.digest) once per lead and week at the lead\'s local time (Slack time zone, else the organisation\'s): open signals first, review waiting from the team week, a link', async () => {
    const leads = demo.orgFile.teams.map((t) => ({ team: t, lead: t.leads[0]! }));
    const faraway = leads[0]!.lead; // its Slack time zone set to New York: 09:00 there is 15:00 in Berlin
    const slackUserOf = slackIdOf(faraway);
    const [{ tz: tzBefore }] = (await dataSource.query(`SELECT tz FROM slack_users WHERE id = $1`, [slackUserOf])) as { tz: string }[];
    await dataSource.query(`UPDATE slack_users SET tz = 'America/New_York' WHERE id = $1`, [slackUserOf]);
    await dataSource.query(`UPDATE organisation SET alerts = alerts || '{"digest": {"day": "monday", "time": "09:00"}}'::jsonb WHERE id = 1`);
    const digest = new WeeklyDigest(dataSource, queues, clock);
    const digestRows = () =>
      dataSource.query(`SELECT id, recipient, opened_week AS week, status FROM alerts WHERE signal_type = 'weekly_digest' ORDER BY recipient`) as Promise<{ id: string; recipient: string; week: string; status: string }[]>;
    const digestsTo = (lead: string) => slack.posted.filter((m) => m.channelId === dmChannelOf(lead) && m.text.startsWith('Your week'));
    try {
      // Monday 2026-11-16 08:30 in Berlin: not yet.
      clock.set('2026-11-16T07:30:00Z');
      expect(await digest.check()).toEqual({ written: 0, week: '2026-W46' });
      // 09:00 in Berlin: every lead but the one in New York, for the last completed week.
      clock.set('2026-11-16T08:00:00Z');
      expect(await digest.check()).toEqual({ written: leads.length - 1, week: '2026-W46' });
      const berlin = leads.filter((l) => l.lead !== faraway).map((l) => l.lead).sort();
      await waitFor('the digests sent', async () => {
        const rows = await digestRows();
        return rows.length === berlin.length && rows.every((r) => r.status === 'sent') ? rows : undefined;
      }, 20_000);
      expect((await digestRows()).map((r) => [r.recipient, r.week])).toEqual(berlin.map((l) => [l, '2026-W46']));
      const created = (await dataSource.query(`SELECT DISTINCT created_at AS "createdAt" FROM alerts WHERE signal_type = 'weekly_digest'`)) as { createdAt: Date }[];
      expect(created.map((r) => r.createdAt.toISOString())).toEqual(['2026-11-16T08:00:00.000Z']);
      // Checked again within the hour, and the hour after: nothing more.
      clock.set('2026-11-16T08:40:00Z');
      expect((await digest.check()).written).toBe(0);
      clock.set('2026-11-16T09:00:00Z');
      expect((await digest.check()).written).toBe(0);
      expect(digestsTo(faraway)).toEqual([]);
      // 09:00 in New York.
      clock.set('2026-11-16T14:00:00Z');
      expect((await digest.check()).written).toBe(1);
      await waitFor('the New York digest sent', async () => ((await digestRows()).find((r) => r.recipient === faraway)?.status === 'sent' ? true : undefined), 20_000);
      clock.set('2026-11-16T15:00:00Z');
      expect((await digest.check()).written).toBe(0);
      // Tuesday: not the digest's day.
      clock.set('2026-11-17T08:00:00Z');
      expect((await digest.check()).written).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (const { lead } of leads) {
        const messages = digestsTo(lead);
        expect(messages).toHaveLength(1);
        const row = (await digestRows()).find((r) => r.recipient === lead)!;
        expect(messages[0]!.metadata).toEqual({ event_type: 'undercurrent_alert', event_payload: { alert_id: row.id } });
      }

      // The quiet member's lead: the open signal first, then review waiting as the team report says, then the link.
      const quietLead = quietTeam.leads[0]!;
      const text = JSON.stringify(digestsTo(quietLead)[0]!.blocks);
      const report = await api<{ metrics: { waitingAtEnd: number } }>(`/api/teams/${quietTeam.id}/report?week=2026-W46`);
      expect(report.status).toBe(200);
      const person = demo.orgFile.people.find((p) => p.id === quiet.personId)!;
      const signalLine = text.indexOf(`Silent member: ${person.name}, since ${openedWeek}`);
      const waitingLine = text.indexOf(`Review waiting: ${report.body.metrics.waitingAtEnd} pull request`);
      const link = text.indexOf(`${PUBLIC_URL}/#/teams/${quietTeam.id}?week=2026-W46`);
      expect(signalLine).toBeGreaterThan(0);
      expect(waitingLine).toBeGreaterThan(signalLine);
      expect(link).toBeGreaterThan(waitingLine);
      // A team without open signals says so.
      const calmTeam = demo.orgFile.teams.find((t) => t.id === planted.holidayTeam.teamId)!;
      expect(JSON.stringify(digestsTo(calmTeam.leads[0]!)[0]!.blocks)).toContain('No open signals.');

      // The next Monday: the next week's digest, once.
      clock.set('2026-11-23T08:00:00Z');
      expect(await digest.check()).toEqual({ written: leads.length - 1, week: '2026-W47' });
      expect((await digest.check()).written).toBe(0);
      // Digests are not alerts about anyone: the API's list leaves them out.
      const listed = await api<AlertDto[]>('/api/alerts');
      expect(listed.body.some((a) => (a.signalType as string) === 'weekly_digest')).toBe(false);
    } finally {
      await dataSource.query(`UPDATE organisation SET alerts = alerts - 'digest' WHERE id = 1`);
      await dataSource.query(`UPDATE slack_users SET tz = $2 WHERE id = $1`, [slackUserOf, tzBefore]);
      clock.set(MONDAY_AFTER);
    }
  });

  it('runs the digest check from its job on the alerts queue, and does nothing without alerts.digest', async () => {
    clock.set('2026-11-30T08:00:00Z');
    try {
      // Without alerts.digest: nothing.
      expect(await new WeeklyDigest(dataSource, queues, clock).check()).toEqual({ written: 0, week: null });
      await dataSource.query(`UPDATE organisation SET alerts = alerts || '{"digest": {"day": "monday"}}'::jsonb WHERE id = 1`);
      await queues.enqueue('alerts.digest', {}, 'digest-check-test');
      // The time defaults to 09:00: Monday 09:00 in Berlin, every lead for 2026-W48, delivered.
      await waitFor('the digests written by the job and sent', async () => {
        const rows = (await dataSource.query(`SELECT status FROM alerts WHERE signal_type = 'weekly_digest' AND opened_week = '2026-W48'`)) as { status: string }[];
        return rows.length === demo.orgFile.teams.length && rows.every((r) => r.status === 'sent') ? true : undefined;
      }, 20_000);
    } finally {
      await dataSource.query(`UPDATE organisation SET alerts = alerts - 'digest' WHERE id = 1`);
      clock.set(MONDAY_AFTER);
    }
  });
});
