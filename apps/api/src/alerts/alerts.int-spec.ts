import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlertDeliveryService, AlertsOutbox, AlertsProcessor, type DeliveryOutcome } from '@undercurrent/alerts';
import { AnalysisProcessor, AnalysisRunsRepository, AnalysisRunsService, AnalysisService, SignalsRepository } from '@undercurrent/analysis';
import { ManualClock } from '@undercurrent/clock';
import type { AnalysisRunDto } from '@undercurrent/contracts';
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
import { Webhook } from 'standardwebhooks';
import type { DataSource } from 'typeorm';

const GITHUB_TOKEN = 'ghp_alerts_test_token';
const SLACK_TOKEN = 'xoxb-alerts-test-token';
const WEBHOOK_SECRET = `whsec_${Buffer.from('a-webhook-secret-of-32-bytes-ok!').toString('base64')}`;
const PUBLIC_URL = 'https://undercurrent.example.com';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A delivery that "dies" once right after Slack accepted the message, before it is recorded. */
class CrashingDelivery extends AlertDeliveryService {
  crashes = 1;
  protected override async recordDelivered(alertId: string, outcome: Extract<DeliveryOutcome, { kind: 'sent' | 'already_sent' }>, at: Date): Promise<void> {
    if (this.crashes > 0) {
      this.crashes--;
      throw new Error('worker died after Slack accepted the message');
    }
    await super.recordDelivered(alertId, outcome, at);
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
  const messagesWithAlert = (channelId: string, alertId: string) => slack.directMessages(channelId).filter((m) => m.metadata?.event_payload['alert_id'] === alertId);

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(204).end();
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
    const alerts = new AlertsProcessor(new AlertDeliveryService(dataSource, queues, { slack: slackClient, clock, publicUrl: PUBLIC_URL, logger: silent }));
    workers = new QueueWorkers(() => createRedisConnection(TEST_REDIS_URL, 'worker'), prefix);
    workers.start({ ...sync.handlers(), ...analysis.handlers(), ...alerts.handlers(), 'events.slack': async () => undefined });

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
});
