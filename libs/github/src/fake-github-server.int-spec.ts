import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import {
  FakeGithubServer,
  generateGithubOrganisation,
  githubNodeId,
  GITHUB_NOISE,
  LARGE_PULL_REQUEST,
  type GithubOrganisationFixture,
  type GithubPullRequestFixture,
} from '@undercurrent/testing';
import { PULL_REQUEST_PAGE_QUERIES, PULL_REQUESTS_QUERY } from './pull-requests.query';

const TOKEN = 'ghp_test_token';
const fx: GithubOrganisationFixture = generateGithubOrganisation({
  seed: 7,
  org: 'acme',
  people: [
    { id: 'alice', email: 'alice@example.com', github: ['alice-gh'] },
    { id: 'bob', email: 'bob@example.com', github: ['bob-gh'] },
    { id: 'carol', email: 'carol@example.com', github: ['carol-gh'] },
    { id: 'dave', github: ['dave-gh'] },
    { id: 'erin', email: 'erin@example.com', github: ['erin-gh'] },
    { id: 'frank', email: 'frank@example.com', github: ['frank-gh'] },
  ],
  teams: [
    { id: 'payments', leads: ['alice'], members: ['bob', 'carol'], repositories: ['acme/payments-api'] },
    { id: 'platform', leads: ['dave'], members: ['erin', 'frank'], repositories: ['acme/platform'] },
  ],
  repositories: ['acme/payments-api', 'acme/platform'],
  weeks: 8,
  endDate: '2026-03-13',
  largePullRequest: true,
});
const REPO = 'payments-api';
const FULL = `acme/${REPO}`;
const prsOf = (fullName: string): GithubPullRequestFixture[] => fx.pullRequests.filter((pr) => pr.repository === fullName);
const byUpdatedDesc = (a: GithubPullRequestFixture, b: GithubPullRequestFixture): number => (a.updatedAt !== b.updatedAt ? (a.updatedAt < b.updatedAt ? 1 : -1) : b.databaseId - a.databaseId);
const large = fx.pullRequests.find((pr) => pr.traits.includes('large'))!;

/** The parts of `PULL_REQUESTS_QUERY`'s answer the tests read. */
interface Actor {
  __typename: string;
  login: string;
  databaseId?: number;
}
interface Page<T> {
  totalCount?: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: T[];
}
interface TimelineItem {
  __typename: string;
  id: string;
  createdAt: string;
  actor: Actor | null;
  requestedReviewer?: { __typename: string; login?: string; slug?: string; databaseId?: number } | null;
}
interface PullRequestNode {
  id: string;
  /** GraphQL `BigInt`: a string. */
  fullDatabaseId: string;
  number: number;
  createdAt: string;
  updatedAt: string;
  isDraft: boolean;
  state: string;
  mergedAt: string | null;
  author: Actor | null;
  mergedBy: Actor | null;
  mergeCommit: { oid: string } | null;
  reviews: Page<{ fullDatabaseId: string; state: string; submittedAt: string | null; author: Actor | null }>;
  timelineItems: Page<TimelineItem>;
  commits: Page<{ commit: { oid: string; message: string; author: { email: string; user: { login: string } | null } } }>;
}
interface PullRequestsAnswer {
  rateLimit: { cost: number; remaining: number; used: number; limit: number };
  repository: { databaseId: number; nameWithOwner: string; pullRequests: Page<PullRequestNode> };
}
type NodeAnswer<K extends string, T> = { rateLimit: { cost: number }; node: Record<K, Page<T>> };

/** Octokit logs failed requests; the tests provoke them on purpose. */
const silent = { debug: (): void => undefined, info: (): void => undefined, warn: (): void => undefined, error: (): void => undefined };

function octokit(base: string, token = TOKEN): Octokit {
  return new Octokit({ auth: token, baseUrl: base, log: silent });
}

async function allPullRequests(github: Octokit, first: number): Promise<PullRequestNode[]> {
  const nodes: PullRequestNode[] = [];
  let after: string | null = null;
  for (;;) {
    const answer: PullRequestsAnswer = await github.graphql<PullRequestsAnswer>(PULL_REQUESTS_QUERY, { owner: 'acme', name: REPO, first, after });
    nodes.push(...answer.repository.pullRequests.nodes);
    if (!answer.repository.pullRequests.pageInfo.hasNextPage) return nodes;
    after = answer.repository.pullRequests.pageInfo.endCursor;
  }
}

describe('FakeGithubServer with the real Octokit', () => {
  let server: FakeGithubServer;
  let base: string;
  let github: Octokit;

  beforeEach(async () => {
    server = new FakeGithubServer(fx, { token: TOKEN });
    base = await server.start();
    github = octokit(base);
  });
  afterEach(async () => {
    await server.stop();
  });

  describe('REST', () => {
    it('lists the organisation’s repositories over pages with Link headers, each once', async () => {
      expect(fx.repositories).toHaveLength(3);
      const first = await github.rest.repos.listForOrg({ org: 'acme', per_page: 2 });
      expect(first.headers.link).toContain('rel="next"');
      expect(first.headers.link).toContain('rel="last"');
      expect(first.data[0]).toMatchObject({ owner: { login: 'acme', type: 'Organization' } });
      const all = await github.paginate(github.rest.repos.listForOrg, { org: 'acme', per_page: 2 });
      expect(all.map((r) => r.full_name).sort()).toEqual(fx.repositories.map((r) => r.fullName).sort());
      expect(all.find((r) => r.archived)?.name).toBe(GITHUB_NOISE.archivedRepository);
      await expect(github.rest.repos.get({ owner: 'acme', repo: REPO })).resolves.toMatchObject({ data: { full_name: FULL, default_branch: 'main', archived: false } });
    });

    it('pages pull requests by update time, newest first, each exactly once; the default lists open ones', async () => {
      const listed = await github.paginate(github.rest.pulls.list, { owner: 'acme', repo: REPO, state: 'all', sort: 'updated', direction: 'desc', per_page: 7 });
      const expected = [...prsOf(FULL)].sort(byUpdatedDesc);
      expect(listed.map((p) => p.number)).toEqual(expected.map((pr) => pr.number));
      expect(server.calls.filter((c) => c.path.includes('/pulls?'))).toHaveLength(Math.ceil(expected.length / 7));
      const pr = expected.find((p) => p.state === 'MERGED')!;
      expect(listed.find((p) => p.number === pr.number)).toMatchObject({
        id: pr.databaseId,
        node_id: pr.nodeId,
        state: 'closed',
        draft: false,
        merged_at: pr.mergedAt,
        updated_at: pr.updatedAt,
        user: { login: pr.author, id: fx.users.find((u) => u.login === pr.author)!.databaseId, type: 'User' },
        head: { ref: pr.headRefName, sha: pr.commits[pr.commits.length - 1]!.oid },
        base: { ref: 'main' },
      });
      const open = await github.paginate(github.rest.pulls.list, { owner: 'acme', repo: REPO, per_page: 100 });
      expect(open.map((p) => p.number).sort((a, b) => a - b)).toEqual(prsOf(FULL).filter((p) => p.state === 'OPEN').map((p) => p.number));
    });

    it('answers one pull request with its size, merge and open review requests', async () => {
      const merged = prsOf(FULL).find((p) => p.state === 'MERGED' && p.mergedBy !== p.author)!;
      await expect(github.rest.pulls.get({ owner: 'acme', repo: REPO, pull_number: merged.number })).resolves.toMatchObject({
        data: { merged: true, merged_by: { login: merged.mergedBy }, additions: merged.additions, deletions: merged.deletions, changed_files: merged.changedFiles, commits: merged.commits.length },
      });
      const teamSlug = (pr: GithubPullRequestFixture): string | undefined => {
        const reviewer = pr.timeline.find((e) => e.requestedReviewer?.kind === 'Team')?.requestedReviewer;
        return reviewer?.kind === 'Team' ? reviewer.slug : undefined;
      };
      const teamAsked = fx.pullRequests.find((p) => p.state === 'OPEN' && teamSlug(p) !== undefined)!;
      const { data } = await github.rest.pulls.get({ owner: 'acme', repo: teamAsked.repository.split('/')[1]!, pull_number: teamAsked.number });
      expect(data.requested_teams?.map((t) => t.slug)).toEqual([teamSlug(teamAsked)]);
    });

    it('lists submitted reviews only, and commits with their parents, stopping at 250 like GitHub', async () => {
      const withPending = fx.pullRequests.find((p) => p.reviews.some((r) => r.state === 'PENDING'));
      const pr = withPending ?? prsOf(FULL).find((p) => p.reviews.length > 2)!;
      const [owner, repo] = pr.repository.split('/') as [string, string];
      const reviews = await github.paginate(github.rest.pulls.listReviews, { owner, repo, pull_number: pr.number, per_page: 2 });
      expect(reviews.map((r) => [r.id, r.state, r.user?.login])).toEqual(pr.reviews.filter((r) => r.state !== 'PENDING').map((r) => [r.databaseId, r.state, r.author]));

      const merging = fx.pullRequests.find((p) => p.commits.some((c) => c.parents === 2) && !p.traits.includes('large'))!;
      const commits = await github.paginate(github.rest.pulls.listCommits, { owner: 'acme', repo: merging.repository.split('/')[1]!, pull_number: merging.number });
      expect(commits.map((c) => [c.sha, c.parents.length, c.commit.author?.email])).toEqual(merging.commits.map((c) => [c.oid, c.parents, c.author.email]));
      expect(commits.slice(1).every((c, i) => c.parents[0]!.sha === commits[i]!.sha)).toBe(true);

      const largeCommits = await github.paginate(github.rest.pulls.listCommits, { owner: 'acme', repo: REPO, pull_number: large.number, per_page: 100 });
      expect(largeCommits).toHaveLength(250);
    });

    it('lists repository-wide review and conversation comments updated since a time, oldest update first', async () => {
      const since = '2026-02-16T00:00:00Z';
      const visible = (pr: GithubPullRequestFixture): GithubPullRequestFixture['reviewComments'] => {
        const pending = new Set(pr.reviews.filter((r) => r.state === 'PENDING').map((r) => r.databaseId));
        return pr.reviewComments.filter((c) => !pending.has(c.reviewId));
      };
      const expectedReview = prsOf(FULL)
        .flatMap((pr) => visible(pr).map((c) => ({ pr, c })))
        .filter(({ c }) => c.updatedAt >= since)
        .sort((a, b) => (a.c.updatedAt !== b.c.updatedAt ? (a.c.updatedAt < b.c.updatedAt ? -1 : 1) : a.c.databaseId - b.c.databaseId));
      expect(expectedReview.length).toBeGreaterThan(10);
      const review = await github.paginate(github.rest.pulls.listReviewCommentsForRepo, { owner: 'acme', repo: REPO, since, sort: 'updated', direction: 'asc', per_page: 10 });
      expect(review.map((c) => [c.id, c.pull_request_review_id, c.pull_request_url.split('/').pop(), c.user.login])).toEqual(
        expectedReview.map(({ pr, c }) => [c.databaseId, c.reviewId, String(pr.number), c.author]),
      );
      expect(review.some((c) => c.body.includes('```suggestion'))).toBe(true);

      const expectedIssue = prsOf(FULL)
        .flatMap((pr) => pr.issueComments.map((c) => ({ pr, c })))
        .filter(({ c }) => c.updatedAt >= since);
      const issue = await github.paginate(github.rest.issues.listCommentsForRepo, { owner: 'acme', repo: REPO, since, sort: 'updated', direction: 'asc', per_page: 10 });
      expect(issue.map((c) => [c.id, c.issue_url.split('/').pop()]).sort()).toEqual(expectedIssue.map(({ pr, c }) => [c.databaseId, String(pr.number)]).sort());
    });

    it('serves the timeline with drafts and review requests to people and teams', async () => {
      const pr = fx.pullRequests.find((p) => p.timeline.some((e) => e.requestedReviewer?.kind === 'Team') && p.timeline.some((e) => e.type === 'READY_FOR_REVIEW_EVENT'))!;
      const [owner, repo] = pr.repository.split('/') as [string, string];
      const events = (await github.paginate(github.rest.issues.listEventsForTimeline, { owner, repo, issue_number: pr.number, per_page: 100 })) as unknown as {
        event: string;
        id?: number;
        requested_team?: { slug: string };
        requested_reviewer?: { login: string };
      }[];
      const requests = events.filter((e) => e.event === 'review_requested' || e.event === 'review_request_removed');
      expect(requests.map((e) => [e.id, e.requested_team?.slug ?? e.requested_reviewer?.login])).toEqual(
        pr.timeline
          .filter((e) => e.requestedReviewer)
          .map((e) => [e.databaseId, e.requestedReviewer!.kind === 'Team' ? e.requestedReviewer!.slug : e.requestedReviewer!.login]),
      );
      expect(events.filter((e) => e.event === 'ready_for_review').length).toBe(pr.timeline.filter((e) => e.type === 'READY_FOR_REVIEW_EVENT').length);
      expect(events.filter((e) => e.event === 'committed')).toHaveLength(pr.commits.length);
    });

    it('answers 304 to If-None-Match without charging it, and a new ETag once the data changed', async () => {
      const first = await github.rest.pulls.list({ owner: 'acme', repo: REPO, state: 'all', sort: 'updated', direction: 'desc' });
      const etag = first.headers.etag!;
      expect(etag).toMatch(/^W\/"[0-9a-f]{64}"$/);
      expect(server.budget()).toMatchObject({ restRequests: 1, conditionalHits: 0 });
      const again = github.rest.pulls.list({ owner: 'acme', repo: REPO, state: 'all', sort: 'updated', direction: 'desc', headers: { 'if-none-match': etag } });
      await expect(again).rejects.toMatchObject({ status: 304 });
      expect(server.budget()).toMatchObject({ restRequests: 1, conditionalHits: 1 });
      expect(server.calls.at(-1)).toMatchObject({ status: 304 });

      server.touchPullRequest(FULL, 1, (pr) => {
        pr.title = 'Renamed';
      });
      const changed = await github.rest.pulls.list({ owner: 'acme', repo: REPO, state: 'all', sort: 'updated', direction: 'desc', headers: { 'if-none-match': etag } });
      expect(changed.status).toBe(200);
      expect(changed.headers.etag).not.toBe(etag);
      expect(changed.data[0]).toMatchObject({ number: 1, title: 'Renamed' });
      expect(server.budget()).toMatchObject({ restRequests: 2, conditionalHits: 1 });
    });

    it('sends rate-limit headers on every answer and does not charge /rate_limit', async () => {
      const a = await github.rest.repos.get({ owner: 'acme', repo: REPO });
      const b = await github.rest.repos.get({ owner: 'acme', repo: REPO });
      expect(a.headers).toMatchObject({ 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '4999', 'x-ratelimit-used': '1', 'x-ratelimit-resource': 'core' });
      expect(b.headers['x-ratelimit-remaining']).toBe('4998');
      expect(Number(a.headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000);
      const limits = await github.rest.rateLimit.get();
      expect(limits.data.resources.core).toMatchObject({ limit: 5000, used: 2, remaining: 4998 });
      expect(server.budget().restRequests).toBe(2);
    });

    it('answers 404 Not Found for unknown routes and objects, and counts them like GitHub', async () => {
      await expect(github.request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'nope' })).rejects.toMatchObject({ status: 404, response: { data: { message: 'Not Found' } } });
      await expect(github.rest.pulls.get({ owner: 'acme', repo: REPO, pull_number: 99_999 })).rejects.toMatchObject({ status: 404 });
      await expect(github.request('GET /nothing/here')).rejects.toMatchObject({ status: 404 });
      expect(server.budget().restRequests).toBe(3);
    });

    it('serves a GitHub Enterprise Server base URL (/api/v3, /api/graphql) too', async () => {
      const ghes = octokit(`${base}/api/v3`);
      await expect(ghes.rest.repos.get({ owner: 'acme', repo: REPO })).resolves.toMatchObject({ data: { full_name: FULL } });
      await expect(ghes.graphql<{ repository: { nameWithOwner: string } }>('query { repository(owner: "acme", name: "platform") { nameWithOwner } }')).resolves.toEqual({
        repository: { nameWithOwner: 'acme/platform' },
      });
    });
  });

  describe('GraphQL', () => {
    it('answers PULL_REQUESTS_QUERY with the fixture’s pull requests, newest update first, nested data included, for 3 points', async () => {
      const answer = await github.graphql<PullRequestsAnswer>(PULL_REQUESTS_QUERY, { owner: 'acme', name: REPO, first: 100 });
      expect(answer.rateLimit).toMatchObject({ cost: 3, limit: 5000, used: 3, remaining: 4997 });
      expect(server.budget()).toMatchObject({ graphqlPoints: 3, graphqlRequests: 1, restRequests: 0 });
      expect(server.calls).toEqual([expect.objectContaining({ method: 'POST', path: '/graphql', graphqlCost: 3, graphqlOperation: 'RepositoryPullRequests' })]);
      const expected = [...prsOf(FULL)].sort(byUpdatedDesc);
      expect(answer.repository.nameWithOwner).toBe(FULL);
      const nodes = answer.repository.pullRequests.nodes;
      expect(nodes.map((n) => n.number)).toEqual(expected.map((pr) => pr.number));
      expect(answer.repository.pullRequests.pageInfo.hasNextPage).toBe(false);

      for (const [i, node] of nodes.entries()) {
        const pr = expected[i]!;
        const reviews = pr.reviews.filter((r) => r.state !== 'PENDING');
        expect({
          id: node.id,
          fullDatabaseId: node.fullDatabaseId,
          state: node.state,
          isDraft: node.isDraft,
          createdAt: node.createdAt,
          updatedAt: node.updatedAt,
          mergedAt: node.mergedAt,
          mergedBy: node.mergedBy?.login ?? null,
          mergeCommit: node.mergeCommit?.oid ?? null,
          reviews: node.reviews.nodes.map((r) => [r.fullDatabaseId, r.state, r.submittedAt]),
          timeline: node.timelineItems.nodes.map((e) => e.id),
          commits: node.commits.totalCount,
          oids: node.commits.nodes.map((c) => c.commit.oid),
        }).toEqual({
          id: pr.nodeId,
          fullDatabaseId: String(pr.databaseId),
          state: pr.state,
          isDraft: pr.isDraft,
          createdAt: pr.createdAt,
          updatedAt: pr.updatedAt,
          mergedAt: pr.mergedAt,
          mergedBy: pr.mergedBy,
          mergeCommit: pr.mergeCommitOid,
          reviews: reviews.slice(0, 100).map((r) => [String(r.databaseId), r.state, r.submittedAt]),
          timeline: pr.timeline.slice(0, 100).map((e) => e.nodeId),
          commits: pr.commits.length,
          oids: pr.commits.slice(0, 100).map((c) => c.oid),
        });
      }
      const large = nodes.find((n) => n.reviews.pageInfo.hasNextPage)!;
      expect(large.commits.pageInfo.hasNextPage && large.timelineItems.pageInfo.hasNextPage).toBe(true);
    });

    it('tells users, bots and teams apart the way GitHub does', async () => {
      const nodes = (await github.graphql<PullRequestsAnswer>(PULL_REQUESTS_QUERY, { owner: 'acme', name: REPO, first: 100 })).repository.pullRequests.nodes;
      const renovate = nodes.find((n) => n.author?.__typename === 'Bot')!;
      expect(renovate.author).toEqual({ __typename: 'Bot', login: 'renovate', databaseId: 29_139_614 });
      expect(renovate.commits.nodes[0]!.commit.author.user).toBeNull();
      const other = (await github.graphql<PullRequestsAnswer>(PULL_REQUESTS_QUERY, { owner: 'acme', name: 'platform', first: 100 })).repository.pullRequests.nodes;
      const items = [...nodes, ...other].flatMap((n) => n.timelineItems.nodes);
      expect(items.find((e) => e.requestedReviewer?.__typename === 'Team')?.requestedReviewer).toEqual({ __typename: 'Team', slug: 'payments' });
      expect(items.find((e) => e.requestedReviewer?.__typename === 'Bot')?.requestedReviewer).toMatchObject({ login: 'copilot-pull-request-reviewer' });
      expect(new Set(items.map((e) => e.__typename))).toEqual(new Set(['ReadyForReviewEvent', 'ConvertToDraftEvent', 'ReviewRequestedEvent', 'ReviewRequestRemovedEvent', 'HeadRefForcePushedEvent']));
      const human = nodes.find((n) => n.author?.login === 'bob-gh')!;
      expect(human.author).toEqual({ __typename: 'User', login: 'bob-gh', databaseId: fx.users.find((u) => u.login === 'bob-gh')!.databaseId });
    });

    it('pages with opaque cursors, every pull request once, at 1 point a page of 10', async () => {
      const nodes = await allPullRequests(github, 10);
      expect(nodes.map((n) => n.number)).toEqual([...prsOf(FULL)].sort(byUpdatedDesc).map((pr) => pr.number));
      const pages = Math.ceil(prsOf(FULL).length / 10);
      expect(server.calls.map((c) => c.graphqlCost)).toEqual(Array.from({ length: pages }, () => 1));
      expect(server.budget().graphqlPoints).toBe(pages);
    });

    it('follows up the large pull request’s reviews, commits and timeline past 100 with the page queries', async () => {
      const fetchAll = async <T>(query: string, key: 'reviews' | 'commits' | 'timelineItems'): Promise<T[]> => {
        const nodes: T[] = [];
        let after: string | null = null;
        for (;;) {
          const answer: NodeAnswer<typeof key, T> = await github.graphql<NodeAnswer<typeof key, T>>(query, { id: large.nodeId, after });
          expect(answer.rateLimit.cost).toBe(1);
          nodes.push(...answer.node[key].nodes);
          if (!answer.node[key].pageInfo.hasNextPage) return nodes;
          after = answer.node[key].pageInfo.endCursor;
        }
      };
      const reviews = await fetchAll<{ fullDatabaseId: string }>(PULL_REQUEST_PAGE_QUERIES.reviews, 'reviews');
      const commits = await fetchAll<{ commit: { oid: string } }>(PULL_REQUEST_PAGE_QUERIES.commits, 'commits');
      const timeline = await fetchAll<{ id: string }>(PULL_REQUEST_PAGE_QUERIES.timelineItems, 'timelineItems');
      expect(reviews.map((r) => r.fullDatabaseId)).toEqual(large.reviews.map((r) => String(r.databaseId)));
      expect(reviews).toHaveLength(LARGE_PULL_REQUEST.reviews);
      expect(commits.map((c) => c.commit.oid)).toEqual(large.commits.map((c) => c.oid));
      expect(commits).toHaveLength(LARGE_PULL_REQUEST.commits);
      expect(timeline.map((e) => e.id)).toEqual(large.timeline.map((e) => e.nodeId));
      expect(server.budget().graphqlPoints).toBe(2 + 3 + 2);
    });

    it('refuses databaseId (a 32-bit Int) on a pull request or review past 2^31, as github.com does, and serves fullDatabaseId', async () => {
      const pr = prsOf(FULL).find((p) => p.databaseId > 2 ** 32 && p.reviews.some((r) => r.state !== 'PENDING' && r.databaseId > 2 ** 32))!;
      const review = pr.reviews.find((r) => r.state !== 'PENDING' && r.databaseId > 2 ** 32)!;
      const ask = (fields: string) =>
        github.graphql<{ repository: { pullRequest: Record<string, unknown> } }>(
          `query ($owner: String!, $name: String!, $number: Int!) { repository(owner: $owner, name: $name) { pullRequest(number: $number) { number ${fields} } } }`,
          { owner: 'acme', name: REPO, number: pr.number },
        );
      // graphql-js serialises GitHub's Int type; the fake hands it the real id, as GitHub's data would.
      await expect(ask('databaseId')).rejects.toMatchObject({
        errors: [expect.objectContaining({ message: `Int cannot represent non 32-bit signed integer value: ${pr.databaseId}`, path: ['repository', 'pullRequest', 'databaseId'] })],
      });
      await expect(ask('reviews(first: 100) { nodes { databaseId } }')).rejects.toMatchObject({
        errors: expect.arrayContaining([expect.objectContaining({ message: `Int cannot represent non 32-bit signed integer value: ${review.databaseId}` })]),
      });
      const answer = await ask('fullDatabaseId reviews(first: 100) { nodes { fullDatabaseId } }');
      expect(answer.repository.pullRequest).toMatchObject({ number: pr.number, fullDatabaseId: String(pr.databaseId) });
      expect(JSON.stringify(answer)).toContain(`"fullDatabaseId":"${review.databaseId}"`);
      // The query of before (PullRequest.databaseId) fails the whole page, as it did on github.com.
      const before = PULL_REQUESTS_QUERY.replace('id fullDatabaseId number', 'id databaseId number');
      expect(before).not.toBe(PULL_REQUESTS_QUERY);
      await expect(github.graphql(before, { owner: 'acme', name: REPO, first: 100 })).rejects.toMatchObject({
        errors: expect.arrayContaining([expect.objectContaining({ message: expect.stringMatching(/^Int cannot represent non 32-bit signed integer value: \d{10,}$/) })]),
      });
    });

    it('refuses what GitHub refuses: unknown fields, pages over 100, unknown repositories, bad cursors', async () => {
      const broken = PULL_REQUESTS_QUERY.replace('isDraft', 'isDraftt');
      await expect(github.graphql(broken, { owner: 'acme', name: REPO, first: 10 })).rejects.toMatchObject({
        errors: [expect.objectContaining({ message: expect.stringContaining('Cannot query field "isDraftt" on type "PullRequest"') })],
      });
      await expect(github.graphql(PULL_REQUESTS_QUERY, { owner: 'acme', name: REPO, first: 101 })).rejects.toMatchObject({
        errors: [expect.objectContaining({ type: 'EXCESSIVE_PAGINATION', message: 'Requesting 101 records on the `pullRequests` connection exceeds the `first` limit of 100 records.' })],
      });
      await expect(github.graphql(PULL_REQUESTS_QUERY, { owner: 'acme', name: 'nope', first: 10 })).rejects.toMatchObject({
        data: { repository: null },
        errors: [expect.objectContaining({ type: 'NOT_FOUND', path: ['repository'] })],
      });
      await expect(github.graphql(PULL_REQUESTS_QUERY, { owner: 'acme', name: REPO, first: 10, after: 'bm90IGEgY3Vyc29y' })).rejects.toMatchObject({
        errors: [expect.objectContaining({ type: 'INVALID_CURSOR_ARGUMENTS' })],
      });
      // Refused before running: nothing charged; the unknown repository ran and cost its point.
      expect(server.calls.map((c) => [c.status, c.graphqlCost])).toEqual([
        [200, 0],
        [200, 0],
        [200, 1],
        [200, 1],
      ]);
    });
  });

  describe('failures and changes', () => {
    it('makes injected 429, secondary, primary and 502 answers visible, and does not charge them', async () => {
      server.inject({ kind: '429', everyNth: 1, retryAfterSeconds: 2 });
      await expect(github.rest.repos.get({ owner: 'acme', repo: REPO })).rejects.toMatchObject({ status: 429, response: { headers: { 'retry-after': '2' } } });
      server.clearInjections();
      server.inject({ kind: 'secondary', everyNth: 1, retryAfterSeconds: 3 });
      await expect(github.rest.repos.get({ owner: 'acme', repo: REPO })).rejects.toMatchObject({
        status: 403,
        message: expect.stringContaining('You have exceeded a secondary rate limit'),
        response: { headers: { 'retry-after': '3' } },
      });
      server.clearInjections();
      server.inject({ kind: 'primary', everyNth: 1, retryAfterSeconds: 60 });
      const primary = github.rest.repos.get({ owner: 'acme', repo: REPO });
      await expect(primary).rejects.toMatchObject({ status: 403, response: { headers: { 'x-ratelimit-remaining': '0' } } });
      await expect(github.graphql('query { rateLimit { cost } }')).rejects.toMatchObject({ errors: [expect.objectContaining({ type: 'RATE_LIMITED' })] });
      server.clearInjections();
      server.inject({ kind: '502', everyNth: 2 });
      await expect(github.rest.repos.get({ owner: 'acme', repo: REPO })).resolves.toMatchObject({ status: 200 });
      await expect(github.rest.repos.get({ owner: 'acme', repo: REPO })).rejects.toMatchObject({ status: 502 });

      expect(server.calls.map((c) => c.status)).toEqual([429, 403, 403, 200, 200, 502]);
      const reset = server.calls[2]!.retryAfterUntil!;
      expect(reset).toBeGreaterThan(Date.now() + 50_000);
      expect(server.calls.slice(0, 2).map((c) => c.retryAfterUntil! - c.at)).toEqual([expect.closeTo(2000, -2), expect.closeTo(3000, -2)]);
      expect(server.budget()).toMatchObject({ restRequests: 1, graphqlPoints: 0 });
      // This client never waited: everything after the first 429 came too early.
      expect(server.earlyRetries()).toEqual(server.calls.slice(1));
    });

    it('enforces the hourly budgets it is given: 403 for REST, RATE_LIMITED for GraphQL', async () => {
      const limited = new FakeGithubServer(fx, { token: TOKEN, restLimit: 2, graphqlLimit: 4 });
      const client = octokit(await limited.start());
      try {
        await client.rest.repos.get({ owner: 'acme', repo: REPO });
        const second = await client.rest.repos.get({ owner: 'acme', repo: REPO });
        expect(second.headers['x-ratelimit-remaining']).toBe('0');
        await expect(client.rest.repos.get({ owner: 'acme', repo: REPO })).rejects.toMatchObject({ status: 403, response: { headers: { 'x-ratelimit-remaining': '0' } } });
        const answer = await client.graphql<PullRequestsAnswer>(PULL_REQUESTS_QUERY, { owner: 'acme', name: REPO, first: 100 });
        expect(answer.rateLimit).toMatchObject({ cost: 3, remaining: 1 });
        await expect(client.graphql(PULL_REQUESTS_QUERY, { owner: 'acme', name: REPO, first: 100 })).rejects.toMatchObject({ errors: [expect.objectContaining({ type: 'RATE_LIMITED' })] });
        expect(limited.budget()).toMatchObject({ restRequests: 2, graphqlPoints: 3 });
      } finally {
        await limited.stop();
      }
    });

    it('lets a client with the throttling and retry plugins wait out retry-after and get the same result', async () => {
      const Throttled = Octokit.plugin(throttling, retry);
      const client = new Throttled({
        auth: TOKEN,
        baseUrl: base,
        log: silent,
        throttle: { onRateLimit: () => true, onSecondaryRateLimit: () => true },
        retry: { retryAfterBaseValue: 50 },
      });
      server.inject({ kind: 'secondary', everyNth: 3, retryAfterSeconds: 1, target: 'rest' });
      server.inject({ kind: '502', everyNth: 5, target: 'rest' });
      const listed = await client.paginate(client.rest.pulls.list, { owner: 'acme', repo: REPO, state: 'all', sort: 'updated', direction: 'desc', per_page: 10 });
      expect(listed.map((p) => p.number)).toEqual([...prsOf(FULL)].sort(byUpdatedDesc).map((pr) => pr.number));
      expect(server.calls.filter((c) => c.status === 403).length).toBeGreaterThan(0);
      expect(server.calls.filter((c) => c.status === 502).length).toBeGreaterThan(0);
      expect(server.earlyRetries()).toEqual([]);
    });

    it('answers 401 Bad credentials to a wrong token, and to every request once the token is revoked', async () => {
      await expect(octokit(base, 'ghp_wrong').rest.repos.get({ owner: 'acme', repo: REPO })).rejects.toMatchObject({ status: 401, response: { data: { message: 'Bad credentials' } } });
      await expect(github.rest.repos.get({ owner: 'acme', repo: REPO })).resolves.toMatchObject({ status: 200 });
      server.revokeToken();
      await expect(github.rest.repos.get({ owner: 'acme', repo: REPO })).rejects.toMatchObject({ status: 401, response: { data: { message: 'Bad credentials' } } });
      await expect(github.graphql('query { rateLimit { cost } }')).rejects.toMatchObject({ status: 401 });
      expect(server.budget()).toMatchObject({ restRequests: 1, graphqlPoints: 0 });
    });

    it('moves a touched pull request to the front of an update-ordered listing, with the change', async () => {
      const before = [...prsOf(FULL)].sort(byUpdatedDesc);
      const target = before[before.length - 1]!;
      const reviewId = server.newDatabaseId();
      const touched = server.touchPullRequest(FULL, target.number, (pr) => {
        pr.reviews.push({ databaseId: reviewId, nodeId: githubNodeId('PRR', reviewId), author: 'carol-gh', state: 'APPROVED', body: '', createdAt: '2026-03-13T12:00:00Z', submittedAt: '2026-03-13T12:00:00Z', commitOid: pr.commits[0]!.oid });
      });
      expect(touched.updatedAt > before[0]!.updatedAt).toBe(true);
      const rest = await github.rest.pulls.list({ owner: 'acme', repo: REPO, state: 'all', sort: 'updated', direction: 'desc', per_page: 2 });
      expect(rest.data.map((p) => p.number)).toEqual([target.number, before[0]!.number]);
      const answer = await github.graphql<PullRequestsAnswer>(PULL_REQUESTS_QUERY, { owner: 'acme', name: REPO, first: 1 });
      expect(answer.repository.pullRequests.nodes[0]).toMatchObject({ number: target.number, updatedAt: touched.updatedAt });
      expect(answer.repository.pullRequests.nodes[0]!.reviews.nodes.map((r) => r.fullDatabaseId)).toContain(String(reviewId));
      const node = await github.graphql<NodeAnswer<'reviews', { fullDatabaseId: string }>>(PULL_REQUEST_PAGE_QUERIES.reviews, { id: target.nodeId, after: null });
      expect(node.node.reviews.nodes.at(-1)).toEqual(expect.objectContaining({ fullDatabaseId: String(reviewId) }));
      expect(fx.pullRequests.find((pr) => pr.nodeId === target.nodeId)!.reviews.some((r) => r.databaseId === reviewId)).toBe(false);
    });
  });

  it('answers a page in milliseconds on a 5,000-pull-request organisation', async () => {
    const big = generateGithubOrganisation({
      seed: 11,
      org: 'acme',
      people: Array.from({ length: 60 }, (_, i) => ({ id: `p${i}`, email: `p${i}@example.com` })),
      teams: Array.from({ length: 10 }, (_, t) => ({
        id: `team-${t}`,
        leads: [`p${t * 6}`],
        members: [1, 2, 3, 4, 5].map((k) => `p${t * 6 + k}`),
        repositories: [`acme/service-${t}`],
      })),
      repositories: Array.from({ length: 10 }, (_, t) => `acme/service-${t}`),
      weeks: 52,
      endDate: '2026-03-13',
      pullRequestsPerRepoWeek: 10,
    });
    expect(big.pullRequests.length).toBeGreaterThan(5000);
    const bigServer = new FakeGithubServer(big, { token: TOKEN });
    const client = octokit(await bigServer.start());
    try {
      // Pages of a large repository: full, distinct, newest update first. (Speed is for benchmarks.)
      const numbers: number[] = [];
      const updated: string[] = [];
      for (let page = 1; page <= 5; page++) {
        const { data } = await client.rest.pulls.list({ owner: 'acme', repo: 'service-3', state: 'all', sort: 'updated', direction: 'desc', per_page: 100, page });
        expect(data).toHaveLength(100);
        numbers.push(...data.map((p) => p.number));
        updated.push(...data.map((p) => p.updated_at));
      }
      expect(new Set(numbers).size).toBe(500);
      expect([...updated].sort().reverse()).toEqual(updated);
      const answer = (await client.graphql(PULL_REQUESTS_QUERY, { owner: 'acme', name: 'service-4', first: 20 })) as { repository: { pullRequests: { nodes: unknown[] } } };
      expect(answer.repository.pullRequests.nodes).toHaveLength(20);
    } finally {
      await bigServer.stop();
    }
  });
});
