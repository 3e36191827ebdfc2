import { createLogger } from '@undercurrent/logger';
import {
  FakeGithubServer,
  generateGithubOrganisation,
  githubNodeId,
  GITHUB_NOISE,
  LARGE_PULL_REQUEST,
  openTestDataSource,
  type GithubOrganisationFixture,
} from '@undercurrent/testing';
import type { DataSource } from 'typeorm';
import { createGithubClient, type GithubClient } from './github-client';
import { GithubSyncError } from './github-errors';
import { GithubGraphqlSync } from './github-graphql-sync';
import { GithubStoreRepository } from './github-store.repository';

const TOKEN = 'ghp_graphql_sync_test';
const REPOS = ['acme/payments-api', 'acme/platform'];
const options = {
  seed: 11,
  org: 'acme',
  people: [
    { id: 'alice', email: 'alice@example.com', github: ['alice-gh'] },
    { id: 'bob', email: 'bob@example.com', github: ['bob-gh'] },
    { id: 'carol', email: 'carol@example.com', github: ['carol-gh', 'carol-alt'] },
    { id: 'dave', github: ['dave-gh'] },
    { id: 'erin', email: 'erin@example.com', github: ['erin-gh'] },
    { id: 'frank', email: 'frank@example.com', github: ['frank-gh'] },
  ],
  teams: [
    { id: 'payments', leads: ['alice'], members: ['bob', 'carol'], repositories: ['acme/payments-api'] },
    { id: 'platform', leads: ['dave'], members: ['erin', 'frank'], repositories: ['acme/platform'] },
  ],
  repositories: REPOS,
  weeks: 8,
  endDate: '2026-03-13',
  largePullRequest: true,
};
const silent = createLogger({ level: 'silent', name: 'test' });
const CONFIGURED_BOTS = new Set(['octo-contractor-ci']);

/** What the organisation holds, counted independently of the sync from the generator's fixture. */
function expectedCounts(fx: GithubOrganisationFixture) {
  const prs = fx.pullRequests.filter((pr) => REPOS.includes(pr.repository));
  const visibleReviews = prs.flatMap((pr) => pr.reviews.filter((r) => r.state !== 'PENDING'));
  const pending = new Set(prs.flatMap((pr) => pr.reviews.filter((r) => r.state === 'PENDING').map((r) => r.databaseId)));
  const reviewComments = prs.flatMap((pr) => pr.reviewComments.filter((c) => !pending.has(c.reviewId)));
  return {
    pull_requests: prs.length,
    merged: prs.filter((pr) => pr.state === 'MERGED').length,
    reviews: visibleReviews.length,
    review_requests: prs.flatMap((pr) => pr.timeline.filter((e) => e.type === 'REVIEW_REQUESTED_EVENT')).length,
    team_requests: prs.flatMap((pr) => pr.timeline.filter((e) => e.type === 'REVIEW_REQUESTED_EVENT' && e.requestedReviewer?.kind === 'Team')).length,
    events: prs.reduce((n, pr) => n + pr.timeline.length, 0),
    commits: prs.reduce((n, pr) => n + pr.commits.length, 0),
    review_comments: reviewComments.length,
    conversation_comments: prs.reduce((n, pr) => n + pr.issueComments.length, 0),
    suggestions: reviewComments.reduce((n, c) => n + c.suggestionBlocks, 0),
    created_as_draft: prs.filter((pr) => pr.traits.includes('draft') || pr.traits.includes('redrafted') || pr.isDraft).length,
  };
}

async function storedCounts(dataSource: DataSource) {
  const [row] = (await dataSource.query(`
    SELECT (SELECT count(*) FROM github_pull_requests)::int AS pull_requests,
           (SELECT count(*) FROM github_pull_requests WHERE state = 'merged')::int AS merged,
           (SELECT count(*) FROM github_reviews)::int AS reviews,
           (SELECT count(*) FROM github_pr_events WHERE kind = 'review_requested')::int AS review_requests,
           (SELECT count(*) FROM github_pr_events WHERE kind = 'review_requested' AND reviewer_team IS NOT NULL)::int AS team_requests,
           (SELECT count(*) FROM github_pr_events)::int AS events,
           (SELECT count(*) FROM github_commits)::int AS commits,
           (SELECT count(*) FROM github_comments WHERE kind = 'review')::int AS review_comments,
           (SELECT count(*) FROM github_comments WHERE kind = 'conversation')::int AS conversation_comments,
           (SELECT COALESCE(sum(suggestion_count), 0) FROM github_reviews)::int AS suggestions,
           (SELECT count(*) FROM github_pull_requests WHERE created_as_draft)::int AS created_as_draft`)) as Record<string, number>[];
  return row!;
}

/** Every GitHub row, in a stable order, to compare two syncs. */
async function dump(dataSource: DataSource): Promise<Record<string, unknown[]>> {
  const tables: Record<string, string> = {
    github_repositories: 'id',
    github_users: 'id',
    github_pull_requests: 'id',
    github_pr_events: 'id',
    github_reviews: 'id',
    github_comments: 'id',
    github_commits: 'pull_request_id, sha',
  };
  const out: Record<string, unknown[]> = {};
  for (const [table, order] of Object.entries(tables)) {
    out[table] = (await dataSource.query(`SELECT * FROM ${table} ORDER BY ${order}`)) as unknown[];
    if (table === 'github_repositories') out[table] = out[table]!.map((r) => ({ ...(r as object), pulls_etag: undefined }));
  }
  return out;
}

/** Row versions of every GitHub table: unchanged xmin means the row was not written. */
async function rowVersions(dataSource: DataSource): Promise<string[]> {
  const rows = (await dataSource.query(`
    SELECT 'r' || id || ':' || xmin FROM github_repositories UNION ALL SELECT 'u' || id || ':' || xmin FROM github_users
    UNION ALL SELECT 'p' || id || ':' || xmin FROM github_pull_requests UNION ALL SELECT 'e' || id || ':' || xmin FROM github_pr_events
    UNION ALL SELECT 'v' || id || ':' || xmin FROM github_reviews UNION ALL SELECT 'c' || id || ':' || xmin FROM github_comments
    UNION ALL SELECT 'k' || pull_request_id || sha || ':' || xmin FROM github_commits`)) as Record<string, string>[];
  return rows.map((r) => Object.values(r)[0]!).sort();
}

describe('GitHub sync, GraphQL path, against the fake GitHub', () => {
  const fx = generateGithubOrganisation(options);
  let server: FakeGithubServer;
  let client: GithubClient;
  let dataSource: DataSource;
  let close: () => Promise<void>;
  let sync: GithubGraphqlSync;
  let firstDump: Record<string, unknown[]>;

  beforeAll(async () => {
    server = new FakeGithubServer(fx, { token: TOKEN, restLimit: 100_000, graphqlLimit: 100_000 });
    client = createGithubClient({ token: TOKEN, baseUrl: await server.start(), logger: silent, graphqlIntervalMs: 0 });
    ({ dataSource, close } = await openTestDataSource());
    sync = new GithubGraphqlSync(new GithubStoreRepository(dataSource), CONFIGURED_BOTS);
    for (const repo of REPOS) await sync.syncRepository(client, repo);
    firstDump = await dump(dataSource);
  });

  afterAll(async () => {
    await server.stop();
    await close();
  });

  it('stores exactly the pull requests, reviews, requests, events, commits and comments the organisation holds', async () => {
    expect(await storedCounts(dataSource)).toEqual(expectedCounts(fx));
  });

  it('stores every pull request, review and comment under GitHub’s own 64-bit id, digit for digit', async () => {
    const prs = fx.pullRequests.filter((pr) => REPOS.includes(pr.repository));
    const pending = new Set(prs.flatMap((pr) => pr.reviews.filter((r) => r.state === 'PENDING').map((r) => r.databaseId)));
    const text = (ids: number[]) => ids.map(String).sort();
    const stored = async (sql: string) => ((await dataSource.query(sql)) as { id: string }[]).map((r) => r.id).sort();
    const expected = {
      pullRequests: text(prs.map((pr) => pr.databaseId)),
      reviews: text(prs.flatMap((pr) => pr.reviews.filter((r) => r.state !== 'PENDING').map((r) => r.databaseId))),
      comments: [
        ...prs.flatMap((pr) => pr.reviewComments.filter((c) => !pending.has(c.reviewId)).map((c) => `review:${c.databaseId}:${c.reviewId}`)),
        ...prs.flatMap((pr) => pr.issueComments.map((c) => `issue:${c.databaseId}:`)),
      ].sort(),
    };
    // Past 2^32: a 32-bit path anywhere (GraphQL Int, an integer column, a 32-bit cast) would have failed or changed them.
    expect(prs.filter((pr) => pr.databaseId > 2 ** 32).length).toBeGreaterThan(0);
    expect(await stored(`SELECT id FROM github_pull_requests`)).toEqual(expected.pullRequests);
    expect(await stored(`SELECT id FROM github_reviews`)).toEqual(expected.reviews);
    expect(await stored(`SELECT id || ':' || COALESCE(review_id::text, '') AS id FROM github_comments`)).toEqual(expected.comments);
    const children = (await dataSource.query(
      `SELECT (SELECT count(*) FROM github_reviews r WHERE NOT EXISTS (SELECT 1 FROM github_pull_requests p WHERE p.id = r.pull_request_id))::int AS reviews,
              (SELECT count(*) FROM github_comments c WHERE NOT EXISTS (SELECT 1 FROM github_pull_requests p WHERE p.id = c.pull_request_id))::int AS comments`,
    )) as { reviews: number; comments: number }[];
    expect(children).toEqual([{ reviews: 0, comments: 0 }]);
  });

  it('marks bots ([bot] logins, Bot type, the configured list) and not people', async () => {
    const users = (await dataSource.query(`SELECT login, is_bot FROM github_users ORDER BY login`)) as { login: string; is_bot: boolean }[];
    const bots = users.filter((u) => u.is_bot).map((u) => u.login);
    expect(bots).toEqual(expect.arrayContaining([GITHUB_NOISE.aiReviewer, GITHUB_NOISE.dependencyBot]));
    expect(bots.every((login) => login.endsWith('[bot]') || CONFIGURED_BOTS.has(login))).toBe(true);
    expect(users.find((u) => u.login === 'alice-gh')).toEqual({ login: 'alice-gh', is_bot: false });
  });

  it('reads more than 100 reviews and 250 commits of one pull request, all of them', async () => {
    const large = fx.pullRequests.find((pr) => pr.traits.includes('large') && REPOS.includes(pr.repository))!;
    const [row] = (await dataSource.query(
      `SELECT (SELECT count(*) FROM github_reviews WHERE pull_request_id = $1)::int AS reviews, (SELECT count(*) FROM github_commits WHERE pull_request_id = $1)::int AS commits`,
      [large.databaseId],
    )) as { reviews: number; commits: number }[];
    expect(row).toEqual({ reviews: large.reviews.filter((r) => r.state !== 'PENDING').length, commits: LARGE_PULL_REQUEST.commits });
    expect(row!.reviews).toBeGreaterThan(100);
  });

  it('spends about 3 GraphQL points per 100 pull requests on the first sync', () => {
    const points = server.calls.reduce((n, c) => n + (c.graphqlCost ?? 0), 0);
    const prs = expectedCounts(fx).pull_requests;
    // One page of 100 pull requests costs 3 points (GitHub's rule); the large one adds its follow-ups.
    expect(points).toBeLessThanOrEqual(Math.ceil(prs / 100) * REPOS.length * 3 + 6);
  });

  it('re-syncs an unchanged repository with one conditional request that costs no budget and writes no row', async () => {
    const before = { budget: server.budget(), calls: server.calls.length, versions: await rowVersions(dataSource) };
    for (const repo of REPOS) expect((await sync.syncRepository(client, repo)).unchanged).toBe(true);
    const budget = server.budget();
    expect(server.calls.length - before.calls).toBe(REPOS.length);
    expect(server.calls.slice(before.calls).every((c) => c.status === 304)).toBe(true);
    expect(budget.restRequests).toBe(before.budget.restRequests);
    expect(budget.graphqlPoints).toBe(before.budget.graphqlPoints);
    expect(await rowVersions(dataSource)).toEqual(before.versions);
  });

  it('re-fetches only the pull request that changed', async () => {
    const target = fx.pullRequests.find((pr) => pr.repository === REPOS[0] && pr.state === 'OPEN' && pr.reviews.length === 0)!;
    const reviewId = server.newDatabaseId();
    server.touchPullRequest(REPOS[0]!, target.number, (pr) => {
      pr.reviews.push({ databaseId: reviewId, nodeId: githubNodeId('PRR', reviewId), author: 'bob-gh', state: 'APPROVED', body: '', createdAt: '2026-03-13T10:00:00Z', submittedAt: '2026-03-13T10:00:00Z', commitOid: pr.commits.at(-1)!.oid });
    });
    const versions = new Set(await rowVersions(dataSource));
    const result = await sync.syncRepository(client, REPOS[0]!);
    expect(result).toMatchObject({ unchanged: false, pullRequests: 1 });
    const changed = (await rowVersions(dataSource)).filter((v) => !versions.has(v));
    // The pull request's row (its updated_at moved), the new review, the repository's cursor: nothing else.
    expect(changed.map((v) => v[0]).sort()).toEqual(['p', 'r', 'v']);
    const [review] = (await dataSource.query(`SELECT r.pull_request_id, u.login FROM github_reviews r JOIN github_users u ON u.id = r.author_id WHERE r.id = $1`, [reviewId])) as { pull_request_id: string; login: string }[];
    expect(review).toEqual({ pull_request_id: String(target.databaseId), login: 'bob-gh' });
    // And the other repository is still unchanged: one free request.
    expect((await sync.syncRepository(client, REPOS[1]!)).unchanged).toBe(true);
  });

  it('re-reads one pull request after a webhook, leaving the cursor alone', async () => {
    const target = fx.pullRequests.find((pr) => pr.repository === REPOS[1] && pr.state === 'OPEN')!;
    const commentId = server.newDatabaseId();
    server.touchPullRequest(REPOS[1]!, target.number, (pr) => {
      pr.issueComments.push({ databaseId: commentId, nodeId: githubNodeId('IC', commentId), author: 'erin-gh', createdAt: '2026-03-13T11:00:00Z', updatedAt: '2026-03-13T11:00:00Z', body: 'looks good' });
    });
    const store = new GithubStoreRepository(dataSource);
    const cursor = await store.cursor(REPOS[1]!);
    const calls = server.calls.length;
    const result = await sync.syncPullRequest(client, REPOS[1]!, target.number);
    expect(result.pullRequests).toBe(1);
    // One GraphQL query and the two comment listings of that pull request.
    expect(server.calls.slice(calls).map((c) => c.path.split('?')[0])).toEqual(['/graphql', `/repos/${REPOS[1]}/pulls/${target.number}/comments`, `/repos/${REPOS[1]}/issues/${target.number}/comments`]);
    expect(await dataSource.query(`SELECT author_id, kind FROM github_comments WHERE id = $1`, [`issue:${commentId}`])).toEqual([{ author_id: String(fx.users.find((u) => u.login === 'erin-gh')!.databaseId), kind: 'conversation' }]);
    expect(await store.cursor(REPOS[1]!)).toEqual(cursor);
    // Read again: nothing to write.
    expect((await sync.syncPullRequest(client, REPOS[1]!, target.number)).rowsWritten).toBe(0);
  });

  it('gets the same rows with 5% 429s, 2% 502s and a secondary rate limit injected, and never asks before retry-after', async () => {
    const fresh = await openTestDataSource();
    const flaky = new FakeGithubServer(generateGithubOrganisation(options), { token: TOKEN, restLimit: 100_000, graphqlLimit: 100_000 });
    try {
      const flakyClient = createGithubClient({ token: TOKEN, baseUrl: await flaky.start(), logger: silent, maxRateLimitRetries: 20, retries: 5, graphqlIntervalMs: 0 });
      flaky.inject({ kind: '429', everyNth: 20, retryAfterSeconds: 1 });
      flaky.inject({ kind: '502', everyNth: 50 });
      flaky.inject({ kind: 'secondary', everyNth: 33, retryAfterSeconds: 1 });
      const flakySync = new GithubGraphqlSync(new GithubStoreRepository(fresh.dataSource), CONFIGURED_BOTS);
      // Small pages: more requests, so that every kind of failure happens several times.
      for (const repo of REPOS) await flakySync.syncRepository(flakyClient, repo, { pageSize: 2 });
      const statuses = flaky.calls.map((c) => c.status);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
      expect(statuses.filter((s) => s === 502).length).toBeGreaterThanOrEqual(1);
      expect(statuses.filter((s) => s === 403).length).toBeGreaterThanOrEqual(1);
      expect(flaky.earlyRetries()).toEqual([]);
      expect(await dump(fresh.dataSource)).toEqual(firstDump);
    } finally {
      await flaky.stop();
      await fresh.close();
    }
  }, 120_000);

  it('reads only pull requests updated since the backfill window on a first sync', async () => {
    const fresh = await openTestDataSource();
    try {
      const since = new Date('2026-02-20T00:00:00Z');
      const windowed = new GithubGraphqlSync(new GithubStoreRepository(fresh.dataSource), CONFIGURED_BOTS);
      const result = await windowed.syncRepository(client, REPOS[0]!, { since, conditional: false });
      const expected = server.organisation.pullRequests.filter((pr) => pr.repository === REPOS[0] && new Date(pr.updatedAt) > since).map((pr) => pr.databaseId).sort((a, b) => a - b);
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(server.organisation.pullRequests.filter((pr) => pr.repository === REPOS[0]).length);
      expect(result.pullRequests).toBe(expected.length);
      expect(((await fresh.dataSource.query(`SELECT id FROM github_pull_requests ORDER BY id`)) as { id: string }[]).map((r) => r.id)).toEqual(expected.map(String));
    } finally {
      await fresh.close();
    }
  });

  it('fails at once, without retrying, when the token is revoked', async () => {
    const revoked = new FakeGithubServer(fx, { token: TOKEN });
    try {
      const revokedClient = createGithubClient({ token: TOKEN, baseUrl: await revoked.start(), logger: silent });
      revoked.revokeToken();
      const error = await sync.syncRepository(revokedClient, REPOS[0]!, { conditional: false }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GithubSyncError);
      expect(error).toMatchObject({ unrecoverable: true, code: 'bad_credentials', message: expect.stringMatching(/GitHub token revoked or invalid \(401 Bad credentials\): update GITHUB_TOKEN/) });
      expect(revoked.calls.map((c) => c.status)).toEqual([401]);
      expect((error as Error).message).not.toContain(TOKEN);
    } finally {
      await revoked.stop();
    }
  });

  it('names a repository that does not exist or cannot be seen, and does not retry it', async () => {
    const error = await sync.syncRepository(client, 'acme/no-such-repo').catch((e: unknown) => e);
    expect(error).toMatchObject({ unrecoverable: true, code: 'not_found', message: expect.stringContaining('acme/no-such-repo not found on GitHub') });
  });
});

