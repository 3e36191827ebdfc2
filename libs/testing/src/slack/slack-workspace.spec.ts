import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPromise } from 'yauzl';
import { writeSlackExport, writeSlackExportFromEntries } from './slack-export-writer';
import {
  compareSlackTs,
  expectedParticipation,
  generateSlackWorkspace,
  slackTsToMillis,
  type GenerateSlackWorkspaceOptions,
  type SlackMessageFixture,
  type SlackWorkspaceFixture,
} from './slack-workspace';

const PEOPLE = [
  { id: 'alice', email: 'alice@example.com', slack: ['U0ALICE001'] },
  { id: 'bob', email: 'bob@example.com', slack: ['U0BOB00001', 'U0BOB00002'] },
  { id: 'carol', email: 'carol@example.com' },
  { id: 'dave', slack: ['U0DAVE0001'] },
  { id: 'erin', email: 'erin@example.com', slack: ['U0ERIN0001'] },
  { id: 'frank', email: 'frank@example.com', slack: ['U0FRANK001'] },
];
const CANARY = 'CANARY-7f3a9c';
const OPTIONS: GenerateSlackWorkspaceOptions = {
  seed: 42,
  people: PEOPLE,
  channels: ['payments-dev', 'platform'],
  weeks: 8,
  endDate: '2026-03-13',
  canary: CANARY,
};

function allMessages(ws: SlackWorkspaceFixture): { channelId: string; message: SlackMessageFixture }[] {
  return Object.entries(ws.messages).flatMap(([channelId, list]) => list.map((message) => ({ channelId, message })));
}

function isReply(m: SlackMessageFixture): boolean {
  return m.thread_ts !== undefined && m.thread_ts !== m.ts;
}

/** Local weekday (0 = Sunday) and hour of a ts, computed independently of the code under test. */
function localWeekdayHour(ts: string, timeZone: string): { weekday: number; hour: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: 'numeric', hourCycle: 'h23' }).formatToParts(new Date(slackTsToMillis(ts)));
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.find((p) => p.type === 'weekday')!.value);
  return { weekday, hour: Number(parts.find((p) => p.type === 'hour')!.value) };
}

async function readZip(path: string): Promise<Map<string, string>> {
  const zip = await openPromise(path);
  const files = new Map<string, string>();
  for await (const entry of zip.eachEntry()) {
    if (entry.fileName.endsWith('/')) {
      files.set(entry.fileName, '');
      continue;
    }
    const stream = await zip.openReadStreamPromise(entry);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    files.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
  }
  return files;
}

describe('generateSlackWorkspace', () => {
  const ws = generateSlackWorkspace(OPTIONS);

  it('is deterministic for a seed and differs between seeds', () => {
    expect(JSON.stringify(generateSlackWorkspace(OPTIONS))).toBe(JSON.stringify(ws));
    expect(JSON.stringify(generateSlackWorkspace({ ...OPTIONS, seed: 43 }))).not.toBe(JSON.stringify(ws));
  });

  it('uses the people’s first Slack id and email, and adds bots, a deleted user and unassigned humans', () => {
    const byId = new Map(ws.users.map((u) => [u.id, u]));
    expect(byId.get('U0ALICE001')?.profile.email).toBe('alice@example.com');
    expect(byId.get('U0BOB00001')?.profile.email).toBe('bob@example.com');
    expect(byId.has('U0BOB00002')).toBe(false);
    expect(byId.get('U0DAVE0001')?.profile.email).toBeUndefined();
    expect(ws.users.find((u) => u.profile.email === 'carol@example.com')?.id).toMatch(/^U[A-Z0-9]{10}$/);

    const bots = ws.users.filter((u) => u.is_bot);
    expect(bots).toHaveLength(2);
    expect(bots.filter((b) => b.profile.bot_id !== undefined)).toHaveLength(1);
    expect(ws.users.filter((u) => u.deleted && !u.is_bot)).toHaveLength(1);

    const peopleIds = new Set(ws.users.slice(0, PEOPLE.length).map((u) => u.id));
    const unassigned = ws.users.filter((u) => !u.is_bot && !u.deleted && !peopleIds.has(u.id));
    expect(unassigned).toHaveLength(2);
    expect(unassigned.filter((u) => u.profile.email !== undefined)).toHaveLength(1);
    expect(new Set(ws.users.map((u) => u.id)).size).toBe(ws.users.length);
  });

  it('has an archived channel, a channel the bot is not in, and members who include every poster', () => {
    expect(ws.channels.filter((c) => c.is_archived)).toHaveLength(1);
    expect(ws.channels.filter((c) => !c.is_member)).toHaveLength(1);
    expect(ws.channels.filter((c) => ['payments-dev', 'platform'].includes(c.name)).every((c) => c.is_member && !c.is_archived && !c.is_private)).toBe(true);
    for (const channel of ws.channels) {
      for (const m of ws.messages[channel.id]!) if (m.user) expect(channel.members).toContain(m.user);
    }
  });

  it('puts the canary in every message text', () => {
    const messages = allMessages(ws);
    expect(messages.length).toBeGreaterThan(200);
    expect(messages.filter(({ message }) => !message.text.includes(CANARY))).toEqual([]);
  });

  it('has unique ascending Slack-formatted ts per channel, none after endDate', () => {
    const end = Date.parse('2026-03-14T00:00:00Z');
    const start = Date.parse('2026-03-13T00:00:00Z') - (8 * 7 - 1) * 86_400_000 - 86_400_000;
    for (const list of Object.values(ws.messages)) {
      for (let i = 0; i < list.length; i++) {
        const m = list[i]!;
        expect(m.ts).toMatch(/^\d{10}\.\d{6}$/);
        expect(slackTsToMillis(m.ts)).toBeLessThan(end);
        expect(slackTsToMillis(m.ts)).toBeGreaterThan(start);
        if (m.edited) expect(slackTsToMillis(m.edited.ts)).toBeLessThan(end);
        if (i > 0) expect(compareSlackTs(list[i - 1]!.ts, m.ts)).toBe(-1);
      }
    }
  });

  it.each(['Europe/Berlin', 'America/Los_Angeles', 'Asia/Tokyo'])('places top-level human messages on working days and hours in %s', (timezone) => {
    const zoned = generateSlackWorkspace({ ...OPTIONS, timezone, weeks: 3 });
    const humans = new Set(zoned.users.filter((u) => !u.is_bot).map((u) => u.id));
    const posts = allMessages(zoned).filter(({ message: m }) => m.user && humans.has(m.user) && m.subtype === undefined && !isReply(m));
    expect(posts.length).toBeGreaterThan(50);
    for (const { message } of posts) {
      const { weekday, hour } = localWeekdayHour(message.ts, timezone);
      expect(weekday).toBeGreaterThanOrEqual(1);
      expect(weekday).toBeLessThanOrEqual(5);
      expect(hour).toBeGreaterThanOrEqual(9);
      expect(hour).toBeLessThan(18);
    }
  });

  it('sets thread fields on parents exactly from their replies', () => {
    let threads = 0;
    let topLevel = 0;
    for (const list of Object.values(ws.messages)) {
      const byTs = new Map(list.map((m) => [m.ts, m]));
      for (const m of list) {
        if (isReply(m)) {
          const parent = byTs.get(m.thread_ts!);
          expect(parent).toBeDefined();
          expect(compareSlackTs(parent!.ts, m.ts)).toBe(-1);
          continue;
        }
        if (m.user && m.subtype === undefined) topLevel++;
        if (m.reply_count === undefined) {
          expect(m.thread_ts).toBeUndefined();
          continue;
        }
        threads++;
        const replies = list.filter((r) => r.thread_ts === m.ts && r.ts !== m.ts);
        const users = [...new Set(replies.map((r) => r.user!))];
        expect(m.thread_ts).toBe(m.ts);
        expect(m.reply_count).toBe(replies.length);
        expect(replies.length).toBeGreaterThanOrEqual(1);
        expect(replies.length).toBeLessThanOrEqual(6);
        expect(m.reply_users_count).toBe(users.length);
        expect(m.reply_users).toEqual(users);
        expect(m.latest_reply).toBe(replies[replies.length - 1]!.ts);
      }
    }
    expect(threads / topLevel).toBeGreaterThan(0.08);
    expect(threads / topLevel).toBeLessThan(0.25);
  });

  it('contains the noise a sync must handle', () => {
    const messages = allMessages(ws).map((x) => x.message);
    const subtypes = new Set(messages.map((m) => m.subtype));
    for (const subtype of ['channel_join', 'bot_message', 'thread_broadcast']) expect(subtypes).toContain(subtype);
    expect(messages.filter((m) => m.subtype === 'bot_message').every((m) => m.bot_id && !m.user)).toBe(true);
    expect(messages.filter((m) => m.subtype === 'thread_broadcast').every(isReply)).toBe(true);
    const reacted = messages.filter((m) => m.reactions).length / messages.length;
    expect(reacted).toBeGreaterThan(0.1);
    expect(reacted).toBeLessThan(0.3);
    expect(messages.some((m) => m.edited)).toBe(true);
    expect(messages.filter((m) => m.reactions).every((m) => m.reactions!.every((r) => r.count === r.users.length))).toBe(true);
  });
});

describe('expectedParticipation', () => {
  const ws: SlackWorkspaceFixture = {
    team: { id: 'T1', name: 'Acme', domain: 'acme' },
    timezone: 'Europe/Berlin',
    users: [
      { id: 'UA', team_id: 'T1', name: 'a', real_name: 'A', deleted: false, is_bot: false, tz: 'UTC', profile: { real_name: 'A', display_name: 'a' } },
      { id: 'UD', team_id: 'T1', name: 'd', real_name: 'D', deleted: true, is_bot: false, tz: 'UTC', profile: { real_name: 'D', display_name: 'd' } },
      { id: 'UBOT', team_id: 'T1', name: 'bot', real_name: 'Bot', deleted: false, is_bot: true, tz: 'UTC', profile: { real_name: 'Bot', display_name: 'bot', bot_id: 'B1' } },
    ],
    channels: [
      { id: 'C1', name: 'one', is_private: false, is_archived: false, is_member: true, created: 1, creator: 'UA', members: ['UA', 'UD', 'UBOT'] },
      { id: 'C2', name: 'two', is_private: false, is_archived: false, is_member: false, created: 1, creator: 'UA', members: ['UA'] },
    ],
    messages: {
      C1: [
        { type: 'message', ts: '1700000000.000001', user: 'UA', subtype: 'channel_join', text: 'joined' },
        { type: 'message', ts: '1700000001.000001', user: 'UA', text: 'thread', thread_ts: '1700000001.000001', reply_count: 2, reply_users_count: 2, latest_reply: '1700000003.000001', reply_users: ['UD', 'UA'] },
        { type: 'message', ts: '1700000002.000001', user: 'UD', text: 'reply', thread_ts: '1700000001.000001' },
        { type: 'message', ts: '1700000003.000001', user: 'UA', subtype: 'thread_broadcast', text: 'broadcast', thread_ts: '1700000001.000001' },
        { type: 'message', ts: '1700000004.000001', user: 'UA', subtype: 'file_share', text: 'file' },
        { type: 'message', ts: '1700000005.000001', user: 'UA', subtype: 'me_message', text: 'me' },
        { type: 'message', ts: '1700000006.000001', user: 'UA', subtype: 'channel_topic', text: 'topic' },
        { type: 'message', ts: '1700000007.000001', bot_id: 'B1', subtype: 'bot_message', text: 'bot' },
        { type: 'message', ts: '1700000008.000001', user: 'UBOT', bot_id: 'B1', text: 'app' },
        { type: 'message', ts: '1700000009.000001', user: 'UD', text: 'plain' },
      ],
      C2: [{ type: 'message', ts: '1700000000.000001', user: 'UA', text: 'unreadable' }],
    },
  };

  it('counts messages, replies and threads started by humans in readable channels only', () => {
    expect(Object.fromEntries(expectedParticipation(ws))).toEqual({
      'UA|C1': { messages: 3, replies: 1, threadsStarted: 1 },
      'UD|C1': { messages: 1, replies: 1, threadsStarted: 0 },
    });
  });

  it('agrees with a generated workspace: bots and the unreadable channel never appear', () => {
    const generated = generateSlackWorkspace(OPTIONS);
    const counts = expectedParticipation(generated);
    const bots = new Set(generated.users.filter((u) => u.is_bot).map((u) => u.id));
    const unreadable = generated.channels.find((c) => !c.is_member)!.id;
    expect(counts.size).toBeGreaterThan(PEOPLE.length);
    for (const key of counts.keys()) {
      const [user, channel] = key.split('|');
      expect(bots.has(user!)).toBe(false);
      expect(channel).not.toBe(unreadable);
    }
    const deleted = generated.users.find((u) => u.deleted)!.id;
    expect([...counts.keys()].some((k) => k.startsWith(`${deleted}|`))).toBe(true);
  });
});

describe('writeSlackExport', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'slack-export-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes users, public channels and one file per channel and local day with every message once', async () => {
    const ws = generateSlackWorkspace({ ...OPTIONS, weeks: 3 });
    const path = join(dir, 'export.zip');
    await writeSlackExport(ws, path);
    const files = await readZip(path);

    expect(JSON.parse(files.get('users.json')!)).toHaveLength(ws.users.length);
    const channels = JSON.parse(files.get('channels.json')!) as { id: string; name: string; members: string[] }[];
    expect(channels.map((c) => c.id).sort()).toEqual(ws.channels.filter((c) => !c.is_private).map((c) => c.id).sort());
    const privateChannel = ws.channels.find((c) => c.is_private)!;
    expect([...files.keys()].some((name) => name.startsWith(`${privateChannel.name}/`))).toBe(false);

    for (const channel of ws.channels.filter((c) => !c.is_private)) {
      const dayFiles = [...files.keys()].filter((name) => name.startsWith(`${channel.name}/`)).sort();
      expect(dayFiles.every((name) => /^[^/]+\/\d{4}-\d{2}-\d{2}\.json$/.test(name))).toBe(true);
      const exported = dayFiles.flatMap((name) => {
        const list = JSON.parse(files.get(name)!) as SlackMessageFixture[];
        const ts = list.map((m) => m.ts);
        expect([...ts].sort(compareSlackTs)).toEqual(ts);
        return list;
      });
      expect(exported.map((m) => m.ts)).toEqual(ws.messages[channel.id]!.map((m) => m.ts));
      const parent = exported.find((m) => (m.reply_count ?? 0) > 0);
      if (parent) expect(exported.filter((m) => m.thread_ts === parent.ts && m.ts !== parent.ts)).toHaveLength(parent.reply_count!);
    }
  });

  it.each([
    // 00:30 in Berlin on the 4th is 23:30 UTC on the 3rd.
    { timezone: 'Europe/Berlin', iso: '2026-03-03T23:30:00Z', day: '2026-03-04' },
    // 23:30 in Berlin on the 3rd is 22:30 UTC on the 3rd.
    { timezone: 'Europe/Berlin', iso: '2026-03-03T22:30:00Z', day: '2026-03-03' },
    // 17:30 in Los Angeles on the 3rd is 01:30 UTC on the 4th.
    { timezone: 'America/Los_Angeles', iso: '2026-03-04T01:30:00Z', day: '2026-03-03' },
  ])('files a message at $iso under the local day $day in $timezone', async ({ timezone, iso, day }) => {
    const ws = generateSlackWorkspace({ ...OPTIONS, timezone, weeks: 2 });
    const channel = ws.channels.find((c) => c.name === 'platform')!;
    const ts = `${Date.parse(iso) / 1000}.000777`;
    const list = ws.messages[channel.id]!;
    list.push({ type: 'message', ts, user: channel.members[0]!, text: `late ${CANARY}` });
    list.sort((a, b) => compareSlackTs(a.ts, b.ts));
    const path = join(dir, 'export.zip');
    await writeSlackExport(ws, path);
    const files = await readZip(path);

    const holders = [...files.entries()]
      .filter(([name]) => name.startsWith('platform/'))
      .filter(([, content]) => (JSON.parse(content) as SlackMessageFixture[]).some((m) => m.ts === ts))
      .map(([name]) => name);
    expect(holders).toEqual([`platform/${day}.json`]);
  });

  it('writes arbitrary entries for malformed exports', async () => {
    const path = join(dir, 'nested', 'bad.zip');
    await writeSlackExportFromEntries({ 'users.json': '{not json', 'general/': '', 'general/2026-01-01.json': Buffer.from('[]') }, path);
    const files = await readZip(path);
    expect(Object.fromEntries(files)).toEqual({ 'users.json': '{not json', 'general/': '', 'general/2026-01-01.json': '[]' });
  });
});
