import { createHash, randomUUID } from 'node:crypto';
import { listenOnLoopback } from '../processes';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { FakeGithubGraphql } from './fake-github-graphql';
import { FakeGithubStore, type GithubCommentEntry, type GithubPullSortField } from './fake-github-store';
import {
  githubTime,
  type GithubCommitFixture,
  type GithubIssueCommentFixture,
  type GithubOrganisationFixture,
  type GithubPullRequestFixture,
  type GithubPullRequestState,
  type GithubRepositoryFixture,
  type GithubReviewCommentFixture,
  type GithubReviewFixture,
  type GithubTeamFixture,
  type GithubTimelineEventFixture,
  type GithubUserFixture,
} from './github-organisation';

export interface FakeGithubServerOptions {
  /** The only token the server accepts (`Authorization: token X` or `Bearer X`). */
  token: string;
  /** REST requests per hour (`core`, default 5,000). Past it: 403 with `x-ratelimit-remaining: 0`. */
  restLimit?: number;
  /** GraphQL points per hour (default 5,000). Past it: `RATE_LIMITED`. */
  graphqlLimit?: number;
  /** Login of the token's owner (`GET /user`, `viewer`); default 'undercurrent-sync'. */
  viewerLogin?: string;
  /** The clock `touchPullRequest` stamps `updatedAt` with (default: real time). */
  now?: () => Date;
}

export interface FakeGithubCall {
  method: string;
  /** Path and query string as received. */
  path: string;
  status: number;
  /** GraphQL: the points charged (0 when refused before running). */
  graphqlCost?: number;
  graphqlOperation?: string;
  /** Injected or real rate-limit answers: no request should arrive before this time (ms). */
  retryAfterUntil?: number;
  /** Arrival time (ms since the epoch). */
  at: number;
}

export interface FakeGithubFailurePlan {
  /**
   * - '429': HTTP 429 with `retry-after` (GitHub sends it for secondary limits too);
   * - 'secondary': HTTP 403 'You have exceeded a secondary rate limit...' with `retry-after`;
   * - 'primary': HTTP 403 'API rate limit exceeded...' with `x-ratelimit-remaining: 0` and
   *   `x-ratelimit-reset` (GraphQL: HTTP 200 with a `RATE_LIMITED` error, as GitHub answers);
   * - '502': HTTP 502 'Server Error'.
   */
  kind: '429' | '502' | 'secondary' | 'primary';
  /** Every Nth request (counted from when the plan is added) fails. */
  everyNth: number;
  /** Seconds in `retry-after`, or until `x-ratelimit-reset` for 'primary' (default 1). */
  retryAfterSeconds?: number;
  /** Which requests count and fail (default both). */
  target?: 'rest' | 'graphql' | 'all';
}

export interface FakeGithubBudget {
  /** REST requests GitHub would count against the primary limit (not 304s, `/rate_limit`, refused tokens or injected failures). */
  restRequests: number;
  /** GraphQL points charged. */
  graphqlPoints: number;
  graphqlRequests: number;
  /** 304 Not Modified answers to `If-None-Match` (free on GitHub). */
  conditionalHits: number;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json | undefined };
type JsonObject = { [key: string]: Json | undefined };
type Resource = 'core' | 'graphql';

interface Reply {
  status: number;
  body?: Json;
  headers?: Record<string, string>;
  resource: Resource;
  /** Counts against the REST budget (when not answered 304). */
  counted: boolean;
  graphqlCost?: number;
  graphqlOperation?: string;
  retryAfterUntil?: number;
}

interface Bucket {
  limit: number;
  used: number;
  resetMs: number;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: JsonObject = {},
  ) {
    super(message);
  }
}

type Route = { pattern: RegExp; handle: (params: string[], query: URLSearchParams, self: string) => { body: Json; headers?: Record<string, string> } };

const MAX_BODY_BYTES = 5 * 1024 * 1024;
const DOCS = 'https://docs.github.com/rest';
const GITHUB = 'https://github.com';
const GHOST = { login: 'ghost', databaseId: 10_137, nodeId: 'MDQ6VXNlcjEwMTM3', type: 'User' as const };
/** GitHub lists at most 250 commits of a pull request over REST. */
const REST_PULL_COMMITS_LIMIT = 250;

/**
 * A fake GitHub API on `node:http` (127.0.0.1, a free port) serving an organisation fixture over
 * REST (at the root, like api.github.com; `/api/v3/...` and `/api/graphql` also work, like GitHub
 * Enterprise Server) and GraphQL (`POST /graphql`, executed by graphql-js against GitHub's real
 * schema). Built for the real `@octokit/rest` client: JSON in REST v3 shapes, `Link` pagination,
 * rate-limit headers on every answer, weak ETags and 304s for `If-None-Match`, GitHub's
 * authentication, rate-limit and server errors (on demand with `inject`), and a record of every
 * call with what it cost.
 *
 * The fixture is copied: `touchPullRequest` and `addPullRequest` change the server's copy
 * (`organisation`), which also re-sorts what an incremental sync reads next.
 */
export class FakeGithubServer {
  readonly calls: FakeGithubCall[] = [];

  private readonly store: FakeGithubStore;
  private readonly graphql: FakeGithubGraphql;
  private readonly token: string;
  private readonly now: () => Date;
  private readonly viewer: GithubUserFixture;
  private readonly buckets: Record<Resource, Bucket>;
  private readonly failures: { plan: FakeGithubFailurePlan; seen: number }[] = [];
  private readonly routes: Route[];
  private readonly totals: FakeGithubBudget = { restRequests: 0, graphqlPoints: 0, graphqlRequests: 0, conditionalHits: 0 };
  private revoked = false;
  private server: Server | undefined;
  private base = '';

  constructor(fixture: GithubOrganisationFixture, options: FakeGithubServerOptions) {
    this.store = new FakeGithubStore(fixture);
    this.token = options.token;
    this.now = options.now ?? (() => new Date());
    const viewerLogin = options.viewerLogin ?? 'undercurrent-sync';
    this.viewer = this.store.user(viewerLogin) ?? { databaseId: 1, nodeId: 'U_kwDOAAAAAQ', login: viewerLogin, type: 'User', name: 'Undercurrent', commitEmail: `1+${viewerLogin}@users.noreply.github.com` };
    const resetMs = Date.now() + 3_600_000;
    this.buckets = { core: { limit: options.restLimit ?? 5000, used: 0, resetMs }, graphql: { limit: options.graphqlLimit ?? 5000, used: 0, resetMs } };
    this.graphql = new FakeGithubGraphql(this.store, {
      viewer: this.viewer,
      charge: (cost) => {
        const bucket = this.bucket('graphql');
        if (bucket.used + cost > bucket.limit) return undefined;
        bucket.used += cost;
        this.totals.graphqlPoints += cost;
        return { limit: bucket.limit, used: bucket.used, remaining: bucket.limit - bucket.used, resetAt: githubTime(bucket.resetMs) };
      },
    });
    const repo = '/repos/([^/]+)/([^/]+)';
    this.routes = [
      { pattern: /^\/orgs\/([^/]+)$/, handle: ([org]) => ({ body: this.orgJson(this.org(org!)) }) },
      { pattern: /^\/orgs\/([^/]+)\/repos$/, handle: ([org], query, self) => this.orgRepositories(this.org(org!), query, self) },
      { pattern: /^\/user$/, handle: () => ({ body: this.userDetailJson(this.viewer) }) },
      { pattern: /^\/users\/([^/]+)$/, handle: ([login]) => ({ body: this.userDetailJson(this.store.user(login!) ?? notFound()) }) },
      { pattern: new RegExp(`^${repo}$`), handle: ([o, r]) => ({ body: this.repoJson(this.repository(o!, r!)) }) },
      { pattern: new RegExp(`^${repo}/pulls$`), handle: ([o, r], query, self) => this.pulls(this.repository(o!, r!), query, self) },
      { pattern: new RegExp(`^${repo}/pulls/comments$`), handle: ([o, r], query, self) => this.repositoryReviewComments(this.repository(o!, r!), query, self) },
      { pattern: new RegExp(`^${repo}/pulls/(\\d+)$`), handle: ([o, r, n]) => ({ body: this.pullJson(this.pull(o!, r!, n!), true) }) },
      {
        pattern: new RegExp(`^${repo}/pulls/(\\d+)/reviews$`),
        handle: ([o, r, n], query, self) => {
          const pr = this.pull(o!, r!, n!);
          return page(this.store.view(pr).reviews, query, self, (review) => this.reviewJson(pr, review));
        },
      },
      {
        pattern: new RegExp(`^${repo}/pulls/(\\d+)/commits$`),
        handle: ([o, r, n], query, self) => {
          const pr = this.pull(o!, r!, n!);
          return page(pr.commits.slice(0, REST_PULL_COMMITS_LIMIT), query, self, (c) => this.commitJson(pr, c));
        },
      },
      {
        pattern: new RegExp(`^${repo}/pulls/(\\d+)/comments$`),
        handle: ([o, r, n], query, self) => {
          const pr = this.pull(o!, r!, n!);
          return page(this.store.view(pr).reviewComments, query, self, (c) => this.reviewCommentJson(pr, c));
        },
      },
      { pattern: new RegExp(`^${repo}/issues/comments$`), handle: ([o, r], query, self) => this.repositoryIssueComments(this.repository(o!, r!), query, self) },
      {
        pattern: new RegExp(`^${repo}/issues/(\\d+)/comments$`),
        handle: ([o, r, n], query, self) => {
          const pr = this.pull(o!, r!, n!);
          const since = readSince(query);
          return page(
            pr.issueComments.filter((c) => since === undefined || c.updatedAt >= since),
            query,
            self,
            (c) => this.issueCommentJson(pr, c),
          );
        },
      },
      { pattern: new RegExp(`^${repo}/issues/events$`), handle: ([o, r], query, self) => page(this.repositoryIssueEvents(this.repository(o!, r!)), query, self, (event) => event) },
      {
        pattern: new RegExp(`^${repo}/issues/(\\d+)/timeline$`),
        handle: ([o, r, n], query, self) => page(this.timelineJson(this.pull(o!, r!, n!)), query, self, (event) => event),
      },
    ];
  }

  /** The server's current copy of the organisation (including changes made through it). */
  get organisation(): GithubOrganisationFixture {
    return this.store.organisation;
  }

  /** Starts listening on 127.0.0.1 (a free port); resolves to the base URL (use it as Octokit's `baseUrl`). */
  async start(): Promise<string> {
    if (this.server) throw new Error('FakeGithubServer already started');
    const server = createServer((req, res) => void this.handle(req, res));
    this.server = server;
    this.base = await listenOnLoopback(server);
    return this.base;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
  }

  /** What the calls so far cost, as GitHub would count it. */
  budget(): FakeGithubBudget {
    return { ...this.totals };
  }

  /** From now on every Nth request (of `target`) fails as described by `kind`. Plans add up. */
  inject(plan: FakeGithubFailurePlan): void {
    if (!Number.isInteger(plan.everyNth) || plan.everyNth < 1) throw new Error('everyNth must be a positive integer');
    this.failures.push({ plan, seen: 0 });
  }

  clearInjections(): void {
    this.failures.length = 0;
  }

  /** From now on every request answers 401 Bad credentials. */
  revokeToken(): void {
    this.revoked = true;
  }

  /**
   * Calls that arrived while an earlier rate-limit answer (injected or real) said to wait: a
   * client that honours `retry-after` and `x-ratelimit-reset` makes this empty. (Requests already
   * in flight when the limit was answered would show here too: send sequentially to assert it.)
   */
  earlyRetries(): FakeGithubCall[] {
    const early: FakeGithubCall[] = [];
    let waitUntil = 0;
    for (const call of this.calls) {
      if (call.at < waitUntil) early.push(call);
      if (call.retryAfterUntil !== undefined) waitUntil = Math.max(waitUntil, call.retryAfterUntil);
    }
    return early;
  }

  /**
   * Changes a pull request (add a review, a commit, merge it...) and stamps `updatedAt` with the
   * clock (or just after the latest update held, if later), as GitHub does on any activity, so an
   * incremental sync ordered by update time finds it first. Objects added must carry ids no other
   * object has (`newDatabaseId()`, `githubNodeId()`).
   */
  touchPullRequest(fullName: string, number: number, change: (pr: GithubPullRequestFixture) => void): GithubPullRequestFixture {
    return this.store.touchPullRequest(fullName, number, change, this.now().getTime());
  }

  /** Adds a pull request (opened between syncs) to its repository. */
  addPullRequest(pr: GithubPullRequestFixture): GithubPullRequestFixture {
    return this.store.addPullRequest(pr);
  }

  /** A database id no object of the server's organisation uses yet. */
  newDatabaseId(): number {
    return this.store.newDatabaseId();
  }

  // ---------------------------------------------------------------------------------------------
  // HTTP
  // ---------------------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    let path = url.pathname;
    let prefix = '';
    if (path === '/api/graphql') path = '/graphql';
    else if (path.startsWith('/api/v3/')) {
      prefix = '/api/v3';
      path = path.slice(prefix.length);
    }
    if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
    const resource: Resource = path === '/graphql' ? 'graphql' : 'core';

    let reply: Reply;
    try {
      const raw = method === 'POST' ? await readBody(req) : '';
      reply = await this.respond(method, path, prefix, url.searchParams, raw, req.headers);
    } catch (error) {
      reply =
        error instanceof HttpError
          ? { status: error.status, body: { message: error.message, documentation_url: DOCS, status: String(error.status), ...error.extra }, resource, counted: true }
          : { status: 500, body: { message: `FakeGithubServer: ${error instanceof Error ? error.message : String(error)}` }, resource, counted: false };
    }

    let status = reply.status;
    let text = reply.body === undefined ? '' : JSON.stringify(reply.body);
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'x-github-media-type': 'github.v3; format=json',
      'x-github-api-version-selected': '2022-11-28',
      'x-github-request-id': randomUUID().toUpperCase(),
    };
    if (status === 200) {
      const etag = `W/"${createHash('sha256').update(text).digest('hex')}"`;
      headers['etag'] = etag;
      if (method === 'GET' && matchesEtag(req.headers['if-none-match'], etag)) {
        status = 304;
        text = '';
        this.totals.conditionalHits++;
      }
    }
    if (reply.counted && status !== 304 && resource === 'core') {
      this.bucket('core').used++;
      this.totals.restRequests++;
    }
    if (resource === 'graphql' && reply.graphqlCost !== undefined) this.totals.graphqlRequests++;
    Object.assign(headers, this.rateHeaders(resource), reply.headers);

    this.calls.push({
      method,
      path: url.pathname + url.search,
      status,
      ...(reply.graphqlCost !== undefined ? { graphqlCost: reply.graphqlCost } : {}),
      ...(reply.graphqlOperation !== undefined ? { graphqlOperation: reply.graphqlOperation } : {}),
      ...(reply.retryAfterUntil !== undefined ? { retryAfterUntil: reply.retryAfterUntil } : {}),
      at,
    });
    if (status === 304) {
      delete headers['content-type'];
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(status, headers).end(text);
  }

  private async respond(method: string, path: string, prefix: string, query: URLSearchParams, raw: string, requestHeaders: IncomingHttpHeaders): Promise<Reply> {
    const resource: Resource = path === '/graphql' ? 'graphql' : 'core';
    if (path !== '/rate_limit') {
      const failure = this.injectedFailure(resource);
      if (failure) return failure;
    }
    const refused = this.authenticate(requestHeaders.authorization);
    if (refused) return { status: 401, body: { message: refused, documentation_url: DOCS, status: '401' }, resource, counted: false };

    if (resource === 'graphql') {
      if (method !== 'POST') throw new HttpError(404, 'Not Found');
      let request: unknown;
      try {
        request = raw === '' ? {} : JSON.parse(raw);
      } catch {
        throw new HttpError(400, 'Problems parsing JSON');
      }
      const result = await this.graphql.run(request);
      const reply: Reply = {
        status: 200,
        body: result.body as Json,
        resource,
        counted: false,
        graphqlCost: result.cost,
        ...(result.operationName ? { graphqlOperation: result.operationName } : {}),
      };
      if (result.rateLimited) {
        const bucket = this.bucket('graphql');
        reply.headers = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.ceil(bucket.resetMs / 1000)) };
        reply.retryAfterUntil = bucket.resetMs;
      }
      return reply;
    }

    if (path === '/rate_limit' && method === 'GET') return { status: 200, body: this.rateLimitJson(), resource, counted: false };
    const bucket = this.bucket('core');
    if (bucket.used >= bucket.limit) return this.primaryLimit('core', Math.ceil((bucket.resetMs - Date.now()) / 1000));
    if (method !== 'GET') throw new HttpError(404, 'Not Found');
    const self = `${this.base}${prefix}${path}`;
    for (const route of this.routes) {
      const match = route.pattern.exec(path);
      if (match) {
        const answer = route.handle(match.slice(1).map((p) => decodeURIComponent(p)), query, self);
        return { status: 200, body: answer.body, ...(answer.headers ? { headers: answer.headers } : {}), resource, counted: true };
      }
    }
    throw new HttpError(404, 'Not Found');
  }

  private authenticate(header: string | undefined): string | undefined {
    if (!header) return 'Requires authentication';
    const match = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(header);
    if (!match || this.revoked || match[1] !== this.token) return 'Bad credentials';
    return undefined;
  }

  private injectedFailure(resource: Resource): Reply | undefined {
    const target = resource === 'graphql' ? 'graphql' : 'rest';
    for (const failure of this.failures) {
      const wanted = failure.plan.target ?? 'all';
      if (wanted !== 'all' && wanted !== target) continue;
      failure.seen++;
      if (failure.seen % failure.plan.everyNth !== 0) continue;
      const seconds = failure.plan.retryAfterSeconds ?? 1;
      const until = Date.now() + seconds * 1000;
      const secondary = {
        message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.',
        documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
      };
      switch (failure.plan.kind) {
        case '429':
          return { status: 429, headers: { 'retry-after': String(seconds) }, body: { ...secondary, status: '429' }, resource, counted: false, retryAfterUntil: until };
        case 'secondary':
          return { status: 403, headers: { 'retry-after': String(seconds) }, body: { ...secondary, status: '403' }, resource, counted: false, retryAfterUntil: until };
        case 'primary':
          return this.primaryLimit(resource, seconds);
        case '502':
          return { status: 502, body: { message: 'Server Error' }, resource, counted: false };
      }
    }
    return undefined;
  }

  /** GitHub's answer when the hourly budget is spent: wait until `x-ratelimit-reset`. */
  private primaryLimit(resource: Resource, seconds: number): Reply {
    const reset = Math.ceil((Date.now() + seconds * 1000) / 1000);
    const headers = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) };
    const message = 'API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID.';
    if (resource === 'graphql') return { status: 200, headers, body: { errors: [{ type: 'RATE_LIMITED', message }] }, resource, counted: false, retryAfterUntil: reset * 1000 };
    return {
      status: 403,
      headers,
      body: { message, documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-primary-rate-limits', status: '403' },
      resource,
      counted: false,
      retryAfterUntil: reset * 1000,
    };
  }

  private bucket(resource: Resource): Bucket {
    const bucket = this.buckets[resource];
    const now = Date.now();
    if (now >= bucket.resetMs) {
      bucket.used = 0;
      bucket.resetMs = now + 3_600_000;
    }
    return bucket;
  }

  private rateHeaders(resource: Resource): Record<string, string> {
    const bucket = this.bucket(resource);
    return {
      'x-ratelimit-limit': String(bucket.limit),
      'x-ratelimit-remaining': String(Math.max(0, bucket.limit - bucket.used)),
      'x-ratelimit-used': String(bucket.used),
      'x-ratelimit-reset': String(Math.ceil(bucket.resetMs / 1000)),
      'x-ratelimit-resource': resource,
    };
  }

  private rateLimitJson(): JsonObject {
    const entry = (resource: Resource): JsonObject => {
      const b = this.bucket(resource);
      return { limit: b.limit, used: b.used, remaining: Math.max(0, b.limit - b.used), reset: Math.ceil(b.resetMs / 1000) };
    };
    const reset = Math.ceil(this.buckets.core.resetMs / 1000);
    return {
      resources: { core: entry('core'), graphql: entry('graphql'), search: { limit: 30, used: 0, remaining: 30, reset } },
      rate: entry('core'),
    };
  }

  // ---------------------------------------------------------------------------------------------
  // REST resources
  // ---------------------------------------------------------------------------------------------

  private org(login: string): string {
    if (login.toLowerCase() !== this.store.fixture.org.toLowerCase()) notFound();
    return this.store.fixture.org;
  }

  private repository(owner: string, name: string): GithubRepositoryFixture {
    return this.store.repository(`${owner}/${name}`) ?? notFound();
  }

  private pull(owner: string, name: string, number: string): GithubPullRequestFixture {
    const repository = this.repository(owner, name);
    return this.store.pullRequest(repository.fullName, Number(number)) ?? notFound();
  }

  private orgRepositories(org: string, query: URLSearchParams, self: string): { body: Json; headers?: Record<string, string> } {
    const type = query.get('type') ?? 'all';
    const sort = query.get('sort') ?? 'created';
    if (!['all', 'public', 'private', 'forks', 'sources', 'member'].includes(type)) validationFailed('type');
    if (!['created', 'updated', 'pushed', 'full_name'].includes(sort)) validationFailed('sort');
    const direction = query.get('direction') ?? (sort === 'full_name' ? 'asc' : 'desc');
    const key = (r: GithubRepositoryFixture): string => (sort === 'full_name' ? r.fullName.toLowerCase() : sort === 'created' ? r.createdAt : r.pushedAt);
    const list = this.store.fixture.repositories
      .filter((r) => r.owner === org && (type === 'public' ? !r.private : type === 'private' ? r.private : type !== 'forks'))
      .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.databaseId - b.databaseId));
    if (direction === 'desc') list.reverse();
    return page(list, query, self, (r) => this.repoJson(r));
  }

  /** `state` open|closed|all (default open), `sort` created|updated (default created), `direction` (default desc for created, else asc). */
  private pulls(repository: GithubRepositoryFixture, query: URLSearchParams, self: string): { body: Json; headers?: Record<string, string> } {
    const state = query.get('state') ?? 'open';
    const sort = query.get('sort') ?? 'created';
    const direction = query.get('direction') ?? (sort === 'created' ? 'desc' : 'asc');
    if (!['open', 'closed', 'all'].includes(state)) validationFailed('state');
    if (!['created', 'updated'].includes(sort)) validationFailed('sort');
    if (!['asc', 'desc'].includes(direction)) validationFailed('direction');
    const states: GithubPullRequestState[] = state === 'open' ? ['OPEN'] : state === 'closed' ? ['CLOSED', 'MERGED'] : ['OPEN', 'CLOSED', 'MERGED'];
    let list = this.store.pullRequests(repository.fullName, states, sort === 'created' ? 'createdAt' : 'updatedAt', direction === 'asc' ? 'ASC' : 'DESC');
    const base = query.get('base');
    const head = query.get('head');
    if (base !== null || head !== null) list = list.filter((pr) => (base === null || pr.baseRefName === base) && (head === null || `${this.store.fixture.org}:${pr.headRefName}` === head));
    return page(list, query, self, (pr) => this.pullJson(pr, false));
  }

  /** Repository-wide review comments: `since` (updated at or after), `sort` created|updated, `direction` (default asc). */
  private repositoryReviewComments(repository: GithubRepositoryFixture, query: URLSearchParams, self: string): { body: Json; headers?: Record<string, string> } {
    const list = this.sinceList((field) => this.store.repositoryReviewComments(repository.fullName, field), query);
    return pageRange(list, query, self, ({ pr, comment }) => this.reviewCommentJson(pr, comment));
  }

  /** Repository-wide conversation comments (here: of pull requests), same parameters. */
  private repositoryIssueComments(repository: GithubRepositoryFixture, query: URLSearchParams, self: string): { body: Json; headers?: Record<string, string> } {
    const list = this.sinceList((field) => this.store.repositoryIssueComments(repository.fullName, field), query);
    return pageRange(list, query, self, ({ pr, comment }) => this.issueCommentJson(pr, comment));
  }

  /**
   * The part of a sorted comment list a `since`/`sort`/`direction` query selects: by update time,
   * `since` is a binary search into the list; by creation time it filters (once per query).
   */
  private sinceList<T extends { createdAt: string; updatedAt: string }>(
    listOf: (field: GithubPullSortField) => readonly GithubCommentEntry<T>[],
    query: URLSearchParams,
  ): Range<GithubCommentEntry<T>> {
    const sort = query.get('sort') ?? 'created';
    const direction = query.has('sort') ? (query.get('direction') ?? 'asc') : 'asc';
    if (!['created', 'updated'].includes(sort)) validationFailed('sort');
    if (!['asc', 'desc'].includes(direction)) validationFailed('direction');
    const since = readSince(query);
    const reverse = direction === 'desc';
    if (sort === 'updated') {
      const list = listOf('updatedAt');
      let from = 0;
      if (since !== undefined) {
        let high = list.length;
        while (from < high) {
          const mid = (from + high) >>> 1;
          if (list[mid]!.comment.updatedAt < since) from = mid + 1;
          else high = mid;
        }
      }
      return { items: list, from, to: list.length, reverse };
    }
    const all = listOf('createdAt');
    const list = since === undefined ? all : all.filter((e) => e.comment.updatedAt >= since);
    return { items: list, from: 0, to: list.length, reverse };
  }

  // ---------------------------------------------------------------------------------------------
  // REST JSON shapes
  // ---------------------------------------------------------------------------------------------

  private userJson(login: string | null): JsonObject | null {
    if (login === null) return null;
    const user = this.store.user(login) ?? GHOST;
    return {
      login: user.login,
      id: user.databaseId,
      node_id: user.nodeId,
      avatar_url: `https://avatars.githubusercontent.com/u/${user.databaseId}?v=4`,
      gravatar_id: '',
      url: `${this.base}/users/${user.login}`,
      html_url: `${GITHUB}/${user.type === 'Bot' ? `apps/${user.login.replace(/\[bot\]$/, '')}` : user.login}`,
      type: user.type,
      user_view_type: 'public',
      site_admin: false,
    };
  }

  private userDetailJson(user: GithubUserFixture): JsonObject {
    return {
      ...this.userJson(user.login),
      name: user.name,
      company: null,
      blog: '',
      location: null,
      email: user.email ?? null,
      hireable: null,
      bio: null,
      public_repos: 0,
      followers: 0,
      following: 0,
      created_at: '2015-01-01T00:00:00Z',
      updated_at: this.store.fixture.window.start,
    };
  }

  private orgJson(org: string): JsonObject {
    const fixture = this.store.fixture;
    return {
      login: org,
      id: fixture.orgDatabaseId,
      node_id: fixture.orgNodeId,
      url: `${this.base}/orgs/${org}`,
      repos_url: `${this.base}/orgs/${org}/repos`,
      avatar_url: `https://avatars.githubusercontent.com/u/${fixture.orgDatabaseId}?v=4`,
      description: null,
      html_url: `${GITHUB}/${org}`,
      type: 'Organization',
    };
  }

  private ownerJson(): JsonObject {
    const fixture = this.store.fixture;
    return {
      login: fixture.org,
      id: fixture.orgDatabaseId,
      node_id: fixture.orgNodeId,
      avatar_url: `https://avatars.githubusercontent.com/u/${fixture.orgDatabaseId}?v=4`,
      gravatar_id: '',
      url: `${this.base}/users/${fixture.org}`,
      html_url: `${GITHUB}/${fixture.org}`,
      type: 'Organization',
      user_view_type: 'public',
      site_admin: false,
    };
  }

  private repoJson(r: GithubRepositoryFixture): JsonObject {
    const api = `${this.base}/repos/${r.fullName}`;
    return {
      id: r.databaseId,
      node_id: r.nodeId,
      name: r.name,
      full_name: r.fullName,
      private: r.private,
      owner: this.ownerJson(),
      html_url: `${GITHUB}/${r.fullName}`,
      description: null,
      fork: false,
      url: api,
      pulls_url: `${api}/pulls{/number}`,
      issue_comment_url: `${api}/issues/comments{/number}`,
      created_at: r.createdAt,
      updated_at: r.pushedAt,
      pushed_at: r.pushedAt,
      homepage: null,
      size: 1024,
      language: 'TypeScript',
      archived: r.archived,
      disabled: false,
      visibility: r.private ? 'private' : 'public',
      default_branch: r.defaultBranch,
      topics: [],
      has_issues: true,
      open_issues_count: this.store.pullRequests(r.fullName, ['OPEN'], 'createdAt', 'ASC').length,
      permissions: { admin: false, maintain: false, push: false, triage: false, pull: true },
    };
  }

  private teamJson(team: GithubTeamFixture): JsonObject {
    const fixture = this.store.fixture;
    return {
      id: team.databaseId,
      node_id: team.nodeId,
      url: `${this.base}/organizations/${fixture.orgDatabaseId}/team/${team.databaseId}`,
      html_url: `${GITHUB}/orgs/${fixture.org}/teams/${team.slug}`,
      name: team.name,
      slug: team.slug,
      description: null,
      privacy: 'closed',
      notification_setting: 'notifications_enabled',
      permission: 'pull',
      members_url: `${this.base}/organizations/${fixture.orgDatabaseId}/team/${team.databaseId}/members{/member}`,
      repositories_url: `${this.base}/organizations/${fixture.orgDatabaseId}/team/${team.databaseId}/repos`,
      parent: null,
    };
  }

  private association(login: string): string {
    const user = this.store.user(login);
    return user?.personId ? 'MEMBER' : user?.type === 'Bot' ? 'NONE' : 'CONTRIBUTOR';
  }

  private pullJson(pr: GithubPullRequestFixture, detail: boolean): JsonObject {
    const repository = this.store.repository(pr.repository)!;
    const view = this.store.view(pr);
    const api = `${this.base}/repos/${pr.repository}`;
    const html = `${GITHUB}/${pr.repository}/pull/${pr.number}`;
    const repo = this.repoJson(repository);
    const org = this.store.fixture.org;
    const json: JsonObject = {
      url: `${api}/pulls/${pr.number}`,
      id: pr.databaseId,
      node_id: pr.nodeId,
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      issue_url: `${api}/issues/${pr.number}`,
      number: pr.number,
      state: pr.state === 'OPEN' ? 'open' : 'closed',
      locked: false,
      title: pr.title,
      user: this.userJson(pr.author),
      body: pr.body,
      created_at: pr.createdAt,
      updated_at: pr.updatedAt,
      closed_at: pr.closedAt,
      merged_at: pr.mergedAt,
      merge_commit_sha: pr.mergeCommitOid,
      assignee: null,
      assignees: [],
      requested_reviewers: view.requested.flatMap((r) => (r.kind === 'Team' ? [] : [this.userJson(r.login)])),
      requested_teams: view.requested.flatMap((r) => {
        const team = r.kind === 'Team' ? this.store.team(r.slug) : undefined;
        return team ? [this.teamJson(team)] : [];
      }),
      labels: pr.traits.includes('dependency') ? [{ id: 1, node_id: 'LA_dependencies', name: 'dependencies', color: '0366d6', default: false, description: null }] : [],
      milestone: null,
      draft: pr.isDraft,
      commits_url: `${api}/pulls/${pr.number}/commits`,
      review_comments_url: `${api}/pulls/${pr.number}/comments`,
      review_comment_url: `${api}/pulls/comments{/number}`,
      comments_url: `${api}/issues/${pr.number}/comments`,
      statuses_url: `${api}/statuses/${view.headSha}`,
      head: { label: `${org}:${pr.headRefName}`, ref: pr.headRefName, sha: view.headSha, user: this.userJson(pr.author), repo },
      base: { label: `${org}:${pr.baseRefName}`, ref: pr.baseRefName, sha: view.baseSha, user: this.ownerJson(), repo },
      _links: {
        self: { href: `${api}/pulls/${pr.number}` },
        html: { href: html },
        issue: { href: `${api}/issues/${pr.number}` },
        comments: { href: `${api}/issues/${pr.number}/comments` },
        review_comments: { href: `${api}/pulls/${pr.number}/comments` },
        review_comment: { href: `${api}/pulls/comments{/number}` },
        commits: { href: `${api}/pulls/${pr.number}/commits` },
        statuses: { href: `${api}/statuses/${view.headSha}` },
      },
      author_association: this.association(pr.author),
      auto_merge: null,
      active_lock_reason: null,
    };
    if (!detail) return json;
    return {
      ...json,
      merged: pr.state === 'MERGED',
      mergeable: pr.state === 'OPEN' ? true : null,
      rebaseable: pr.state === 'OPEN' ? true : null,
      mergeable_state: pr.state === 'OPEN' ? (pr.isDraft ? 'draft' : 'clean') : 'unknown',
      merged_by: this.userJson(pr.mergedBy),
      comments: pr.issueComments.length,
      review_comments: view.reviewComments.length,
      maintainer_can_modify: false,
      commits: pr.commits.length,
      additions: pr.additions,
      deletions: pr.deletions,
      changed_files: pr.changedFiles,
    };
  }

  private reviewJson(pr: GithubPullRequestFixture, review: GithubReviewFixture): JsonObject {
    const html = `${GITHUB}/${pr.repository}/pull/${pr.number}#pullrequestreview-${review.databaseId}`;
    const pullUrl = `${this.base}/repos/${pr.repository}/pulls/${pr.number}`;
    return {
      id: review.databaseId,
      node_id: review.nodeId,
      user: this.userJson(review.author),
      body: review.body,
      state: review.state,
      html_url: html,
      pull_request_url: pullUrl,
      author_association: this.association(review.author),
      _links: { html: { href: html }, pull_request: { href: pullUrl } },
      ...(review.submittedAt ? { submitted_at: review.submittedAt } : {}),
      commit_id: review.commitOid,
    };
  }

  private reviewCommentJson(pr: GithubPullRequestFixture, c: GithubReviewCommentFixture): JsonObject {
    const api = `${this.base}/repos/${pr.repository}`;
    const html = `${GITHUB}/${pr.repository}/pull/${pr.number}#discussion_r${c.databaseId}`;
    const commit = pr.reviews.find((r) => r.databaseId === c.reviewId)?.commitOid ?? this.store.view(pr).headSha;
    return {
      url: `${api}/pulls/comments/${c.databaseId}`,
      pull_request_review_id: c.reviewId,
      id: c.databaseId,
      node_id: c.nodeId,
      diff_hunk: `@@ -${c.line},3 +${c.line},4 @@`,
      path: c.path,
      position: c.line,
      original_position: c.line,
      commit_id: commit,
      original_commit_id: commit,
      ...(c.inReplyTo !== undefined ? { in_reply_to_id: c.inReplyTo } : {}),
      user: this.userJson(c.author),
      body: c.body,
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      html_url: html,
      pull_request_url: `${api}/pulls/${pr.number}`,
      author_association: this.association(c.author),
      _links: { self: { href: `${api}/pulls/comments/${c.databaseId}` }, html: { href: html }, pull_request: { href: `${api}/pulls/${pr.number}` } },
      start_line: null,
      original_start_line: null,
      start_side: null,
      line: c.line,
      original_line: c.line,
      side: 'RIGHT',
      subject_type: 'line',
    };
  }

  private issueCommentJson(pr: GithubPullRequestFixture, c: GithubIssueCommentFixture): JsonObject {
    const api = `${this.base}/repos/${pr.repository}`;
    return {
      url: `${api}/issues/comments/${c.databaseId}`,
      html_url: `${GITHUB}/${pr.repository}/pull/${pr.number}#issuecomment-${c.databaseId}`,
      issue_url: `${api}/issues/${pr.number}`,
      id: c.databaseId,
      node_id: c.nodeId,
      user: this.userJson(c.author),
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      author_association: this.association(c.author),
      body: c.body,
      performed_via_github_app: null,
    };
  }

  private gitActorJson(actor: GithubCommitFixture['author'], date: string): JsonObject {
    return { name: actor.name, email: actor.email, date };
  }

  private commitJson(pr: GithubPullRequestFixture, c: GithubCommitFixture): JsonObject {
    const api = `${this.base}/repos/${pr.repository}`;
    const parents = this.store.view(pr).parents[pr.commits.indexOf(c)] ?? [];
    return {
      sha: c.oid,
      node_id: `C_${c.oid}`,
      commit: {
        author: this.gitActorJson(c.author, c.authoredDate),
        committer: this.gitActorJson(c.committer, c.committedDate),
        message: c.message,
        tree: { sha: createHash('sha1').update(`tree:${c.oid}`).digest('hex'), url: `${api}/git/trees/${c.oid}` },
        url: `${api}/git/commits/${c.oid}`,
        comment_count: 0,
        verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
      },
      url: `${api}/commits/${c.oid}`,
      html_url: `${GITHUB}/${pr.repository}/commit/${c.oid}`,
      comments_url: `${api}/commits/${c.oid}/comments`,
      author: c.author.login ? this.userJson(c.author.login) : null,
      committer: c.committer.login ? this.userJson(c.committer.login) : null,
      parents: parents.map((sha) => ({ sha, url: `${api}/commits/${sha}`, html_url: `${GITHUB}/${pr.repository}/commit/${sha}` })),
    };
  }

  /**
   * A pull request's issue events (the fixture's draft, review-request and force-push events, then
   * `merged` and `closed`), in REST's spelling, with when they happened: its timeline's events, and
   * what the repository-wide listing (`GET /repos/{o}/{r}/issues/events`) shows of it.
   */
  private issueEventsOf(pr: GithubPullRequestFixture): { at: string; json: JsonObject }[] {
    const api = `${this.base}/repos/${pr.repository}`;
    const view = this.store.view(pr);
    const entries: { at: string; json: JsonObject }[] = [];
    const names: Record<GithubTimelineEventFixture['type'], string> = {
      READY_FOR_REVIEW_EVENT: 'ready_for_review',
      CONVERT_TO_DRAFT_EVENT: 'convert_to_draft',
      REVIEW_REQUESTED_EVENT: 'review_requested',
      REVIEW_REQUEST_REMOVED_EVENT: 'review_request_removed',
      HEAD_REF_FORCE_PUSHED_EVENT: 'head_ref_force_pushed',
    };
    const issueEvent = (id: number, nodeId: string, event: string, actor: string | null, at: string, commit: string | null): JsonObject => ({
      id,
      node_id: nodeId,
      url: `${api}/issues/events/${id}`,
      actor: this.userJson(actor),
      event,
      commit_id: commit,
      commit_url: commit ? `${api}/commits/${commit}` : null,
      created_at: at,
      performed_via_github_app: null,
    });
    for (const e of pr.timeline) {
      const json = issueEvent(e.databaseId, e.nodeId, names[e.type], e.actor, e.createdAt, e.type === 'HEAD_REF_FORCE_PUSHED_EVENT' ? view.headSha : null);
      const reviewer = e.requestedReviewer;
      if (reviewer) {
        json['review_requester'] = this.userJson(e.actor);
        if (reviewer.kind === 'Team') {
          const team = this.store.team(reviewer.slug);
          if (team) json['requested_team'] = this.teamJson(team);
        } else {
          json['requested_reviewer'] = this.userJson(reviewer.login);
        }
      }
      entries.push({ at: e.createdAt, json });
    }
    // Issue event ids of their own, clear of the timeline events' range (see GITHUB_ID_RANGES).
    const closedId = 30_000_000_000 + pr.databaseId;
    if (pr.mergedAt) entries.push({ at: pr.mergedAt, json: issueEvent(closedId * 2, `ME_${pr.databaseId}`, 'merged', pr.mergedBy, pr.mergedAt, pr.mergeCommitOid) });
    if (pr.closedAt) entries.push({ at: pr.closedAt, json: issueEvent(closedId * 2 + 1, `CE_${pr.databaseId}`, 'closed', pr.mergedBy ?? pr.closedBy, pr.closedAt, pr.mergeCommitOid) });
    return entries;
  }

  /**
   * The issue timeline of a pull request, oldest first: its issue events plus `committed`,
   * `reviewed` and `commented`, in REST's spelling.
   */
  private timelineJson(pr: GithubPullRequestFixture): JsonObject[] {
    const view = this.store.view(pr);
    const entries = this.issueEventsOf(pr);
    for (const c of pr.commits) {
      const full = this.commitJson(pr, c);
      const commit = full['commit'] as JsonObject;
      entries.push({
        at: c.committedDate,
        json: {
          event: 'committed',
          sha: c.oid,
          node_id: full['node_id'],
          url: commit['url'],
          html_url: full['html_url'],
          author: commit['author'],
          committer: commit['committer'],
          tree: commit['tree'],
          message: c.message,
          parents: full['parents'],
          verification: commit['verification'],
        },
      });
    }
    for (const r of view.reviews) entries.push({ at: r.submittedAt ?? r.createdAt, json: { event: 'reviewed', ...this.reviewJson(pr, r), state: r.state.toLowerCase() } });
    for (const c of pr.issueComments) entries.push({ at: c.createdAt, json: { event: 'commented', actor: this.userJson(c.author), ...this.issueCommentJson(pr, c) } });
    return entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)).map((e) => e.json);
  }

  /**
   * `GET /repos/{o}/{r}/issues/events`: the issue events of every pull request of the repository,
   * newest first, each naming its issue (a pull request), as GitHub lists them.
   */
  private repositoryIssueEvents(repository: GithubRepositoryFixture): JsonObject[] {
    const entries = this.store.pullRequests(repository.fullName, ['OPEN', 'CLOSED', 'MERGED'], 'createdAt', 'ASC').flatMap((pr) => {
      const issue = { id: pr.databaseId, node_id: pr.nodeId, number: pr.number, url: `${this.base}/repos/${pr.repository}/issues/${pr.number}`, pull_request: { url: `${this.base}/repos/${pr.repository}/pulls/${pr.number}` } };
      return this.issueEventsOf(pr).map((e) => ({ at: e.at, id: e.json['id'] as number, json: { ...e.json, issue } }));
    });
    return entries.sort((a, b) => (a.at !== b.at ? (a.at < b.at ? 1 : -1) : b.id - a.id)).map((e) => e.json);
  }
}

// -----------------------------------------------------------------------------------------------
// Helpers
// -----------------------------------------------------------------------------------------------

interface Range<T> {
  items: readonly T[];
  from: number;
  to: number;
  reverse: boolean;
}

function notFound(): never {
  throw new HttpError(404, 'Not Found');
}

function validationFailed(field: string): never {
  throw new HttpError(422, 'Validation Failed', { errors: [{ field, code: 'invalid' }] });
}

function readSince(query: URLSearchParams): string | undefined {
  const since = query.get('since');
  if (since === null || since === '') return undefined;
  const ms = Date.parse(since);
  if (Number.isNaN(ms)) validationFailed('since');
  return githubTime(ms);
}

function matchesEtag(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const strip = (tag: string): string => tag.trim().replace(/^W\//, '');
  const wanted = strip(etag);
  return (Array.isArray(header) ? header.join(',') : header).split(',').some((tag) => tag.trim() === '*' || strip(tag) === wanted);
}

/** `per_page` (default 30, at most 100) and `page` (from 1). */
function pageParams(query: URLSearchParams): { perPage: number; page: number } {
  const perPage = Number.parseInt(query.get('per_page') ?? '', 10);
  const page = Number.parseInt(query.get('page') ?? '', 10);
  return { perPage: Number.isNaN(perPage) || perPage < 1 ? 30 : Math.min(perPage, 100), page: Number.isNaN(page) || page < 1 ? 1 : page };
}

function page<T>(items: readonly T[], query: URLSearchParams, self: string, toJson: (item: T) => Json): { body: Json; headers?: Record<string, string> } {
  return pageRange({ items, from: 0, to: items.length, reverse: false }, query, self, toJson);
}

/** One page of a range, with GitHub's `Link` header (`prev`, `next`, `last`, `first`). */
function pageRange<T>(range: Range<T>, query: URLSearchParams, self: string, toJson: (item: T) => Json): { body: Json; headers?: Record<string, string> } {
  const { perPage, page: pageNumber } = pageParams(query);
  const total = range.to - range.from;
  const start = (pageNumber - 1) * perPage;
  const end = Math.min(total, start + perPage);
  const body: Json[] = [];
  for (let i = start; i < end; i++) body.push(toJson(range.items[range.reverse ? range.to - 1 - i : range.from + i]!));
  const last = Math.max(1, Math.ceil(total / perPage));
  const link = (n: number, rel: string): string => {
    const params = new URLSearchParams(query);
    params.set('page', String(n));
    return `<${self}?${params.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (pageNumber > 1) links.push(link(Math.min(pageNumber - 1, last), 'prev'));
  if (pageNumber < last) links.push(link(pageNumber + 1, 'next'), link(last, 'last'));
  if (pageNumber > 1) links.push(link(1, 'first'));
  return { body, ...(links.length > 0 ? { headers: { link: links.join(', ') } } : {}) };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'Payload Too Large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
