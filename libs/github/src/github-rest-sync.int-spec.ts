import { createLogger } from '@undercurrent/logger';
import { FakeGithubServer, generateGithubOrganisation, openTestDataSource } from '@undercurrent/testing';
import type { DataSource } from 'typeorm';
import { createGithubClient } from './github-client';
import { GithubGraphqlSync } from './github-graphql-sync';
import { GithubRestSync } from './github-rest-sync';
import { GithubStoreRepository } from './github-store.repository';

const TOKEN = 'ghp_rest_sync_test';
const REPOS = ['acme/payments-api', 'acme/platform'];
const silent = createLogger({ level: 'silent', name: 'test' });

/**
 * The facts both paths read, by the columns both can fill. Left out, as known differences of the
 * REST path (not of ids): the pull request listing carries no `merged_by` nor size (the REST path
 * would need a request per pull request for them), and REST links a bot's commits to the bot's
 * account where GraphQL's `GitActor.user` (a `User`) is null; only the GraphQL path keeps an ETag.
 */
const FACTS: Record<string, string> = {
  github_repositories: 'SELECT id, full_name, default_branch, is_archived, pulls_cursor FROM github_repositories ORDER BY id',
  github_users: 'SELECT id, login, type, is_bot FROM github_users ORDER BY id',
  github_pull_requests: 'SELECT id, repository_id, number, author_id, state, is_draft, created_as_draft, created_at, updated_at, merged_at, closed_at, base_ref, merge_commit_sha FROM github_pull_requests ORDER BY id',
  github_pr_events: 'SELECT * FROM github_pr_events ORDER BY id',
  github_reviews: 'SELECT * FROM github_reviews ORDER BY id',
  github_comments: 'SELECT * FROM github_comments ORDER BY id',
  github_commits: 'SELECT pull_request_id, sha, author_email, committer_email, authored_at, committed_at, is_merge, co_author_emails FROM github_commits ORDER BY pull_request_id, sha',
};

async function facts(dataSource: DataSource): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [table, sql] of Object.entries(FACTS)) out[table] = (await dataSource.query(sql)) as unknown[];
  return out;
}

/**
 * The REST path (`GithubRestSync`) against the fake GitHub, whose ids are in today's ranges (past
 * 2^31 and 2^32; REST serves them as JSON numbers): the same rows, under the same ids, as the
 * GraphQL path (which reads them as `fullDatabaseId` strings) stores from the same organisation.
 */
describe('GitHub sync, REST path, against the fake GitHub', () => {
  const fx = generateGithubOrganisation({
    seed: 11,
    org: 'acme',
    people: [
      { id: 'alice', email: 'alice@example.com', github: ['alice-gh'] },
      { id: 'bob', email: 'bob@example.com', github: ['bob-gh'] },
      { id: 'carol', email: 'carol@example.com', github: ['carol-gh', 'carol-alt'] },
      { id: 'dave', github: ['dave-gh'] },
    ],
    teams: [
      { id: 'payments', leads: ['alice'], members: ['bob'], repositories: ['acme/payments-api'] },
      { id: 'platform', leads: ['dave'], members: ['carol'], repositories: ['acme/platform'] },
    ],
    repositories: REPOS,
    weeks: 6,
    endDate: '2026-03-13',
  });
  let server: FakeGithubServer;
  let rest: { dataSource: DataSource; close: () => Promise<void> };
  let graphql: { dataSource: DataSource; close: () => Promise<void> };

  beforeAll(async () => {
    server = new FakeGithubServer(fx, { token: TOKEN, restLimit: 100_000, graphqlLimit: 100_000 });
    const client = createGithubClient({ token: TOKEN, baseUrl: await server.start(), logger: silent, graphqlIntervalMs: 0 });
    rest = await openTestDataSource();
    graphql = await openTestDataSource();
    for (const repo of REPOS) {
      await new GithubRestSync(new GithubStoreRepository(rest.dataSource), new Set()).syncRepository(client, repo);
      await new GithubGraphqlSync(new GithubStoreRepository(graphql.dataSource), new Set()).syncRepository(client, repo);
    }
  });

  afterAll(async () => {
    await server.stop();
    await rest.close();
    await graphql.close();
  });

  it('stores every pull request, review and comment under its id past 2^32, digit for digit', async () => {
    const prs = fx.pullRequests.filter((pr) => REPOS.includes(pr.repository));
    const ids = async (sql: string) => ((await rest.dataSource.query(sql)) as { id: string }[]).map((r) => r.id).sort();
    const text = (list: number[]) => list.map(String).sort();
    expect(prs.filter((pr) => pr.databaseId > 2 ** 32).length).toBeGreaterThan(0);
    expect(await ids('SELECT id FROM github_pull_requests')).toEqual(text(prs.map((pr) => pr.databaseId)));
    expect(await ids('SELECT id FROM github_reviews')).toEqual(text(prs.flatMap((pr) => pr.reviews.filter((r) => r.state !== 'PENDING').map((r) => r.databaseId))));
    expect(await ids(`SELECT id FROM github_comments WHERE kind = 'conversation'`)).toEqual(prs.flatMap((pr) => pr.issueComments.map((c) => `issue:${c.databaseId}`)).sort());
    const numbers = (await rest.dataSource.query('SELECT id, number FROM github_pull_requests')) as { id: string; number: string }[];
    expect(new Map(numbers.map((r) => [r.id, Number(r.number)]))).toEqual(new Map(prs.map((pr) => [String(pr.databaseId), pr.number])));
  });

  it('stores what the GraphQL path stores, under the same ids', async () => {
    const viaRest = await facts(rest.dataSource);
    const viaGraphql = await facts(graphql.dataSource);
    expect(viaRest['github_pull_requests']!.length).toBe(fx.pullRequests.filter((pr) => REPOS.includes(pr.repository)).length);
    for (const table of Object.keys(FACTS)) expect({ table, rows: viaRest[table] }).toEqual({ table, rows: viaGraphql[table] });
  });
});
