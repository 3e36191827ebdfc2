import { ManualClock } from '@undercurrent/clock';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '@undercurrent/logger';
import { GithubStoreRepository } from '@undercurrent/github';
import { OrgStoreRepository } from '@undercurrent/org';
import { createRedisConnection, JobQueues, QueueWorkers } from '@undercurrent/queues';
import {
  createSlackClient,
  importSlackExport,
  SlackExportError,
  SlackParticipationRepository,
  SlackStoreRepository,
  SlackSyncService,
} from '@undercurrent/slack';
import {
  deleteQueueKeys,
  expectedParticipation,
  FakeSlackServer,
  generateOrgFile,
  generateSlackWorkspace,
  openTestDataSource,
  orgFileYaml,
  REPO_ROOT,
  SLACK_NOISE,
  TEST_REDIS_URL,
  uniqueQueuePrefix,
  waitFor,
  writeSlackExport,
  writeSlackExportFromEntries,
  type OrgFileData,
  type SlackWorkspaceFixture,
} from '@undercurrent/testing';
import type { SyncRunDto } from '@undercurrent/contracts';
import IORedis from 'ioredis';
import type { DataSource } from 'typeorm';
import yauzl from 'yauzl';
import { SyncRunProcessor } from './sync-run.processor';
import { SyncRunsRepository } from './sync-runs.repository';
import { SyncRunsService } from './sync-runs.service';
import { SyncTasksRepository } from './sync-tasks.repository';

const TOKEN = 'xoxb-fake-slack-token-for-tests';
const SLACK_TABLES = ['slack_users', 'slack_channels', 'slack_messages', 'people', 'identities'];

/** An organisation whose people are the workspace's humans, tracking the channels the app is in. */
function organisation(seed: number): { org: OrgFileData; ws: SlackWorkspaceFixture } {
  const org = generateOrgFile({ people: 14, teams: 2, seed });
  // The generator adds its own noise channels (not a member, private, archived).
  const channels = ['payments-dev', 'web-dev', 'general'];
  const ws = generateSlackWorkspace({ seed, people: org.people, channels, weeks: 10, endDate: '2026-11-13', canary: 'CANARY-d41d8cd9' });
  const tracked = ws.channels.filter((c) => c.is_member).map((c) => `#${c.name}`);
  org.slack = { channels: tracked };
  org.teams.forEach((t) => (t.channels = []));
  // One person is matched by email only: the file does not give their Slack id.
  delete org.people[3]!.slack;
  return { org, ws };
}

/** The worker's wiring, in this process: real queues, the real WebClient against the fake server. */
class Harness {
  /** The product clock: the Monday after the workspace's last day (the look-back counts from it). */
  readonly clock = new ManualClock('2026-11-16T09:00:00Z');
  server!: FakeSlackServer;
  dataSource!: DataSource;
  runs!: SyncRunsRepository;
  service!: SyncRunsService;
  logs = '';
  private closeDb!: () => Promise<void>;
  private queues!: JobQueues;
  private workers!: QueueWorkers;
  private prefix = uniqueQueuePrefix();
  orgFile = join(mkdtempSync(join(tmpdir(), 'uc-slack-')), 'org.yaml');

  async start(org: OrgFileData, ws: SlackWorkspaceFixture): Promise<this> {
    writeFileSync(this.orgFile, orgFileYaml(org));
    this.server = new FakeSlackServer(ws, { token: TOKEN });
    const base = await this.server.start();
    ({ dataSource: this.dataSource, close: this.closeDb } = await openTestDataSource());
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => ((this.logs += chunk.toString()), done()) });
    const logger: Logger = createLogger({ level: 'trace', name: 'test' }, sink);
    this.queues = new JobQueues(createRedisConnection(TEST_REDIS_URL, 'producer'), this.prefix);
    this.runs = new SyncRunsRepository(this.dataSource);
    this.service = new SyncRunsService(this.runs, this.queues);
    const slackStore = new SlackStoreRepository(this.dataSource);
    const processor = new SyncRunProcessor(
      this.runs,
      new SyncTasksRepository(this.dataSource),
      new OrgStoreRepository(this.dataSource),
      this.queues,
      { slackClient: createSlackClient({ token: TOKEN, apiUrl: `${base}/api/`, logger, maxRetryTimeoutMs: 2_000 }), slack: new SlackSyncService(this.dataSource, slackStore), githubClient: undefined, githubStore: new GithubStoreRepository(this.dataSource) },
      this.orgFile,
      logger,
      this.clock,
    );
    this.workers = new QueueWorkers(() => createRedisConnection(TEST_REDIS_URL, 'worker'), this.prefix);
    this.workers.start({
      'maintenance.reconcile': async () => undefined,
      // This test runs no analysis.
      'analysis.run': async () => undefined,
      'analysis.scheduled': async () => undefined,
      ...processor.handlers(),
      'alerts.deliver': async () => undefined, 'alerts.digest': async () => undefined,
      'events.slack': (job) => slackStore.applyEvent(job.data.eventId, job.data.eventType, job.data.change),
    });
    return this;
  }

  async sync(): Promise<SyncRunDto> {
    const { id } = await this.service.request({ requestedBy: 'test' });
    return waitFor(`sync run ${id}`, async () => {
      const run = await this.runs.get(id);
      return run && (run.state === 'completed' || run.state === 'failed') ? run : undefined;
    }, 90_000);
  }

  /** Every value of every job Redis holds for this test's queues. */
  async redisContents(): Promise<string> {
    const redis = new IORedis(TEST_REDIS_URL);
    let all = '';
    for (const key of await redis.keys(`${this.prefix}:*`)) {
      const type = await redis.type(key);
      if (type === 'hash') all += JSON.stringify(await redis.hgetall(key));
      else if (type === 'string') all += await redis.get(key);
      else if (type === 'list') all += (await redis.lrange(key, 0, -1)).join();
    }
    redis.disconnect();
    return all;
  }

  async stop(): Promise<void> {
    await this.workers?.close();
    await this.queues?.close();
    await deleteQueueKeys(this.prefix);
    await this.server?.stop();
    await this.closeDb?.();
  }
}

/**
 * Rows of the Slack tables and people: with their row versions (to see that nothing was written
 * in one database), or without anything a database sets itself (to compare two databases).
 */
async function snapshot(dataSource: DataSource, withVersions: boolean): Promise<Record<string, unknown[]>> {
  const result: Record<string, unknown[]> = {};
  for (const table of SLACK_TABLES) {
    const columns = withVersions
      ? 'xmin::text AS version, t.*'
      : table === 'people'
        ? 't.id, t.name, t.email, t.source, t.archived_at'
        : table === 'identities'
          ? 't.person_id, t.kind, t.value, t.source'
          : 't.*';
    result[table] = (await dataSource.query(`SELECT ${columns} FROM ${table} t ORDER BY 1, 2, 3`)) as unknown[];
  }
  return result;
}

async function messageRows(dataSource: DataSource, channelIds: string[]): Promise<unknown[]> {
  return (await dataSource.query(
    `SELECT channel_id, ts, user_id, bot_id, posted_at, thread_ts, reply_count, latest_reply_ts, subtype, reaction_count, deleted_at
     FROM slack_messages WHERE channel_id = ANY($1) ORDER BY channel_id, ts`,
    [channelIds],
  )) as unknown[];
}

describe('Slack sync through the queue against a fake Slack', () => {
  const { org, ws } = organisation(21);
  let h: Harness;
  let first: SyncRunDto;

  beforeAll(async () => {
    h = await new Harness().start(org, ws);
    first = await h.sync();
  });
  afterAll(() => h.stop());

  it('completes, with one task per tracked channel', async () => {
    expect(first.error).toBeNull();
    expect(first.state).toBe('completed');
    expect(first.sources).toEqual(['slack']);
    const tasks = (await h.dataSource.query(`SELECT label, state FROM sync_tasks ORDER BY label`)) as unknown[];
    expect(tasks).toEqual(ws.channels.filter((c) => c.is_member).map((c) => ({ label: `#${c.name}`, state: 'completed' })).sort((a, b) => a.label.localeCompare(b.label)));
  });

  it('stores exactly the messages, replies and threads of every person in every channel', async () => {
    const stored = await new SlackParticipationRepository(h.dataSource).byUserAndChannel();
    const expected = [...expectedParticipation(ws)].map(([key, counts]) => {
      const [userId, channelId] = key.split('|');
      return { userId, channelId, ...counts };
    });
    expect(expected.length).toBeGreaterThan(20);
    expect(stored).toEqual(expected.sort((a, b) => a.userId!.localeCompare(b.userId!) || a.channelId!.localeCompare(b.channelId!)));
  });

  it('stores every message of the tracked channels, joins and bot posts included, once', async () => {
    const member = ws.channels.filter((c) => c.is_member).map((c) => c.id);
    const [count] = (await h.dataSource.query(`SELECT count(*)::int AS n FROM slack_messages`)) as { n: number }[];
    expect(count!.n).toBe(member.reduce((sum, id) => sum + ws.messages[id]!.length, 0));
  });

  it('matches Slack users to people by id, then by email, and lists other humans as unassigned', async () => {
    const byEmail = org.people[3]!;
    const rows = (await h.dataSource.query(`SELECT person_id, source FROM identities WHERE kind = 'slack' AND value = $1`, [ws.users.find((u) => u.profile.email === byEmail.email)!.id])) as unknown[];
    expect(rows).toEqual([{ person_id: byEmail.id, source: 'discovered' }]);
    const unassigned = (await h.dataSource.query(`SELECT name FROM people WHERE source = 'discovered' ORDER BY name`)) as { name: string }[];
    const names = unassigned.map((u) => u.name);
    expect(names).toEqual(expect.arrayContaining([expect.stringMatching(/kim/i), expect.stringMatching(/lee/i)]));
    const bots = ws.users.filter((u) => u.is_bot).map((u) => `slack:${u.id}`);
    const botPeople = (await h.dataSource.query(`SELECT id FROM people WHERE id = ANY($1)`, [bots])) as unknown[];
    expect(botPeople).toEqual([]);
  });

  it('changes no row on a second sync, and reads only what is new', async () => {
    const before = await snapshot(h.dataSource, true);
    const calls = h.server.calls.length;
    const second = await h.sync();
    expect(second.state).toBe('completed');
    expect(second.counts['slackRowsWritten']).toBe(0);
    expect(await snapshot(h.dataSource, true)).toEqual(before);
    const replies = h.server.calls.slice(calls).filter((c) => c.method === 'conversations.replies');
    expect(replies).toEqual([]);
  });

  it('picks up a new message and a new reply to an older thread on the next sync', async () => {
    const channel = ws.channels.find((c) => c.is_member && !c.is_archived && ws.messages[c.id]!.some((m) => (m.reply_count ?? 0) > 0))!;
    const parent = ws.messages[channel.id]!.filter((m) => m.thread_ts === m.ts && (m.reply_count ?? 0) > 0).at(-1)!;
    const author = ws.users.find((u) => !u.is_bot && !u.deleted && channel.members.includes(u.id))!;
    // 2026-11-13 20:20 UTC: after the workspace's last message, within the thread look-back.
    h.server.addMessage(channel.id, { type: 'message', ts: '1794600000.000100', user: author.id, text: 'late reply CANARY-d41d8cd9', thread_ts: parent.ts });
    h.server.addMessage(channel.id, { type: 'message', ts: '1794600100.000200', user: author.id, text: 'new message CANARY-d41d8cd9' });
    const run = await h.sync();
    expect(run.state).toBe('completed');
    const [stored] = (await h.dataSource.query(`SELECT reply_count FROM slack_messages WHERE channel_id = $1 AND ts = $2`, [channel.id, parent.ts])) as { reply_count: number }[];
    expect(stored!.reply_count).toBe((parent.reply_count ?? 0) + 1);
    const added = (await h.dataSource.query(`SELECT ts FROM slack_messages WHERE ts IN ('1794600000.000100', '1794600100.000200') ORDER BY ts`)) as unknown[];
    expect(added).toEqual([{ ts: '1794600000.000100' }, { ts: '1794600100.000200' }]);
  });

  it('keeps no message text anywhere: tables, logs, queue payloads, after a sync and an import', async () => {
    const zip = join(mkdtempSync(join(tmpdir(), 'uc-export-')), 'export.zip');
    await writeSlackExport(h.server.workspace, zip);
    await importSlackExport(zip, new SlackStoreRepository(h.dataSource));
    const columns = (await h.dataSource.query(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY')`,
    )) as { table_name: string; column_name: string }[];
    expect(columns.length).toBeGreaterThan(30);
    const hits: string[] = [];
    for (const { table_name: table, column_name: column } of columns) {
      const [row] = (await h.dataSource.query(`SELECT count(*)::int AS n FROM "${table}" WHERE "${column}"::text LIKE '%CANARY-d41d8cd9%'`)) as { n: number }[];
      if (row!.n > 0) hits.push(`${table}.${column}`);
    }
    expect(hits).toEqual([]);
    expect(h.logs.length).toBeGreaterThan(1000); // trace-level logs were written
    expect(h.logs).not.toContain('CANARY-d41d8cd9');
    expect(await h.redisContents()).not.toContain('CANARY-d41d8cd9');
  });
});

describe('Slack sync with rate limits injected', () => {
  it('stores exactly what a sync without them stores', async () => {
    const { org, ws } = organisation(5);
    const clean = await new Harness().start(org, ws);
    const limited = await new Harness().start(org, ws);
    try {
      expect((await clean.sync()).state).toBe('completed');
      limited.server.injectRateLimits({ method: 'conversations.history', everyNth: 5, retryAfterSeconds: 1 });
      limited.server.injectRateLimits({ method: 'conversations.replies', everyNth: 15, retryAfterSeconds: 1 });
      const run = await limited.sync();
      expect(run.state).toBe('completed');
      expect(limited.server.calls.filter((c) => c.status === 429).length).toBeGreaterThan(2);
      expect(await snapshot(limited.dataSource, false)).toEqual(await snapshot(clean.dataSource, false));
    } finally {
      await clean.stop();
      await limited.stop();
    }
  });
});

describe('Slack sync failures', () => {
  it('fails the run at once on a revoked token, with what to do, without retrying', async () => {
    const { org, ws } = organisation(8);
    const h = await new Harness().start(org, ws);
    try {
      h.server.revokeToken();
      const run = await h.sync();
      expect(run.state).toBe('failed');
      expect(run.error).toBe('Slack token revoked or invalid (invalid_auth): reconnect the Slack app and update SLACK_BOT_TOKEN');
      expect(h.server.calls.filter((c) => c.method === 'users.list')).toHaveLength(1);
    } finally {
      await h.stop();
    }
  });

  it('fails a channel the app is not in, and the run with it, naming the channel; other channels are stored', async () => {
    const { org, ws } = organisation(9);
    const outside = ws.channels.find((c) => !c.is_member)!;
    expect(outside.name).toContain(SLACK_NOISE.notMemberChannel);
    org.slack!.channels = [...org.slack!.channels!, `#${outside.name}`, '#no-such-channel'];
    const h = await new Harness().start(org, ws);
    try {
      const run = await h.sync();
      expect(run.state).toBe('failed');
      expect(run.error).toContain(`#${outside.name}: the Slack app is not a member (not_in_channel): invite it to the channel`);
      expect(run.error).toContain('#no-such-channel: channel not found in the Slack workspace (channel_not_found)');
      const history = h.server.calls.filter((c) => c.method === 'conversations.history' && c.params['channel'] === outside.id);
      expect(history).toHaveLength(1); // not retried
      const [stored] = (await h.dataSource.query(`SELECT count(*)::int AS n FROM slack_messages`)) as { n: number }[];
      expect(stored!.n).toBeGreaterThan(100);
    } finally {
      await h.stop();
    }
  });
});

describe('Slack export import', () => {
  it('stores the same rows as the API sync of the same workspace', async () => {
    const { org, ws } = organisation(13);
    const api = await new Harness().start(org, ws);
    const imported = await openTestDataSource();
    try {
      expect((await api.sync()).state).toBe('completed');
      const zip = join(mkdtempSync(join(tmpdir(), 'uc-export-')), 'export.zip');
      await writeSlackExport(ws, zip);
      const result = await importSlackExport(zip, new SlackStoreRepository(imported.dataSource));
      expect(result.skippedFolders).toEqual([]);
      // An export holds the public channels; the API sync read the channels the app is in.
      const both = ws.channels.filter((c) => c.is_member && !c.is_private).map((c) => c.id);
      expect(both.length).toBeGreaterThan(1);
      expect(await messageRows(imported.dataSource, both)).toEqual(await messageRows(api.dataSource, both));
      const users = 'SELECT id, name, real_name, email, tz, is_bot, deleted FROM slack_users ORDER BY id';
      expect(await imported.dataSource.query(users)).toEqual(await api.dataSource.query(users));
      // Importing again changes nothing.
      const before = await snapshot(imported.dataSource, true);
      expect((await importSlackExport(zip, new SlackStoreRepository(imported.dataSource))).rowsWritten).toBe(0);
      expect(await snapshot(imported.dataSource, true)).toEqual(before);
    } finally {
      await api.stop();
      await imported.close();
    }
  });

  it('imports the real test archive with the right count per user and per local day', async () => {
    const zipPath = join(REPO_ROOT, 'test/fixtures/slack-export/testarchive.zip');
    // The expectation comes from the archive's own files: a day file holds that local day.
    const perFile = await dayFileCounts(zipPath);
    const { dataSource, close } = await openTestDataSource();
    try {
      const result = await importSlackExport(zipPath, new SlackStoreRepository(dataSource));
      expect(result).toMatchObject({ users: 4, channels: 2, messages: 158, dayFiles: 17 });
      const stored = (await dataSource.query(
        `SELECT c.name AS channel, to_char(m.posted_at AT TIME ZONE 'America/Los_Angeles', 'YYYY-MM-DD') AS day, COALESCE(m.user_id, '-') AS user_id, count(*)::int AS n
         FROM slack_messages m JOIN slack_channels c ON c.id = m.channel_id
         GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      )) as { channel: string; day: string; user_id: string; n: number }[];
      expect(stored).toEqual(perFile);
      const perUser = (await dataSource.query(`SELECT user_id, count(*)::int AS n FROM slack_messages WHERE user_id IS NOT NULL GROUP BY 1 ORDER BY 1`)) as unknown[];
      const expectedPerUser = new Map<string, number>();
      for (const row of perFile) if (row.user_id !== '-') expectedPerUser.set(row.user_id, (expectedPerUser.get(row.user_id) ?? 0) + row.n);
      expect(perUser).toEqual([...expectedPerUser].sort(([a], [b]) => a.localeCompare(b)).map(([user_id, n]) => ({ user_id, n })));
    } finally {
      await close();
    }
  });

  it('reports a malformed file by its path in the zip and keeps nothing of the export', async () => {
    const zip = join(mkdtempSync(join(tmpdir(), 'uc-export-')), 'broken.zip');
    await writeSlackExportFromEntries(
      {
        'users.json': JSON.stringify([{ id: 'U1', name: 'a', profile: {} }]),
        'channels.json': JSON.stringify([{ id: 'C1', name: 'general' }]),
        'general/2026-01-05.json': JSON.stringify([{ type: 'message', user: 'U1', text: 'hi', ts: '1767600000.000100' }]),
        'general/2026-01-06.json': '[{"type": "message", "user": "U1", "ts": ',
      },
      zip,
    );
    const { dataSource, close } = await openTestDataSource();
    try {
      await expect(importSlackExport(zip, new SlackStoreRepository(dataSource))).rejects.toThrow(SlackExportError);
      await expect(importSlackExport(zip, new SlackStoreRepository(dataSource))).rejects.toThrow(/^general\/2026-01-06\.json: not valid JSON/);
      for (const table of ['slack_users', 'slack_channels', 'slack_messages']) {
        expect(await dataSource.query(`SELECT count(*)::int AS n FROM ${table}`)).toEqual([{ n: 0 }]);
      }
    } finally {
      await close();
    }
  });

  it('names the field of a message that is not a message', async () => {
    const zip = join(mkdtempSync(join(tmpdir(), 'uc-export-')), 'bad-ts.zip');
    await writeSlackExportFromEntries(
      { 'users.json': '[]', 'channels.json': JSON.stringify([{ id: 'C1', name: 'general' }]), 'general/2026-01-05.json': JSON.stringify([{ type: 'message', user: 'U1', ts: 'yesterday' }]) },
      zip,
    );
    const { dataSource, close } = await openTestDataSource();
    try {
      await expect(importSlackExport(zip, new SlackStoreRepository(dataSource))).rejects.toThrow('general/2026-01-05.json: [0].ts: must be a Slack timestamp');
    } finally {
      await close();
    }
  });
});

/** Messages per channel, day file and user, read straight from the archive. */
async function dayFileCounts(zipPath: string): Promise<{ channel: string; day: string; user_id: string; n: number }[]> {
  const zip = await new Promise<yauzl.ZipFile>((ok, fail) => yauzl.open(zipPath, { lazyEntries: true }, (e, z) => (e ? fail(e) : ok(z))));
  const rows: { channel: string; day: string; user_id: string; n: number }[] = [];
  await new Promise<void>((done, fail) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      const match = /^([^/]+)\/(\d{4}-\d{2}-\d{2})\.json$/.exec(entry.fileName);
      if (!match) return zip.readEntry();
      zip.openReadStream(entry, (error, stream) => {
        if (error) return fail(error);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const counts = new Map<string, number>();
          for (const m of JSON.parse(Buffer.concat(chunks).toString()) as { user?: string }[]) counts.set(m.user ?? '-', (counts.get(m.user ?? '-') ?? 0) + 1);
          for (const [user_id, n] of counts) rows.push({ channel: match[1]!, day: match[2]!, user_id, n });
          zip.readEntry();
        });
      });
    });
    zip.on('end', done);
    zip.readEntry();
  });
  return rows.sort((a, b) => a.channel.localeCompare(b.channel) || a.day.localeCompare(b.day) || a.user_id.localeCompare(b.user_id));
}
