import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildClientSchema,
  execute,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { githubGraphqlCost, type GithubGraphqlErrorJson } from './github-graphql-cost';
import {
  coAuthorsOf,
  type GithubCommitFixture,
  type GithubGitActorFixture,
  type GithubIssueCommentFixture,
  type GithubPullRequestFixture,
  type GithubPullRequestState,
  type GithubRepositoryFixture,
  type GithubRequestedReviewerFixture,
  type GithubReviewCommentFixture,
  type GithubReviewFixture,
  type GithubTeamFixture,
  type GithubTimelineEventFixture,
  type GithubTimelineEventType,
  type GithubUserFixture,
} from './github-organisation';
import { sha1Hex, type FakeGithubStore, type GithubPullSortField, type GithubSortDirection } from './fake-github-store';

let schemaCache: GraphQLSchema | undefined;

/**
 * GitHub's public GraphQL schema, from `@octokit/graphql-schema`'s introspection JSON (its SDL file
 * defines some fields twice, which `buildSchema` refuses). Built once per process.
 */
export function githubGraphqlSchema(): GraphQLSchema {
  if (!schemaCache) {
    const searched = [...(require.resolve.paths('@octokit/graphql-schema') ?? []), join(process.cwd(), 'node_modules')];
    const file = searched.map((dir) => join(dir, '@octokit', 'graphql-schema', 'schema.json')).find((candidate) => existsSync(candidate));
    if (!file) throw new Error(`@octokit/graphql-schema/schema.json not found (searched ${searched.join(', ')})`);
    const introspection = JSON.parse(readFileSync(file, 'utf8')) as { data?: IntrospectionQuery } & Partial<IntrospectionQuery>;
    schemaCache = buildClientSchema(introspection.data ?? (introspection as IntrospectionQuery));
  }
  return schemaCache;
}

/** The rate-limit state after charging a query, or `undefined` when its cost exceeds what is left. */
export interface GraphqlRateLimitState {
  limit: number;
  remaining: number;
  used: number;
  resetAt: string;
}

export interface FakeGithubGraphqlOptions {
  /** Charges `cost` points; undefined when not enough are left (nothing charged then). */
  charge: (cost: number) => GraphqlRateLimitState | undefined;
  viewer: GithubUserFixture;
}

export interface FakeGithubGraphqlResult {
  body: { data?: unknown; errors?: GithubGraphqlErrorJson[] };
  /** Points charged (0 when the query was refused before running). */
  cost: number;
  operationName?: string;
  /** The query was refused for lack of points (`RATE_LIMITED`). */
  rateLimited: boolean;
}

/** An error GitHub reports with a `type` (NOT_FOUND, INVALID_CURSOR_ARGUMENTS...). */
export class GithubGraphqlError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

type Args = Record<string, unknown>;
type View = Record<string, unknown>;
/** A connection cursor's position: items are in ascending key order. */
type CursorKey = [number, number];

const TIMELINE_TYPENAMES: Record<GithubTimelineEventType, string> = {
  READY_FOR_REVIEW_EVENT: 'ReadyForReviewEvent',
  CONVERT_TO_DRAFT_EVENT: 'ConvertToDraftEvent',
  REVIEW_REQUESTED_EVENT: 'ReviewRequestedEvent',
  REVIEW_REQUEST_REMOVED_EVENT: 'ReviewRequestRemovedEvent',
  HEAD_REF_FORCE_PUSHED_EVENT: 'HeadRefForcePushedEvent',
};
const GITHUB = 'https://github.com';

/**
 * Resolves a field from the view object: a function is called with the field's arguments, a
 * value is returned as is, and a field the fake does not provide is an error naming it (rather
 * than a silent null the real API would not send).
 */
const fieldResolver: GraphQLFieldResolver<unknown, unknown, Args> = (source, args, _context, info) => {
  if (source === null || typeof source !== 'object') return null;
  const value: unknown = Reflect.get(source, info.fieldName);
  if (typeof value === 'function') return (value as (args: Args) => unknown).call(source, args);
  if (value === undefined) throw new Error(`FakeGithubServer does not implement ${info.parentType.name}.${info.fieldName}`);
  return value;
};

/**
 * Runs GraphQL requests the way api.github.com does: parsed and validated against GitHub's real
 * schema (a field GitHub does not have is refused with `errors`), checked for pagination bounds,
 * charged its cost (see `githubGraphqlCost`), then executed by graphql-js over the store.
 * Implemented: `rateLimit`, `viewer`, `repository`, `organization`, `user`, `node`/`nodes`, and on
 * the way: repositories, pull requests, reviews, review and conversation comments, commits (with
 * their git actors and parents), the five timeline event types Undercurrent reads, users, bots,
 * teams. Bots are `Bot` objects whose `login` has no `[bot]` suffix, as on GitHub; a commit's
 * `author.user` is null for bots (it is a `User` field).
 */
export class FakeGithubGraphql {
  private readonly schema = githubGraphqlSchema();
  private readonly documents = new Map<string, DocumentNode | readonly GraphQLError[]>();

  constructor(
    private readonly store: FakeGithubStore,
    private readonly options: FakeGithubGraphqlOptions,
  ) {}

  async run(request: unknown): Promise<FakeGithubGraphqlResult> {
    const refuse = (errors: GithubGraphqlErrorJson[], operationName?: string): FakeGithubGraphqlResult => ({
      body: { errors },
      cost: 0,
      rateLimited: false,
      ...(operationName ? { operationName } : {}),
    });
    const body = typeof request === 'object' && request !== null ? (request as Record<string, unknown>) : {};
    const source = body['query'];
    if (typeof source !== 'string') return refuse([{ message: 'A query attribute must be specified and must be a string.' }]);
    const variables = typeof body['variables'] === 'object' && body['variables'] !== null ? (body['variables'] as Record<string, unknown>) : {};
    const requestedName = typeof body['operationName'] === 'string' ? body['operationName'] : undefined;

    const document = this.document(source);
    if (!('kind' in document)) return refuse(document.map((e) => toJson(e)));
    const operation = getOperationAST(document, requestedName);
    if (!operation) return refuse([{ message: requestedName ? `No operation named "${requestedName}"` : 'An operation name is required when the document holds several operations.' }]);
    const operationName = operation.name?.value;
    if (operation.operation !== 'query') return refuse([{ message: 'FakeGithubServer answers queries only.' }], operationName);
    const coerced = getVariableValues(this.schema, operation.variableDefinitions ?? [], variables);
    if (coerced.errors) return refuse(coerced.errors.map((e) => toJson(e)), operationName);
    const cost = githubGraphqlCost(this.schema, document, operation, coerced.coerced);
    if (cost.errors.length > 0) return refuse(cost.errors, operationName);
    const rate = this.options.charge(cost.cost);
    if (!rate) {
      return {
        body: { errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded for user ID 1.' }] },
        cost: 0,
        rateLimited: true,
        ...(operationName ? { operationName } : {}),
      };
    }
    const rootValue: View = {
      rateLimit: () => ({ cost: cost.cost, limit: rate.limit, remaining: rate.remaining, used: rate.used, resetAt: rate.resetAt, nodeCount: cost.nodes }),
      viewer: () => this.user(this.options.viewer),
      repository: (args: Args) => {
        const owner = String(args['owner']);
        const name = String(args['name']);
        const repository = this.store.repository(`${owner}/${name}`);
        if (!repository) throw new GithubGraphqlError('NOT_FOUND', `Could not resolve to a Repository with the name '${owner}/${name}'.`);
        return this.repository(repository);
      },
      organization: (args: Args) => {
        if (String(args['login']).toLowerCase() !== this.store.fixture.org.toLowerCase()) {
          throw new GithubGraphqlError('NOT_FOUND', `Could not resolve to an Organization with the login of '${String(args['login'])}'.`);
        }
        return this.organization();
      },
      user: (args: Args) => {
        const user = this.store.user(String(args['login']));
        if (!user || user.type !== 'User') throw new GithubGraphqlError('NOT_FOUND', `Could not resolve to a User with the login of '${String(args['login'])}'.`);
        return this.user(user);
      },
      node: (args: Args) => this.node(String(args['id'])),
      nodes: (args: Args) => (Array.isArray(args['ids']) ? args['ids'] : []).map((id) => this.node(String(id))),
    };
    const result = await execute({ schema: this.schema, document, rootValue, variableValues: variables, operationName: requestedName, fieldResolver });
    return {
      body: { ...(result.data !== undefined ? { data: result.data } : {}), ...(result.errors ? { errors: result.errors.map((e) => toJson(e)) } : {}) },
      cost: cost.cost,
      rateLimited: false,
      ...(operationName ? { operationName } : {}),
    };
  }

  /** Parsed and validated once per distinct query text. */
  private document(source: string): DocumentNode | readonly GraphQLError[] {
    let cached = this.documents.get(source);
    if (!cached) {
      try {
        const document = parse(source);
        const errors = validate(this.schema, document);
        cached = errors.length > 0 ? errors : document;
      } catch (error) {
        cached = [error instanceof GraphQLError ? error : new GraphQLError(String(error))];
      }
      if (this.documents.size > 200) this.documents.clear();
      this.documents.set(source, cached);
    }
    return cached;
  }

  // ---------------------------------------------------------------------------------------------
  // Views: plain objects whose properties are the GraphQL fields
  // ---------------------------------------------------------------------------------------------

  private node(id: string): View {
    const ref = this.store.node(id);
    if (!ref) throw new GithubGraphqlError('NOT_FOUND', `Could not resolve to a node with the global id of '${id}'`);
    switch (ref.kind) {
      case 'organisation':
        return this.organization();
      case 'user':
        return this.actorOf(ref.user);
      case 'team':
        return this.team(ref.team);
      case 'repository':
        return this.repository(ref.repository);
      case 'pullRequest':
        return this.pullRequest(ref.pr);
      case 'review':
        return this.review(ref.pr, ref.review);
      case 'reviewComment':
        return this.reviewComment(ref.pr, ref.comment);
      case 'issueComment':
        return this.issueComment(ref.pr, ref.comment);
      case 'timelineEvent':
        return this.timelineEvent(ref.pr, ref.event);
    }
  }

  private organization(): View {
    const org = this.store.fixture;
    return {
      __typename: 'Organization',
      id: org.orgNodeId,
      databaseId: org.orgDatabaseId,
      login: org.org,
      name: org.org,
      url: `${GITHUB}/${org.org}`,
      resourcePath: `/${org.org}`,
      repositories: (args: Args) =>
        connection(
          [...org.repositories].sort((a, b) => a.databaseId - b.databaseId),
          args,
          (r) => [r.databaseId, 0],
          (r) => this.repository(r),
        ),
      team: (args: Args) => {
        const team = this.store.team(String(args['slug']));
        return team ? this.team(team) : null;
      },
    };
  }

  private user(user: GithubUserFixture): View {
    return {
      __typename: 'User',
      id: user.nodeId,
      databaseId: user.databaseId,
      login: user.login,
      name: user.name,
      email: user.email ?? '',
      url: `${GITHUB}/${user.login}`,
      resourcePath: `/${user.login}`,
      avatarUrl: `https://avatars.githubusercontent.com/u/${user.databaseId}?v=4`,
      isSiteAdmin: false,
      company: null,
    };
  }

  private bot(user: GithubUserFixture): View {
    const login = user.login.replace(/\[bot\]$/, '');
    return {
      __typename: 'Bot',
      id: user.nodeId,
      databaseId: user.databaseId,
      login,
      url: `${GITHUB}/apps/${login}`,
      resourcePath: `/apps/${login}`,
      avatarUrl: `https://avatars.githubusercontent.com/in/${user.databaseId}?v=4`,
    };
  }

  private actorOf(user: GithubUserFixture): View {
    return user.type === 'Bot' ? this.bot(user) : this.user(user);
  }

  /** GraphQL shows a deleted account as a null actor. */
  private actor(login: string | null): View | null {
    if (login === null) return null;
    const user = this.store.user(login);
    return user ? this.actorOf(user) : null;
  }

  private team(team: GithubTeamFixture): View {
    const org = this.store.fixture.org;
    return {
      __typename: 'Team',
      id: team.nodeId,
      databaseId: team.databaseId,
      slug: team.slug,
      name: team.name,
      combinedSlug: `${org}/${team.slug}`,
      url: `${GITHUB}/orgs/${org}/teams/${team.slug}`,
      resourcePath: `/orgs/${org}/teams/${team.slug}`,
      organization: () => this.organization(),
    };
  }

  private requestedReviewer(reviewer: GithubRequestedReviewerFixture | undefined): View | null {
    if (!reviewer) return null;
    if (reviewer.kind === 'Team') {
      const team = this.store.team(reviewer.slug);
      return team ? this.team(team) : null;
    }
    return this.actor(reviewer.login);
  }

  private repository(repository: GithubRepositoryFixture): View {
    const url = `${GITHUB}/${repository.fullName}`;
    return {
      __typename: 'Repository',
      id: repository.nodeId,
      databaseId: repository.databaseId,
      name: repository.name,
      nameWithOwner: repository.fullName,
      owner: () => this.organization(),
      isPrivate: repository.private,
      isArchived: repository.archived,
      isFork: false,
      visibility: repository.private ? 'PRIVATE' : 'PUBLIC',
      createdAt: repository.createdAt,
      pushedAt: repository.pushedAt,
      updatedAt: repository.pushedAt,
      url,
      resourcePath: `/${repository.fullName}`,
      defaultBranchRef: { __typename: 'Ref', id: `REF_${sha1Hex(repository.fullName).slice(0, 16)}`, name: repository.defaultBranch, prefix: 'refs/heads/' },
      pullRequest: (args: Args) => {
        const pr = this.store.pullRequest(repository.fullName, Number(args['number']));
        if (!pr) throw new GithubGraphqlError('NOT_FOUND', `Could not resolve to a PullRequest with the number of ${String(args['number'])}.`);
        return this.pullRequest(pr);
      },
      pullRequests: (args: Args) => {
        const states = Array.isArray(args['states']) && args['states'].length > 0 ? (args['states'] as GithubPullRequestState[]) : (['OPEN', 'CLOSED', 'MERGED'] as const);
        const order = (args['orderBy'] ?? undefined) as { field?: string; direction?: string } | undefined;
        const field: GithubPullSortField = order?.field === 'UPDATED_AT' ? 'updatedAt' : 'createdAt';
        if (order?.field !== undefined && order.field !== 'UPDATED_AT' && order.field !== 'CREATED_AT') {
          throw new Error(`FakeGithubServer orders pull requests by CREATED_AT or UPDATED_AT only, not ${order.field}`);
        }
        const direction: GithubSortDirection = order?.direction === 'DESC' ? 'DESC' : 'ASC';
        let list = this.store.pullRequests(repository.fullName, states, field, direction);
        const base = typeof args['baseRefName'] === 'string' ? args['baseRefName'] : undefined;
        const head = typeof args['headRefName'] === 'string' ? args['headRefName'] : undefined;
        if (base !== undefined || head !== undefined) list = list.filter((pr) => (base === undefined || pr.baseRefName === base) && (head === undefined || pr.headRefName === head));
        const sign = direction === 'ASC' ? 1 : -1;
        return connection(
          list,
          args,
          (pr) => [sign * Date.parse(pr[field]), sign * pr.databaseId],
          (pr) => this.pullRequest(pr),
        );
      },
    };
  }

  private pullRequest(pr: GithubPullRequestFixture): View {
    const repository = this.store.repository(pr.repository)!;
    const view = this.store.view(pr);
    const url = `${GITHUB}/${pr.repository}/pull/${pr.number}`;
    return {
      __typename: 'PullRequest',
      id: pr.nodeId,
      databaseId: pr.databaseId,
      fullDatabaseId: String(pr.databaseId),
      number: pr.number,
      title: pr.title,
      body: pr.body,
      url,
      permalink: url,
      resourcePath: `/${pr.repository}/pull/${pr.number}`,
      createdAt: pr.createdAt,
      publishedAt: pr.createdAt,
      updatedAt: pr.updatedAt,
      lastEditedAt: null,
      isDraft: pr.isDraft,
      state: pr.state,
      closed: pr.state !== 'OPEN',
      merged: pr.state === 'MERGED',
      mergedAt: pr.mergedAt,
      closedAt: pr.closedAt,
      baseRefName: pr.baseRefName,
      headRefName: pr.headRefName,
      baseRefOid: view.baseSha,
      headRefOid: view.headSha,
      additions: pr.additions,
      deletions: pr.deletions,
      changedFiles: pr.changedFiles,
      locked: false,
      authorAssociation: this.association(pr.author),
      author: () => this.actor(pr.author),
      mergedBy: () => this.actor(pr.mergedBy),
      mergeCommit: () => (pr.mergeCommitOid ? this.commitStub(pr.repository, pr.mergeCommitOid) : null),
      repository: () => this.repository(repository),
      reviews: (args: Args) => {
        const states = Array.isArray(args['states']) ? new Set(args['states'] as string[]) : undefined;
        const author = typeof args['author'] === 'string' ? args['author'].toLowerCase() : undefined;
        const list = view.reviews.filter((r) => (!states || states.has(r.state)) && (author === undefined || r.author.toLowerCase() === author));
        return connection(
          list,
          args,
          (r) => [r.databaseId, 0],
          (r) => this.review(pr, r),
        );
      },
      timelineItems: (args: Args) => {
        const types = Array.isArray(args['itemTypes']) ? (args['itemTypes'] as string[]) : [];
        const unsupported = types.filter((t) => !(t in TIMELINE_TYPENAMES));
        if (types.length === 0 || unsupported.length > 0) {
          throw new Error(`FakeGithubServer serves timelineItems only with itemTypes among ${Object.keys(TIMELINE_TYPENAMES).join(', ')}`);
        }
        const since = typeof args['since'] === 'string' ? args['since'] : undefined;
        const wanted = new Set(types);
        const list = pr.timeline.filter((e) => wanted.has(e.type) && (since === undefined || e.createdAt >= since));
        return connection(
          list,
          args,
          (_e, i) => [i, 0],
          (e) => this.timelineEvent(pr, e),
          { filteredCount: list.length, pageCount: list.length, updatedAt: pr.updatedAt },
        );
      },
      commits: (args: Args) =>
        connection(
          pr.commits,
          args,
          (_c, i) => [i, 0],
          (c) => ({
            __typename: 'PullRequestCommit',
            id: `PURC_${sha1Hex(`${pr.nodeId}:${c.oid}`).slice(0, 20)}`,
            url: `${url}/commits/${c.oid}`,
            resourcePath: `/${pr.repository}/pull/${pr.number}/commits/${c.oid}`,
            pullRequest: () => this.pullRequest(pr),
            commit: () => this.commit(pr, c),
          }),
        ),
      comments: (args: Args) =>
        connection(
          pr.issueComments,
          args,
          (c) => [c.databaseId, 0],
          (c) => this.issueComment(pr, c),
        ),
      reviewRequests: (args: Args) =>
        connection(
          view.requested,
          args,
          (_r, i) => [i, 0],
          (r) => ({
            __typename: 'ReviewRequest',
            id: `RR_${sha1Hex(`${pr.nodeId}:${r.kind === 'Team' ? r.slug : r.login}`).slice(0, 20)}`,
            databaseId: null,
            asCodeOwner: false,
            requestedReviewer: () => this.requestedReviewer(r),
            pullRequest: () => this.pullRequest(pr),
          }),
        ),
    };
  }

  private association(login: string): string {
    const user = this.store.user(login);
    return user?.personId ? 'MEMBER' : user?.type === 'Bot' ? 'NONE' : 'CONTRIBUTOR';
  }

  private review(pr: GithubPullRequestFixture, review: GithubReviewFixture): View {
    const url = `${GITHUB}/${pr.repository}/pull/${pr.number}#pullrequestreview-${review.databaseId}`;
    const comments = this.store.view(pr).commentsByReview.get(review.databaseId) ?? [];
    return {
      __typename: 'PullRequestReview',
      id: review.nodeId,
      databaseId: review.databaseId,
      fullDatabaseId: String(review.databaseId),
      state: review.state,
      body: review.body,
      createdAt: review.createdAt,
      submittedAt: review.submittedAt,
      publishedAt: review.submittedAt,
      updatedAt: review.submittedAt ?? review.createdAt,
      lastEditedAt: null,
      url,
      resourcePath: url.slice(GITHUB.length),
      authorAssociation: this.association(review.author),
      author: () => this.actor(review.author),
      commit: () => this.commitStub(pr.repository, review.commitOid),
      pullRequest: () => this.pullRequest(pr),
      comments: (args: Args) =>
        connection(
          comments,
          args,
          (c) => [c.databaseId, 0],
          (c) => this.reviewComment(pr, c),
        ),
    };
  }

  private reviewComment(pr: GithubPullRequestFixture, comment: GithubReviewCommentFixture): View {
    const url = `${GITHUB}/${pr.repository}/pull/${pr.number}#discussion_r${comment.databaseId}`;
    const review = pr.reviews.find((r) => r.databaseId === comment.reviewId);
    const replyTo = comment.inReplyTo === undefined ? undefined : pr.reviewComments.find((c) => c.databaseId === comment.inReplyTo);
    return {
      __typename: 'PullRequestReviewComment',
      id: comment.nodeId,
      databaseId: comment.databaseId,
      fullDatabaseId: String(comment.databaseId),
      body: comment.body,
      createdAt: comment.createdAt,
      publishedAt: comment.createdAt,
      updatedAt: comment.updatedAt,
      lastEditedAt: comment.updatedAt === comment.createdAt ? null : comment.updatedAt,
      path: comment.path,
      line: comment.line,
      originalLine: comment.line,
      url,
      resourcePath: url.slice(GITHUB.length),
      authorAssociation: this.association(comment.author),
      author: () => this.actor(comment.author),
      pullRequest: () => this.pullRequest(pr),
      pullRequestReview: () => (review ? this.review(pr, review) : null),
      replyTo: () => (replyTo ? this.reviewComment(pr, replyTo) : null),
    };
  }

  private issueComment(pr: GithubPullRequestFixture, comment: GithubIssueCommentFixture): View {
    const url = `${GITHUB}/${pr.repository}/pull/${pr.number}#issuecomment-${comment.databaseId}`;
    return {
      __typename: 'IssueComment',
      id: comment.nodeId,
      databaseId: comment.databaseId,
      fullDatabaseId: String(comment.databaseId),
      body: comment.body,
      createdAt: comment.createdAt,
      publishedAt: comment.createdAt,
      updatedAt: comment.updatedAt,
      lastEditedAt: comment.updatedAt === comment.createdAt ? null : comment.updatedAt,
      url,
      resourcePath: url.slice(GITHUB.length),
      authorAssociation: this.association(comment.author),
      author: () => this.actor(comment.author),
      pullRequest: () => this.pullRequest(pr),
    };
  }

  private timelineEvent(pr: GithubPullRequestFixture, event: GithubTimelineEventFixture): View {
    const view: View = {
      __typename: TIMELINE_TYPENAMES[event.type],
      id: event.nodeId,
      createdAt: event.createdAt,
      actor: () => this.actor(event.actor),
      pullRequest: () => this.pullRequest(pr),
    };
    if (event.type === 'REVIEW_REQUESTED_EVENT' || event.type === 'REVIEW_REQUEST_REMOVED_EVENT') view['requestedReviewer'] = () => this.requestedReviewer(event.requestedReviewer);
    if (event.type === 'HEAD_REF_FORCE_PUSHED_EVENT') {
      view['beforeCommit'] = null;
      view['afterCommit'] = null;
      view['ref'] = null;
    }
    return view;
  }

  private commitStub(fullName: string, oid: string): View {
    return { __typename: 'Commit', id: `C_${oid}`, oid, abbreviatedOid: oid.slice(0, 7), url: `${GITHUB}/${fullName}/commit/${oid}` };
  }

  private commit(pr: GithubPullRequestFixture, c: GithubCommitFixture): View {
    const index = pr.commits.indexOf(c);
    const parents = this.store.view(pr).parents[index] ?? [];
    const [headline = '', ...rest] = c.message.split('\n');
    return {
      ...this.commitStub(pr.repository, c.oid),
      message: c.message,
      messageHeadline: headline,
      messageBody: rest.join('\n').trim(),
      authoredDate: c.authoredDate,
      committedDate: c.committedDate,
      author: this.gitActor(c.author, c.authoredDate),
      committer: this.gitActor(c.committer, c.committedDate),
      // The author and the `Co-authored-by` trailers, as GitHub lists them.
      authors: (args: Args) =>
        connection(
          [c.author, ...coAuthorsOf(c.message).map((a) => ({ ...a, login: this.loginByEmail(a.email) }))],
          args,
          (_a, i) => [i, 0],
          (a) => this.gitActor(a, c.authoredDate),
        ),
      parents: (args: Args) =>
        connection(
          parents,
          args,
          (_p, i) => [i, 0],
          (oid) => this.commitStub(pr.repository, oid),
        ),
    };
  }

  private loginByEmail(email: string): string | undefined {
    const lower = email.toLowerCase();
    return this.store.fixture.users.find((u) => u.commitEmail.toLowerCase() === lower)?.login;
  }

  private gitActor(actor: GithubGitActorFixture, date: string): View {
    const user = actor.login ? this.store.user(actor.login) : undefined;
    return {
      __typename: 'GitActor',
      email: actor.email,
      name: actor.name,
      date,
      avatarUrl: `https://avatars.githubusercontent.com/u/${user?.databaseId ?? 0}?v=4`,
      // `GitActor.user` is a User: commits of bots have none.
      user: () => (user && user.type === 'User' ? this.user(user) : null),
    };
  }
}

function encodeCursor(key: CursorKey): string {
  return Buffer.from(`cursor:v2:${JSON.stringify(key)}`, 'utf8').toString('base64');
}

function decodeCursor(cursor: string): CursorKey {
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  if (text.startsWith('cursor:v2:')) {
    try {
      const key: unknown = JSON.parse(text.slice('cursor:v2:'.length));
      if (Array.isArray(key) && key.length === 2 && typeof key[0] === 'number' && typeof key[1] === 'number') return [key[0], key[1]];
    } catch {
      // falls through to the error
    }
  }
  throw new GithubGraphqlError('INVALID_CURSOR_ARGUMENTS', `\`${cursor}\` does not appear to be a valid cursor.`);
}

function compareKeys(a: CursorKey, b: CursorKey): number {
  return a[0] !== b[0] ? a[0] - b[0] : a[1] - b[1];
}

/** Index of the first item whose key is after `key` (`strict`) or at/after it. Items are in ascending key order. */
function seek<T>(items: readonly T[], keyOf: (item: T, index: number) => CursorKey, key: CursorKey, strict: boolean): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const c = compareKeys(keyOf(items[mid]!, mid), key);
    if (c < 0 || (strict && c === 0)) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * A Relay connection over `items` (in display order, ascending by `keyOf`): `first`/`after` and
 * `last`/`before`, cursors that encode the item's key (so a page stays correct when items are
 * added before it), `totalCount`, `pageInfo`, `nodes` and `edges`.
 */
function connection<T>(items: readonly T[], args: Args, keyOf: (item: T, index: number) => CursorKey, toNode: (item: T) => unknown, extra: View = {}): View {
  const first = typeof args['first'] === 'number' ? args['first'] : undefined;
  const last = typeof args['last'] === 'number' ? args['last'] : undefined;
  let start = typeof args['after'] === 'string' ? seek(items, keyOf, decodeCursor(args['after']), true) : 0;
  let end = typeof args['before'] === 'string' ? seek(items, keyOf, decodeCursor(args['before']), false) : items.length;
  if (end < start) end = start;
  if (first !== undefined) end = Math.min(end, start + first);
  if (last !== undefined) start = Math.max(start, end - last);
  const slice = items.slice(start, end);
  const cursorAt = (i: number): string => encodeCursor(keyOf(items[start + i]!, start + i));
  return {
    totalCount: items.length,
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: slice.length > 0 ? cursorAt(0) : null,
      endCursor: slice.length > 0 ? cursorAt(slice.length - 1) : null,
    },
    nodes: () => slice.map((item) => toNode(item)),
    edges: () => slice.map((item, i) => ({ cursor: cursorAt(i), node: () => toNode(item) })),
    ...extra,
  };
}

function toJson(error: GraphQLError): GithubGraphqlErrorJson {
  const json = error.toJSON();
  const original = error.originalError;
  return {
    ...(original instanceof GithubGraphqlError ? { type: original.type } : {}),
    message: json.message,
    ...(json.path ? { path: [...json.path] } : {}),
    ...(json.locations ? { locations: json.locations.map((l) => ({ line: l.line, column: l.column })) } : {}),
    ...(json.extensions && Object.keys(json.extensions).length > 0 ? { extensions: { ...json.extensions } } : {}),
  };
}
