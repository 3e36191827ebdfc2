import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { listenOnLoopback } from '../processes';
import {
  compareSlackTs,
  setThreadFields,
  slackTsToMicros,
  type SlackChannelFixture,
  type SlackMessageFixture,
  type SlackUserFixture,
  type SlackWorkspaceFixture,
} from './slack-workspace';

export interface FakeSlackServerOptions {
  /** The only bot token the server accepts. */
  token: string;
  /** Largest `limit` honoured by paginated methods (default 200, like Slack recommends). */
  pageSizeLimit?: number;
  /** The app's bot user (auth.test); default the bot user named 'undercurrent', else the first bot user. */
  botUserId?: string;
}

export interface FakeSlackCall {
  method: string;
  /** Request parameters (query string and body), without the token. */
  params: Record<string, string>;
  status: number;
  at: number;
}

export interface FakeSlackPost {
  /** The `channel` argument as given (a user id, a channel name or an id). */
  channel: string;
  /** The conversation it landed in (a `D...` id for a direct message). */
  channelId: string;
  ts: string;
  text: string;
  blocks?: unknown;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

export interface FakeSlackRateLimitPlan {
  /** Only calls of this method count (default: every call). */
  method?: string;
  everyNth: number;
  retryAfterSeconds: number;
}

/**
 * A fault for the next calls of a method: `http_500` answers HTTP 500 without doing anything;
 * `drop_before` destroys the connection before doing anything; `drop_after` does the call (a post
 * is made) and then destroys the connection instead of answering (the answer is lost).
 */
export interface FakeSlackFaultPlan {
  method: string;
  kind: 'http_500' | 'drop_before' | 'drop_after';
  /** How many calls of `method` in a row get it (default 1). */
  times?: number;
}

type Params = Record<string, string>;
type Body = Record<string, unknown>;
interface Reply {
  status: number;
  headers?: Record<string, string>;
  body: Body;
}

function withoutToken(params: Params): Params {
  const { token: _token, ...rest } = params;
  return rest;
}

class SlackError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

const DEFAULT_LIMIT = 100;
const MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * A fake Slack Web API on `node:http`, speaking the wire format the real `@slack/web-api`
 * `WebClient` expects: form-encoded or JSON POSTs (and GETs), `{ok, ...}` JSON answers with HTTP 200,
 * cursor pagination in `response_metadata.next_cursor`, and HTTP 429 with `Retry-After` when a rate
 * limit is injected. The workspace is copied: `addMessage` changes the server's copy (`workspace`).
 *
 * `conversations.replies` returns the parent only on the first page (continuation pages hold
 * replies only), and always returns it there, whatever `oldest`/`latest` say about replies.
 */
export class FakeSlackServer {
  readonly calls: FakeSlackCall[] = [];
  readonly posted: FakeSlackPost[] = [];

  private readonly ws: SlackWorkspaceFixture;
  private readonly token: string;
  private readonly pageSizeLimit: number;
  private readonly botUser: SlackUserFixture;
  private readonly botId: string;
  private readonly rateLimits: { plan: FakeSlackRateLimitPlan; seen: number }[] = [];
  private readonly faults: { plan: FakeSlackFaultPlan; left: number }[] = [];
  private revoked = false;
  private server: Server | undefined;
  private postCounter = 0;
  /** Direct-message conversations the bot has with users: `D...` id -> user id and messages (ascending ts). */
  private readonly ims = new Map<string, { user: string; messages: SlackMessageFixture[] }>();
  private readonly methods: Record<string, (params: Params) => Body>;

  constructor(workspace: SlackWorkspaceFixture, options: FakeSlackServerOptions) {
    this.ws = structuredClone(workspace);
    this.token = options.token;
    this.pageSizeLimit = options.pageSizeLimit ?? 200;
    const bots = this.ws.users.filter((u) => u.is_bot);
    this.botUser =
      (options.botUserId ? this.ws.users.find((u) => u.id === options.botUserId) : undefined) ??
      bots.find((u) => u.name === 'undercurrent') ??
      bots[0] ?? {
        id: 'UFAKEBOT01',
        team_id: this.ws.team.id,
        name: 'undercurrent',
        real_name: 'Undercurrent',
        deleted: false,
        is_bot: true,
        tz: this.ws.timezone,
        profile: { real_name: 'Undercurrent', display_name: 'undercurrent' },
      };
    this.botId = this.botUser.profile.bot_id ?? `B${this.botUser.id.slice(1)}`;
    this.methods = {
      'auth.test': () => this.authTest(),
      'users.list': (p) => this.usersList(p),
      'users.info': (p) => this.usersInfo(p),
      'conversations.list': (p) => this.conversationsList(p),
      'conversations.info': (p) => ({ channel: this.channelJson(this.channel(p['channel'])) }),
      'conversations.history': (p) => this.conversationsHistory(p),
      'conversations.replies': (p) => this.conversationsReplies(p),
      'chat.postMessage': (p) => this.chatPostMessage(p),
      'conversations.open': (p) => this.conversationsOpen(p),
    };
  }

  /** The server's current copy of the workspace (including messages added with `addMessage`). */
  get workspace(): SlackWorkspaceFixture {
    return this.ws;
  }

  /** Starts listening on 127.0.0.1 (a free port); resolves to the base URL. Methods live under `${base}/api/`. */
  async start(): Promise<string> {
    if (this.server) throw new Error('FakeSlackServer already started');
    const server = createServer((req, res) => void this.handle(req, res));
    this.server = server;
    return listenOnLoopback(server);
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
  }

  /** From now on every Nth call (of `method`, or of any method) answers HTTP 429 with `Retry-After`. */
  injectRateLimits(plan: FakeSlackRateLimitPlan): void {
    if (!Number.isInteger(plan.everyNth) || plan.everyNth < 1) throw new Error('everyNth must be a positive integer');
    this.rateLimits.push({ plan, seen: 0 });
  }

  /** The next `times` calls of `plan.method` fail as `plan.kind` says (then answer normally again). */
  injectFault(plan: FakeSlackFaultPlan): void {
    this.faults.push({ plan, left: plan.times ?? 1 });
  }

  clearRateLimits(): void {
    this.rateLimits.length = 0;
  }

  /** From now on every call answers `{ok: false, error: 'invalid_auth'}`. */
  revokeToken(): void {
    this.revoked = true;
  }

  /**
   * Per channel: messages by ts, top-level history newest first, replies by thread. Built on first
   * use and dropped when a message is added, so a large workspace costs a lookup per call, not a scan.
   */
  private readonly indexes = new Map<string, { byTs: Map<string, SlackMessageFixture>; history: SlackMessageFixture[]; replies: Map<string, SlackMessageFixture[]> }>();

  private indexOf(channel: SlackChannelFixture) {
    let index = this.indexes.get(channel.id);
    if (!index) {
      const list = this.messagesOf(channel);
      const replies = new Map<string, SlackMessageFixture[]>();
      for (const m of list) {
        if (m.thread_ts !== undefined && m.thread_ts !== m.ts) replies.set(m.thread_ts, [...(replies.get(m.thread_ts) ?? []), m]);
      }
      index = {
        byTs: new Map(list.map((m) => [m.ts, m])),
        history: list.filter((m) => m.thread_ts === undefined || m.thread_ts === m.ts || m.subtype === 'thread_broadcast').reverse(),
        replies,
      };
      this.indexes.set(channel.id, index);
    }
    return index;
  }

  /** Adds a message (new activity between syncs); a reply updates its parent's thread fields. */
  addMessage(channelId: string, message: SlackMessageFixture): void {
    this.indexes.delete(channelId);
    const list = this.ws.messages[channelId];
    if (!this.ws.channels.some((c) => c.id === channelId) || !list) throw new Error(`unknown channel ${channelId}`);
    if (list.some((m) => m.ts === message.ts)) throw new Error(`duplicate ts ${message.ts} in ${channelId}`);
    const added = structuredClone(message);
    const isReply = added.thread_ts !== undefined && added.thread_ts !== added.ts;
    const parent = isReply ? list.find((m) => m.ts === added.thread_ts) : undefined;
    if (isReply && !parent) throw new Error(`no parent ${added.thread_ts} in ${channelId}`);
    list.push(added);
    list.sort((a, b) => compareSlackTs(a.ts, b.ts));
    if (parent) setThreadFields(parent, list.filter((m) => m.thread_ts === parent.ts && m.ts !== parent.ts));
  }

  // ---------------------------------------------------------------------------------------------
  // HTTP
  // ---------------------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = /^\/api\/([A-Za-z0-9_.]+)$/.exec(url.pathname);
    if (!match) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const method = match[1]!;
    let params: Params = {};
    let reply: Reply;
    const fault = this.faults.find((f) => f.plan.method === method && f.left > 0);
    if (fault) fault.left--;
    try {
      params = await this.readParams(req, url);
      if (fault?.plan.kind === 'drop_before') {
        this.calls.push({ method, params: withoutToken(params), status: 0, at: Date.now() });
        req.socket.destroy();
        return;
      }
      reply = fault?.plan.kind === 'http_500' ? { status: 500, body: { ok: false, error: 'internal_error' } } : this.dispatch(method, req, params);
      if (fault?.plan.kind === 'drop_after') {
        this.calls.push({ method, params: withoutToken(params), status: 0, at: Date.now() });
        req.socket.destroy();
        return;
      }
    } catch (error) {
      reply = error instanceof SlackError ? { status: 200, body: { ok: false, error: error.code } } : { status: 500, body: { ok: false, error: 'internal_error' } };
    }
    const { token: _token, ...recorded } = params;
    this.calls.push({ method, params: recorded, status: reply.status, at: Date.now() });
    res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
    res.end(JSON.stringify(reply.body));
  }

  private dispatch(method: string, req: IncomingMessage, params: Params): Reply {
    const handler = this.methods[method];
    if (!handler) return { status: 200, body: { ok: false, error: 'unknown_method' } };
    for (const limit of this.rateLimits) {
      if (limit.plan.method !== undefined && limit.plan.method !== method) continue;
      limit.seen++;
      if (limit.seen % limit.plan.everyNth === 0) {
        return { status: 429, headers: { 'retry-after': String(limit.plan.retryAfterSeconds) }, body: { ok: false, error: 'ratelimited' } };
      }
    }
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : params['token'];
    if (!token) return { status: 200, body: { ok: false, error: 'not_authed' } };
    if (this.revoked || token !== this.token) return { status: 200, body: { ok: false, error: 'invalid_auth' } };
    const body = handler(params);
    const metadata = (body['response_metadata'] as Body | undefined) ?? { next_cursor: '' };
    return { status: 200, body: { ok: true, ...body, response_metadata: metadata } };
  }

  private async readParams(req: IncomingMessage, url: URL): Promise<Params> {
    const params: Params = Object.fromEntries(url.searchParams);
    if (req.method === 'GET' || req.method === 'HEAD') return params;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      const buffer = chunk as Buffer;
      size += buffer.length;
      if (size > MAX_BODY_BYTES) throw new SlackError('request_too_large');
      chunks.push(buffer);
    }
    const raw = Buffer.concat(chunks).toString('utf8');
    if (raw.length === 0) return params;
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type === 'application/json') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        throw new SlackError('invalid_json');
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new SlackError('invalid_json');
      for (const [key, value] of Object.entries(parsed)) {
        if (value === undefined || value === null) continue;
        params[key] = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
      }
      return params;
    }
    if (type === 'application/x-www-form-urlencoded' || type === '') {
      for (const [key, value] of new URLSearchParams(raw)) params[key] = value;
      return params;
    }
    throw new SlackError('invalid_form_data');
  }

  // ---------------------------------------------------------------------------------------------
  // Methods
  // ---------------------------------------------------------------------------------------------

  private authTest(): Body {
    return {
      url: `https://${this.ws.team.domain}.slack.com/`,
      team: this.ws.team.name,
      user: this.botUser.name,
      team_id: this.ws.team.id,
      user_id: this.botUser.id,
      bot_id: this.botId,
      is_enterprise_install: false,
    };
  }

  private usersList(params: Params): Body {
    const page = this.pageByKey(this.ws.users, (u) => u.id, params);
    return { members: page.items.map((u) => structuredClone(u)), cache_ts: Math.floor(Date.now() / 1000), response_metadata: { next_cursor: page.next } };
  }

  private usersInfo(params: Params): Body {
    const user = this.ws.users.find((u) => u.id === params['user']);
    if (!user) throw new SlackError('user_not_found');
    return { user: structuredClone(user) };
  }

  private conversationsList(params: Params): Body {
    const types = new Set((params['types'] ?? 'public_channel').split(',').map((t) => t.trim()).filter(Boolean));
    const excludeArchived = isTrue(params['exclude_archived']);
    const visible = this.ws.channels.filter(
      (c) =>
        (c.is_private ? types.has('private_channel') && c.is_member : types.has('public_channel')) && !(excludeArchived && c.is_archived),
    );
    const page = this.pageByKey(visible, (c) => c.id, params);
    return { channels: page.items.map((c) => this.channelJson(c)), response_metadata: { next_cursor: page.next } };
  }

  private conversationsHistory(params: Params): Body {
    const im = this.ims.get(params['channel'] ?? '');
    const range = readRange(params);
    const all = (im ? [...im.messages].reverse() : this.indexOf(this.readableChannel(params['channel'])).history).filter((m) => range(m.ts));
    const page = this.pageByTs(all, params, 'desc');
    // Slack returns message metadata only when asked (`include_all_metadata`).
    const withMetadata = isTrue(params['include_all_metadata']);
    return {
      messages: page.items.map(({ metadata, ...m }) => structuredClone(withMetadata && metadata ? { ...m, metadata } : m)),
      has_more: page.next !== '',
      pin_count: 0,
      response_metadata: { next_cursor: page.next },
    };
  }

  private conversationsReplies(params: Params): Body {
    const channel = this.readableChannel(params['channel']);
    const ts = params['ts'];
    if (!ts) throw new SlackError('thread_not_found');
    const index = this.indexOf(channel);
    const message = index.byTs.get(ts);
    if (!message) throw new SlackError('thread_not_found');
    const rootTs = message.thread_ts ?? message.ts;
    const parent = index.byTs.get(rootTs);
    if (!parent) throw new SlackError('thread_not_found');
    const range = readRange(params);
    const replies = (index.replies.get(rootTs) ?? []).filter((m) => range(m.ts));
    const first = params['cursor'] === undefined || params['cursor'] === '';
    const sequence = first ? [parent, ...replies] : replies;
    const page = this.pageByTs(sequence, params, 'asc');
    return {
      messages: page.items.map((m) => structuredClone(m)),
      has_more: page.next !== '',
      response_metadata: { next_cursor: page.next },
    };
  }

  /** `conversations.open` with one user: the bot's direct-message conversation with them. */
  private conversationsOpen(params: Params): Body {
    const users = (params['users'] ?? '').split(',').map((u) => u.trim()).filter(Boolean);
    if (params['channel']) {
      if (!this.ims.has(params['channel'])) throw new SlackError('channel_not_found');
      return { no_op: true, already_open: true, channel: { id: params['channel'] } };
    }
    if (users.length === 0) throw new SlackError('users_list_not_supplied');
    if (users.length > 1) throw new SlackError('not_implemented'); // group DMs: not needed by the product
    const user = this.ws.users.find((u) => u.id === users[0]);
    if (!user) throw new SlackError('user_not_found');
    if (user.deleted) throw new SlackError('user_disabled');
    if (user.is_bot) throw new SlackError('cannot_dm_bot');
    const id = `D${user.id.slice(1)}`;
    const open = this.ims.has(id);
    if (!open) this.ims.set(id, { user: user.id, messages: [] });
    return { ...(open ? { no_op: true, already_open: true } : {}), channel: { id } };
  }

  /** The messages the bot posted into a direct-message conversation (`D...`), oldest first. */
  directMessages(channelId: string): SlackMessageFixture[] {
    return structuredClone(this.ims.get(channelId)?.messages ?? []);
  }

  private chatPostMessage(params: Params): Body {
    const target = params['channel'];
    if (!target) throw new SlackError('channel_not_found');
    const text = params['text'] ?? '';
    let blocks: unknown;
    if (params['blocks'] !== undefined) {
      try {
        blocks = JSON.parse(params['blocks']);
      } catch {
        throw new SlackError('invalid_blocks');
      }
    }
    if (text === '' && blocks === undefined) throw new SlackError('no_text');
    let metadata: FakeSlackPost['metadata'];
    if (params['metadata'] !== undefined) {
      try {
        metadata = JSON.parse(params['metadata']) as FakeSlackPost['metadata'];
      } catch {
        throw new SlackError('invalid_metadata_format');
      }
      if (typeof metadata?.event_type !== 'string' || typeof metadata.event_payload !== 'object' || metadata.event_payload === null) throw new SlackError('invalid_metadata_schema');
    }
    let channelId: string;
    let im: { user: string; messages: SlackMessageFixture[] } | undefined;
    const user = this.ws.users.find((u) => u.id === target);
    if (user || this.ims.has(target)) {
      if (user?.deleted) throw new SlackError('user_disabled');
      channelId = user ? `D${user.id.slice(1)}` : target;
      im = this.ims.get(channelId) ?? { user: user!.id, messages: [] };
      this.ims.set(channelId, im);
    } else {
      const name = target.replace(/^#/, '');
      const channel = this.ws.channels.find((c) => c.id === target || c.name === name);
      if (!channel || (channel.is_private && !channel.is_member)) throw new SlackError('channel_not_found');
      if (channel.is_archived) throw new SlackError('is_archived');
      if (!channel.is_member) throw new SlackError('not_in_channel');
      channelId = channel.id;
    }
    this.postCounter++;
    const ts = `${Math.floor(Date.now() / 1000)}.${String(this.postCounter % 1_000_000).padStart(6, '0')}`;
    this.posted.push({ channel: target, channelId, ts, text, ...(blocks !== undefined ? { blocks } : {}), ...(metadata ? { metadata } : {}) });
    const stored: SlackMessageFixture = { type: 'message', user: this.botUser.id, bot_id: this.botId, text, ts, ...(metadata ? { metadata } : {}) };
    if (im) im.messages.push(stored);
    else this.addMessage(channelId, stored);
    return {
      channel: channelId,
      ts,
      message: { type: 'message', user: this.botUser.id, bot_id: this.botId, text, ts, ...(blocks !== undefined ? { blocks } : {}), ...(metadata ? { metadata } : {}) },
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers
  // ---------------------------------------------------------------------------------------------

  private channel(id: string | undefined): SlackChannelFixture {
    const channel = this.ws.channels.find((c) => c.id === id);
    // The bot cannot see private channels it is not in.
    if (!channel || (channel.is_private && !channel.is_member)) throw new SlackError('channel_not_found');
    return channel;
  }

  private readableChannel(id: string | undefined): SlackChannelFixture {
    const channel = this.channel(id);
    if (!channel.is_member) throw new SlackError('not_in_channel');
    return channel;
  }

  private messagesOf(channel: SlackChannelFixture): SlackMessageFixture[] {
    return this.ws.messages[channel.id] ?? [];
  }

  private channelJson(c: SlackChannelFixture): Body {
    return {
      id: c.id,
      name: c.name,
      name_normalized: c.name,
      is_channel: !c.is_private,
      is_group: false,
      is_im: false,
      is_mpim: false,
      is_private: c.is_private,
      is_archived: c.is_archived,
      is_general: false,
      is_shared: false,
      is_org_shared: false,
      is_ext_shared: false,
      is_member: c.is_member,
      created: c.created,
      creator: c.creator,
      context_team_id: this.ws.team.id,
      num_members: c.members.length,
      topic: { value: '', creator: '', last_set: 0 },
      purpose: { value: '', creator: '', last_set: 0 },
    };
  }

  private limit(params: Params): number {
    const requested = Number.parseInt(params['limit'] ?? '', 10);
    const limit = Number.isNaN(requested) || requested <= 0 ? DEFAULT_LIMIT : requested;
    return Math.min(limit, this.pageSizeLimit);
  }

  /** Cursor = base64("next_id:<id of the first item of the next page>"). */
  private pageByKey<T>(items: readonly T[], key: (item: T) => string, params: Params): { items: T[]; next: string } {
    const cursor = decodeCursor(params['cursor'], 'next_id');
    const start = cursor === undefined ? 0 : items.findIndex((item) => key(item) === cursor);
    if (start < 0) throw new SlackError('invalid_cursor');
    const end = start + this.limit(params);
    return { items: items.slice(start, end), next: end < items.length ? encodeCursor('next_id', key(items[end]!)) : '' };
  }

  /**
   * Cursor = base64("next_ts:<ts of the first message of the next page>"): stable when messages
   * are added between pages, as Slack's own cursors are.
   */
  private pageByTs(items: readonly SlackMessageFixture[], params: Params, order: 'asc' | 'desc'): { items: SlackMessageFixture[]; next: string } {
    const cursor = decodeCursor(params['cursor'], 'next_ts');
    let start = 0;
    if (cursor !== undefined) {
      if (!/^\d+\.\d{6}$/.test(cursor)) throw new SlackError('invalid_cursor');
      start = items.findIndex((m) => (order === 'desc' ? compareSlackTs(m.ts, cursor) <= 0 : compareSlackTs(m.ts, cursor) >= 0));
      if (start < 0) start = items.length;
    }
    const end = start + this.limit(params);
    return { items: items.slice(start, end), next: end < items.length ? encodeCursor('next_ts', items[end]!.ts) : '' };
  }
}

function isTrue(value: string | undefined): boolean {
  return value === 'true' || value === '1';
}

function encodeCursor(kind: string, value: string): string {
  return Buffer.from(`${kind}:${value}`, 'utf8').toString('base64');
}

function decodeCursor(cursor: string | undefined, kind: string): string | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const decoded = Buffer.from(cursor, 'base64').toString('utf8');
  if (!decoded.startsWith(`${kind}:`)) throw new SlackError('invalid_cursor');
  return decoded.slice(kind.length + 1);
}

/** `oldest`/`latest` bounds, exclusive unless `inclusive=true`. */
function readRange(params: Params): (ts: string) => boolean {
  const parse = (name: 'oldest' | 'latest'): bigint | undefined => {
    const value = params[name];
    if (value === undefined || value === '') return undefined;
    try {
      return slackTsToMicros(value);
    } catch {
      throw new SlackError(`invalid_ts_${name}`);
    }
  };
  const oldest = parse('oldest');
  const latest = parse('latest');
  const inclusive = isTrue(params['inclusive']);
  return (ts) => {
    const t = slackTsToMicros(ts);
    if (oldest !== undefined && (inclusive ? t < oldest : t <= oldest)) return false;
    if (latest !== undefined && (inclusive ? t > latest : t >= latest)) return false;
    return true;
  };
}
