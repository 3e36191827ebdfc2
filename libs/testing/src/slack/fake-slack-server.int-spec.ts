import {
  LogLevel,
  WebAPIPlatformError,
  WebClient,
  type ConversationsHistoryResponse,
  type ConversationsListResponse,
  type ConversationsRepliesResponse,
  type UsersListResponse,
} from '@slack/web-api';
import { FakeSlackServer } from './fake-slack-server';
import { compareSlackTs, generateSlackWorkspace, type SlackMessageFixture, type SlackWorkspaceFixture } from './slack-workspace';

const TOKEN = 'xoxb-test-token';
const PEOPLE = Array.from({ length: 8 }, (_, i) => ({ id: `person-${i + 1}`, email: `person${i + 1}@example.com`, slack: [`U0PERSON0${i + 1}`] }));
const ws: SlackWorkspaceFixture = generateSlackWorkspace({
  seed: 7,
  people: PEOPLE,
  channels: ['payments-dev', 'platform', 'design'],
  weeks: 6,
  endDate: '2026-03-13',
  canary: 'CANARY-fake-server',
});
const channel = ws.channels.find((c) => c.name === 'payments-dev')!;
const notMember = ws.channels.find((c) => !c.is_member)!;

function client(base: string, token = TOKEN): WebClient {
  return new WebClient(token, {
    slackApiUrl: `${base}/api/`,
    retryConfig: { retries: 3, factor: 1, minTimeout: 10, maxTimeout: 10 },
    logLevel: LogLevel.ERROR,
  });
}

/** What conversations.history must list: top-level messages and broadcast replies, newest first. */
function historyOf(channelId: string): SlackMessageFixture[] {
  return ws.messages[channelId]!.filter((m) => m.thread_ts === undefined || m.thread_ts === m.ts || m.subtype === 'thread_broadcast').reverse();
}

async function allUserIds(slack: WebClient): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of slack.paginate('users.list', { limit: 200 })) ids.push(...((page as UsersListResponse).members ?? []).map((m) => m.id!));
  return ids;
}

describe('FakeSlackServer with the real WebClient', () => {
  let server: FakeSlackServer;
  let base: string;
  let slack: WebClient;

  beforeEach(async () => {
    server = new FakeSlackServer(ws, { token: TOKEN, pageSizeLimit: 4 });
    base = await server.start();
    slack = client(base);
  });
  afterEach(async () => {
    await server.stop();
  });

  it('answers auth.test with the app bot and the team', async () => {
    const bot = ws.users.find((u) => u.name === 'undercurrent')!;
    await expect(slack.auth.test()).resolves.toMatchObject({ ok: true, user_id: bot.id, team_id: ws.team.id, team: ws.team.name });
  });

  it('pages users.list (limit capped at pageSizeLimit) and returns every user exactly once', async () => {
    const ids = await allUserIds(slack);
    expect([...ids].sort()).toEqual(ws.users.map((u) => u.id).sort());
    const calls = server.calls.filter((c) => c.method === 'users.list');
    expect(calls).toHaveLength(Math.ceil(ws.users.length / 4));
    expect(calls.slice(1).every((c) => c.params['cursor'] !== undefined && c.params['cursor'] !== '')).toBe(true);
  });

  it('lists channels by type, hides archived ones on request and reports membership', async () => {
    const list = async (options: { types?: string; exclude_archived?: boolean }): Promise<NonNullable<ConversationsListResponse['channels']>> => {
      const found: NonNullable<ConversationsListResponse['channels']> = [];
      for await (const page of slack.paginate('conversations.list', options)) found.push(...((page as ConversationsListResponse).channels ?? []));
      return found;
    };
    const publicOnly = await list({});
    expect(publicOnly.map((c) => c.id).sort()).toEqual(ws.channels.filter((c) => !c.is_private).map((c) => c.id).sort());
    expect(publicOnly.find((c) => c.id === notMember.id)).toMatchObject({ is_member: false, num_members: notMember.members.length });
    const both = await list({ types: 'public_channel,private_channel', exclude_archived: true });
    expect(both.map((c) => c.id).sort()).toEqual(ws.channels.filter((c) => !c.is_archived).map((c) => c.id).sort());
  });

  it('pages conversations.history newest first and returns every top-level message and broadcast exactly once', async () => {
    const seen: string[] = [];
    const pages: ConversationsHistoryResponse[] = [];
    for await (const page of slack.paginate('conversations.history', { channel: channel.id, limit: 15 })) {
      const history = page as ConversationsHistoryResponse;
      pages.push(history);
      const ts = (history.messages ?? []).map((m) => m.ts!);
      expect([...ts].sort(compareSlackTs).reverse()).toEqual(ts);
      seen.push(...ts);
    }
    const expected = historyOf(channel.id).map((m) => m.ts);
    expect(expected.length).toBeGreaterThan(20);
    expect(seen).toEqual(expected);
    expect(pages.slice(0, -1).every((p) => p.has_more === true)).toBe(true);
    expect(pages[pages.length - 1]!.has_more).toBe(false);
    expect(seen.some((ts) => ws.messages[channel.id]!.find((m) => m.ts === ts)!.subtype === 'thread_broadcast')).toBe(true);
  });

  it('honours oldest and latest, exclusive unless inclusive=true', async () => {
    const history = historyOf(channel.id).map((m) => m.ts);
    const oldest = history[10]!;
    const latest = history[3]!;
    const read = async (options: { oldest?: string; latest?: string; inclusive?: boolean }): Promise<string[]> => {
      const ts: string[] = [];
      for await (const page of slack.paginate('conversations.history', { channel: channel.id, ...options })) {
        ts.push(...((page as ConversationsHistoryResponse).messages ?? []).map((m) => m.ts!));
      }
      return ts;
    };
    expect(await read({ oldest })).toEqual(history.slice(0, 10));
    expect(await read({ oldest, inclusive: true })).toEqual(history.slice(0, 11));
    expect(await read({ oldest, latest })).toEqual(history.slice(4, 10));
    expect(await read({ oldest, latest, inclusive: true })).toEqual(history.slice(3, 11));
  });

  it('returns a thread as the parent first, then its replies ascending, over pages', async () => {
    const parent = ws.messages[channel.id]!.find((m) => (m.reply_count ?? 0) >= 3)!;
    const replies = ws.messages[channel.id]!.filter((m) => m.thread_ts === parent.ts && m.ts !== parent.ts).map((m) => m.ts);
    const first = await slack.conversations.replies({ channel: channel.id, ts: parent.ts });
    expect(first.messages!.map((m) => m.ts)).toEqual([parent.ts, ...replies]);
    expect(first.messages![0]).toMatchObject({ reply_count: replies.length, thread_ts: parent.ts });

    const paged: string[] = [];
    for await (const page of slack.paginate('conversations.replies', { channel: channel.id, ts: parent.ts, limit: 2 })) {
      paged.push(...((page as ConversationsRepliesResponse).messages ?? []).map((m) => m.ts!));
    }
    expect(paged).toEqual([parent.ts, ...replies]);

    const fromReply = await slack.conversations.replies({ channel: channel.id, ts: replies[1]! });
    expect(fromReply.messages!.map((m) => m.ts)).toEqual([parent.ts, ...replies]);
    const newer = await slack.conversations.replies({ channel: channel.id, ts: parent.ts, oldest: replies[0]! });
    expect(newer.messages!.map((m) => m.ts)).toEqual([parent.ts, ...replies.slice(1)]);
    await expect(slack.conversations.replies({ channel: channel.id, ts: '1000000000.000001' })).rejects.toMatchObject({ data: { error: 'thread_not_found' } });
  });

  it('refuses to read a channel the bot is not in, and unknown channels', async () => {
    await expect(slack.conversations.history({ channel: notMember.id })).rejects.toMatchObject({ data: { ok: false, error: 'not_in_channel' } });
    await expect(slack.conversations.history({ channel: 'C0UNKNOWN00' })).rejects.toMatchObject({ data: { error: 'channel_not_found' } });
    await expect(slack.conversations.info({ channel: 'C0UNKNOWN00' })).rejects.toMatchObject({ data: { error: 'channel_not_found' } });
    await expect(slack.conversations.info({ channel: notMember.id })).resolves.toMatchObject({ channel: { id: notMember.id, is_member: false } });
  });

  it('answers HTTP 429 with Retry-After, and the client waits, retries and gets the same result', async () => {
    const expected = await allUserIds(slack);
    server.injectRateLimits({ method: 'users.list', everyNth: 2, retryAfterSeconds: 1 });
    const before = server.calls.length;
    const ids = await allUserIds(slack);
    expect(ids).toEqual(expected);

    const calls = server.calls.slice(before);
    const limited = calls.map((c, i) => ({ c, i })).filter(({ c }) => c.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(1);
    for (const { c, i } of limited) {
      const retry = calls[i + 1]!;
      expect(retry.method).toBe('users.list');
      expect(retry.params['cursor'] ?? '').toBe(c.params['cursor'] ?? '');
      expect(retry.at - c.at).toBeGreaterThanOrEqual(950);
    }
    const raw = await fetch(`${base}/api/users.list`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
    const rawAgain = raw.status === 429 ? raw : await fetch(`${base}/api/users.list`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(rawAgain.status).toBe(429);
    expect(rawAgain.headers.get('retry-after')).toBe('1');
    await expect(rawAgain.json()).resolves.toEqual({ ok: false, error: 'ratelimited' });
  }, 30_000);

  it('answers invalid_auth once the token is revoked, and for a wrong token', async () => {
    await expect(slack.auth.test()).resolves.toMatchObject({ ok: true });
    await expect(client(base, 'xoxb-wrong').auth.test()).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
    server.revokeToken();
    const failure: unknown = await slack.users.list({}).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(WebAPIPlatformError);
    expect((failure as WebAPIPlatformError).data.error).toBe('invalid_auth');
  });

  it('records chat.postMessage with its blocks and answers with a channel and ts', async () => {
    const lead = PEOPLE[0]!.slack[0]!;
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'Someone went quiet' } }];
    const dm = await slack.chat.postMessage({ channel: lead, text: 'Someone went quiet', blocks });
    expect(dm).toMatchObject({ ok: true, channel: expect.stringMatching(/^D/), ts: expect.stringMatching(/^\d+\.\d{6}$/) });
    const inChannel = await slack.chat.postMessage({ channel: `#${channel.name}`, text: 'digest' });
    expect(inChannel.channel).toBe(channel.id);
    expect(server.posted).toEqual([
      { channel: lead, channelId: dm.channel, ts: dm.ts, text: 'Someone went quiet', blocks },
      { channel: `#${channel.name}`, channelId: channel.id, ts: inChannel.ts, text: 'digest' },
    ]);
    await expect(slack.chat.postMessage({ channel: notMember.id, text: 'x' })).rejects.toMatchObject({ data: { error: 'not_in_channel' } });
  });

  it('opens a direct conversation, stores message metadata and returns it from history only when asked', async () => {
    const lead = PEOPLE[1]!.slack[0]!;
    const opened = await slack.conversations.open({ users: lead });
    expect(opened).toMatchObject({ ok: true, channel: { id: `D${lead.slice(1)}` } });
    expect(await slack.conversations.open({ users: lead })).toMatchObject({ ok: true, already_open: true, channel: { id: opened.channel!.id } });
    await expect(slack.conversations.open({ users: 'UNOBODY01' })).rejects.toMatchObject({ data: { error: 'user_not_found' } });
    const metadata = { event_type: 'undercurrent_alert', event_payload: { alert_id: 'a-1' } };
    const sent = await slack.chat.postMessage({ channel: opened.channel!.id!, text: 'hello', metadata });
    expect(sent.channel).toBe(opened.channel!.id);
    const plain = await slack.conversations.history({ channel: opened.channel!.id! });
    expect(plain.messages).toEqual([expect.objectContaining({ ts: sent.ts, text: 'hello' })]);
    expect(plain.messages![0]).not.toHaveProperty('metadata');
    const withMetadata = await slack.conversations.history({ channel: opened.channel!.id!, include_all_metadata: true });
    expect(withMetadata.messages).toEqual([expect.objectContaining({ ts: sent.ts, metadata })]);
  });

  it('serves messages added between syncs, updating the thread parent', async () => {
    const newest = historyOf(channel.id)[0]!;
    const poster = channel.members.find((id) => ws.users.some((u) => u.id === id && !u.is_bot && !u.deleted))!;
    const topTs = `${Number(newest.ts.split('.')[0]) + 60}.000001`;
    const replyTs = `${Number(newest.ts.split('.')[0]) + 120}.000002`;
    server.addMessage(channel.id, { type: 'message', ts: topTs, user: poster, text: 'new' });
    server.addMessage(channel.id, { type: 'message', ts: replyTs, user: poster, text: 'reply', thread_ts: topTs });

    const fresh = await slack.conversations.history({ channel: channel.id, oldest: newest.ts });
    expect(fresh.messages!.map((m) => m.ts)).toEqual([topTs]);
    expect(fresh.messages![0]).toMatchObject({ thread_ts: topTs, reply_count: 1, reply_users_count: 1, reply_users: [poster], latest_reply: replyTs });
    const thread = await slack.conversations.replies({ channel: channel.id, ts: topTs });
    expect(thread.messages!.map((m) => m.ts)).toEqual([topTs, replyTs]);
    expect(ws.messages[channel.id]!.some((m) => m.ts === topTs)).toBe(false); // the caller's fixture is untouched
  });

  it('speaks JSON bodies and GET query strings too, records calls without the token, and rejects unknown methods', async () => {
    const json = await fetch(`${base}/api/users.info`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ user: PEOPLE[1]!.slack[0] }),
    });
    await expect(json.json()).resolves.toMatchObject({ ok: true, user: { id: PEOPLE[1]!.slack[0], profile: { email: PEOPLE[1]!.email } } });
    const get = await fetch(`${base}/api/conversations.info?channel=${channel.id}&token=${TOKEN}`);
    await expect(get.json()).resolves.toMatchObject({ ok: true, channel: { id: channel.id, name: channel.name } });
    const unknown = await fetch(`${base}/api/conversations.nope`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
    await expect(unknown.json()).resolves.toEqual({ ok: false, error: 'unknown_method' });
    const none = await fetch(`${base}/api/auth.test`, { method: 'POST' });
    await expect(none.json()).resolves.toEqual({ ok: false, error: 'not_authed' });

    expect(server.calls.map((c) => [c.method, c.status])).toEqual([
      ['users.info', 200],
      ['conversations.info', 200],
      ['conversations.nope', 200],
      ['auth.test', 200],
    ]);
    expect(server.calls[1]!.params).toEqual({ channel: channel.id });
    expect(JSON.stringify(server.calls)).not.toContain(TOKEN);
  });
});
