import { randomUUID } from 'node:crypto';
import { signGithubPayload } from '@undercurrent/github';
import { FakeGithubServer, generateGithubOrganisation, githubNodeId, waitFor, waitForHealthy } from '@undercurrent/testing';
import { Client } from 'pg';
import { createStack, startApi, type Stack } from './support';

const GITHUB_TOKEN = 'ghp_e2e_fake_github_token';
const WEBHOOK_SECRET = 'e2e-github-webhook-secret';
const REPO = 'acme/payments-api';
const people = ['alice', 'bob', 'carol'];

describe('GitHub through the processes, configured by environment', () => {
  let stack: Stack;
  let server: FakeGithubServer;
  let baseUrl: string;
  let db: Client;

  beforeAll(async () => {
    server = new FakeGithubServer(
      generateGithubOrganisation({
        seed: 9,
        org: 'acme',
        people: people.map((id) => ({ id, email: `${id}@example.com`, github: [`${id}-gh`] })),
        teams: [{ id: 'payments', leads: ['alice'], members: ['bob', 'carol'], repositories: [REPO] }],
        repositories: [REPO],
        weeks: 3,
        endDate: '2026-03-13',
      }),
      { token: GITHUB_TOKEN },
    );
    const githubUrl = await server.start();
    const orgYaml = [
      'timezone: UTC',
      `github: { repositories: [${REPO}] }`,
      'people:',
      ...people.map((id) => `  - { id: ${id}, name: ${id}, email: ${id}@example.com, github: [${id}-gh] }`),
      'teams:',
      `  - { id: payments, name: Payments, leads: [alice], members: [bob, carol], repositories: [${REPO}] }`,
      '',
    ].join('\n');
    stack = await createStack(orgYaml);
    const { baseUrl: url, api } = await startApi(stack, { GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET });
    baseUrl = url;
    const worker = stack.start('worker', { GITHUB_TOKEN, GITHUB_API_URL: githubUrl });
    await waitForHealthy(baseUrl, [api, worker]);
    db = new Client({ connectionString: stack.db.url });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await stack.teardown();
    await server.stop();
  });

  it('syncs the repositories from the command line when GITHUB_TOKEN is set', async () => {
    const { code, output } = await stack.cli(['sync', '--source', 'github']);
    expect(output).toMatch(/sync completed: .*githubPullRequests \d+/);
    expect(code).toBe(0);
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM github_pull_requests`);
    expect(rows[0]!.n).toBe(server.organisation.pullRequests.filter((pr) => pr.repository === REPO).length);
    for (const p of stack.processes) expect(p.output()).not.toContain(GITHUB_TOKEN);
  });

  it('analyses after the sync in the worker, and again from the command line', async () => {
    const afterSync = await waitFor('the analysis the sync requested', async () => {
      const { rows } = await db.query<{ state: string; weeks: number | null }>(`SELECT state, weeks FROM analysis_runs WHERE trigger = 'sync' AND state IN ('completed', 'failed')`);
      return rows[0];
    }, 60_000);
    expect(afterSync).toEqual({ state: 'completed', weeks: null });
    const { code, output } = await stack.cli(['analyse', '--weeks', '2']);
    expect(output).toMatch(/analysis completed \(\d{4}-W\d{2} to \d{4}-W\d{2}\): weeks 2, /);
    expect(code).toBe(0);
    const { rows } = await db.query<{ n: number }>(`SELECT count(DISTINCT week)::int AS n FROM team_weeks WHERE team_id = 'payments'`);
    expect(rows[0]!.n).toBeGreaterThanOrEqual(3);
    const bad = await stack.cli(['analyse', '--weeks', 'two']);
    expect(bad).toMatchObject({ code: 2, output: expect.stringContaining('--weeks: "two" is not a whole number of weeks') });
  });

  it('re-reads a pull request when a signed webhook says it changed', async () => {
    const pr = server.organisation.pullRequests.find((p) => p.repository === REPO && p.state === 'OPEN')!;
    const reviewId = server.newDatabaseId();
    server.touchPullRequest(REPO, pr.number, (p) => {
      p.reviews.push({ databaseId: reviewId, nodeId: githubNodeId('PRR', reviewId), author: 'carol-gh', state: 'APPROVED', body: '', createdAt: '2026-03-13T12:00:00Z', submittedAt: '2026-03-13T12:00:00Z', commitOid: p.commits.at(-1)!.oid });
    });
    const body = JSON.stringify({ action: 'submitted', repository: { full_name: REPO }, pull_request: { number: pr.number } });
    const response = await fetch(`${baseUrl}/webhooks/github`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-github-event': 'pull_request_review', 'x-github-delivery': randomUUID(), 'x-hub-signature-256': signGithubPayload(body, WEBHOOK_SECRET) },
      body,
    });
    expect(await response.json()).toEqual({ ok: true, outcome: 'queued' });
    const stored = await waitFor('the review', async () => {
      const { rows } = await db.query<{ state: string }>(`SELECT state FROM github_reviews WHERE id = $1`, [reviewId]);
      return rows[0];
    }, 20_000);
    expect(stored).toEqual({ state: 'APPROVED' });
  });
});
