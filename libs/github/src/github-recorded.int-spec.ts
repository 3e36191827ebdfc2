import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '@undercurrent/logger';
import { timeToFirstReview } from '@undercurrent/metrics';
import { openTestDataSource, readRecorded, RECORDED_DIR, RecordedGithubServer } from '@undercurrent/testing';
import type { DataSource } from 'typeorm';
import { createGithubClient } from './github-client';
import { GithubRestSync } from './github-rest-sync';
import { GithubStoreRepository } from './github-store.repository';

/**
 * The real responses GitHub gave for panjf2000/ants (test/fixtures/github-recorded), replayed
 * through the REST path of the sync into PostgreSQL.
 */
describe('recorded GitHub responses through the REST sync', () => {
  let dataSource: DataSource;
  let close: () => Promise<void>;
  let server: RecordedGithubServer;
  let result: Awaited<ReturnType<GithubRestSync['syncRepository']>>;
  let sync: GithubRestSync;
  let client: ReturnType<typeof createGithubClient>;

  beforeAll(async () => {
    ({ dataSource, close } = await openTestDataSource());
    server = new RecordedGithubServer();
    client = createGithubClient({ token: 'ghp_recorded', baseUrl: await server.start(), logger: createLogger({ level: 'silent', name: 'test' }) });
    sync = new GithubRestSync(new GithubStoreRepository(dataSource), new Set(['codecov']));
    result = await sync.syncRepository(client, 'panjf2000/ants');
  });

  afterAll(async () => {
    await server.stop();
    await close();
  });

  const pulls = readRecorded('pull_requests').map((r) => r.data as { id: number; number: number; user: { login: string }; merged_at: string | null; state: string });

  it('stores every pull request once, with its author and state', async () => {
    expect(result.pullRequests).toBe(49);
    // Ids and numbers are bigint columns, which pg returns as text: GitHub's digits, unchanged.
    const stored = (await dataSource.query(
      `SELECT p.id, p.number, u.login AS author, p.state FROM github_pull_requests p LEFT JOIN github_users u ON u.id = p.author_id ORDER BY p.number`,
    )) as { id: string; number: string; author: string; state: string }[];
    const expected = pulls
      .map((p) => ({ id: String(p.id), number: String(p.number), author: p.user.login.toLowerCase(), state: p.merged_at ? 'merged' : p.state }))
      .sort((a, b) => Number(a.number) - Number(b.number));
    expect(stored).toEqual(expected);
  });

  it('stores every review and commit of the recorded pull requests', async () => {
    const reviews = readRecorded('pull_request_reviews');
    const commits = readRecorded('pull_request_commits');
    const [counts] = (await dataSource.query(
      `SELECT (SELECT count(*) FROM github_reviews)::int AS reviews, (SELECT count(*) FROM github_commits)::int AS commits,
              (SELECT count(*) FROM github_commits WHERE is_merge)::int AS merges,
              (SELECT count(*) FROM github_commits WHERE author_id IS DISTINCT FROM committer_id)::int AS other_committer`,
    )) as { reviews: number; commits: number; merges: number; other_committer: number }[];
    expect(counts!.reviews).toBe(reviews.length);
    expect(counts!.commits).toBe(commits.length);
    // Merge commits are known by their message (see merge-commit.ts). Against the parent counts of
    // these 90 real commits that is right but for one merge whose message was written by hand.
    const byParents = commits.filter((c) => (c.data['parents'] as unknown[]).length > 1);
    const missed = byParents.filter((c) => !/^Merge /.test((c.data['commit'] as { message: string }).message));
    expect(missed.map((c) => (c.data['commit'] as { message: string }).message.split('\n')[0])).toEqual(['fixed #7  chinese ']);
    expect(counts!.merges).toBe(byParents.length - missed.length);
    // README: author and committer differ in 22 of the 90 commits (web-flow, null logins).
    const differ = commits.filter((c) => (c.data['author'] as { id?: number } | null)?.id !== (c.data['committer'] as { id?: number } | null)?.id).length;
    expect(counts!.other_committer).toBe(differ);
    expect(differ).toBe(22);
  });

  it('marks bots and keeps no comment body, commit message or title', async () => {
    const bots = (await dataSource.query(`SELECT login FROM github_users WHERE is_bot ORDER BY login`)) as { login: string }[];
    expect(bots.map((b) => b.login)).toContain('codecov[bot]');
    const columns = (await dataSource.query(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_name LIKE 'github_%' AND data_type IN ('text', 'ARRAY')`,
    )) as { table_name: string; column_name: string }[];
    const sample = (readRecorded('comments')[0]!.data['body'] as string).slice(0, 40);
    for (const { table_name: t, column_name: c } of columns) {
      const [hit] = (await dataSource.query(`SELECT count(*)::int AS n FROM ${t} WHERE ${c}::text LIKE $1`, [`%${sample}%`])) as { n: number }[];
      expect({ column: `${t}.${c}`, hits: hit!.n }).toEqual({ column: `${t}.${c}`, hits: 0 });
    }
  });

  it('gives each pull request the time to first review worked out by hand from the same rows', async () => {
    const expected = JSON.parse(readFileSync(join(RECORDED_DIR, 'expected-time-to-first-review.json'), 'utf8')) as Record<string, number | null>;
    const prs = (await dataSource.query(`SELECT id, number, author_id, created_at, created_as_draft, closed_at FROM github_pull_requests ORDER BY number`)) as {
      id: string; number: number; author_id: string | null; created_at: Date; created_as_draft: boolean; closed_at: Date | null;
    }[];
    const reviews = (await dataSource.query(`SELECT r.pull_request_id, r.author_id, r.submitted_at, u.is_bot FROM github_reviews r LEFT JOIN github_users u ON u.id = r.author_id`)) as {
      pull_request_id: string; author_id: string | null; submitted_at: Date | null; is_bot: boolean | null;
    }[];
    const events = (await dataSource.query(`SELECT pull_request_id, kind, created_at FROM github_pr_events WHERE kind IN ('ready_for_review', 'convert_to_draft')`)) as {
      pull_request_id: string; kind: 'ready_for_review' | 'convert_to_draft'; created_at: Date;
    }[];
    const actual: Record<string, number | null> = {};
    for (const pr of prs) {
      actual[String(pr.number)] = timeToFirstReview(
        {
          authorId: pr.author_id,
          createdAt: pr.created_at,
          createdAsDraft: pr.created_as_draft,
          draftEvents: events.filter((e) => e.pull_request_id === pr.id).map((e) => ({ kind: e.kind, createdAt: e.created_at })),
          reviews: reviews.filter((r) => r.pull_request_id === pr.id).map((r) => ({ authorId: r.author_id, submittedAt: r.submitted_at, authorIsBot: r.is_bot ?? false })),
          closedAt: pr.closed_at,
        },
        new Date('2026-11-21T00:00:00Z'),
      ).hours;
    }
    expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
    for (const [number, hours] of Object.entries(expected)) {
      if (hours === null) expect({ number, hours: actual[number] }).toEqual({ number, hours: null });
      else expect({ number, hours: actual[number]!.toFixed(6) }).toEqual({ number, hours: hours.toFixed(6) });
    }
    expect(Object.values(expected).filter((h) => h !== null)).toHaveLength(3);
  });

  it('changes no row on a second sync and stops at the cursor', async () => {
    const before = (await dataSource.query(`SELECT 'p' || xmin::text FROM github_pull_requests UNION ALL SELECT 'r' || xmin::text FROM github_reviews ORDER BY 1`)) as unknown[];
    const requests = server.requests.length;
    const again = await sync.syncRepository(client, 'panjf2000/ants');
    expect(again).toMatchObject({ pullRequests: 0, rowsWritten: 0 });
    expect(await dataSource.query(`SELECT 'p' || xmin::text FROM github_pull_requests UNION ALL SELECT 'r' || xmin::text FROM github_reviews ORDER BY 1`)).toEqual(before);
    // The repository, one page of pull requests, the two comment listings since the cursor, one page of events.
    expect(server.requests.length - requests).toBeLessThanOrEqual(6);
  });
});
