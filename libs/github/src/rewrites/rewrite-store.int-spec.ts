import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openTestDataSource } from '@undercurrent/testing';
import type { DataSource } from 'typeorm';
import { GithubStoreRepository, type GithubBatch } from '../github-store.repository';
import { REWRITE_DEFINITION_VERSION } from './rewrite-analysis';
import { githubGitUrl, GithubRewriteAnalyser } from './rewrite-store';
import { lines, TestRepo, text } from './test-repo.fixture';

const START = Date.UTC(2026, 0, 5, 10, 0, 0);
const day = (n: number): Date => new Date(START + n * 86_400_000);
const USERS = { alice: '1001', bob: '1002', carol: '1003', dave: '1004' } as const;
/**
 * Pull request ids as GitHub hands them out today: past 2^32, and one past 2^53, where a JS
 * number would already have lost its last digit (9007199254740993 reads back as ...992).
 */
const PR = { squash: '4294967297', rebase: '4294967298', merge: '4294967299', lost: '9007199254740993' } as const;

/**
 * The stored pull requests of a real repository (squash-merged, rebased, merge-committed, and one
 * whose merge commit is gone) analysed from a bare clone into `github_pr_rewrites`.
 */
describe('rewrite analysis of stored pull requests', () => {
  let root: string;
  let dataSource: DataSource;
  let close: () => Promise<void>;
  let analyser: GithubRewriteAnalyser;
  const sha: Record<string, string> = {};
  const rebasedDates: Date[] = [day(4), day(5)];

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'uc-rewrite-store-'));
    ({ dataSource, close } = await openTestDataSource());
    const repo = await TestRepo.create(root, 'app');
    await repo.commit('alice', day(0), { 'a.ts': text(lines('base', 1, 5)) });
    // #1, bob, squash-merged: 6 lines; alice rewrites 2 of them two days later.
    sha['squash'] = await repo.commit('bob', day(1), { 'a.ts': text(lines('base', 1, 5), lines('bob', 1, 6)) }, 'Add bob lines (#1)');
    await repo.commit('alice', day(3), { 'a.ts': text(lines('base', 1, 5), lines('bob', 1, 4), ['export const alice5 = rewrittenEntirely(5);', 'export const alice6 = rewrittenEntirely(6);']) });
    // #2, carol, rebase-merged: her two commits keep their authored dates on main.
    sha['rebase1'] = await repo.commit('carol', rebasedDates[0]!, { 'b.ts': text(lines('carol', 1, 3)) });
    sha['rebase2'] = await repo.commit('carol', rebasedDates[1]!, { 'b.ts': text(lines('carol', 1, 5)) });
    // #3, dave, merged with a merge commit.
    await repo.checkout('feature', true);
    await repo.commit('dave', day(6), { 'c.ts': text(lines('dave', 1, 4)) });
    await repo.checkout('main');
    sha['merge'] = await repo.merge('alice', day(7), 'feature');

    const batch: GithubBatch = {
      repository: { id: '500', fullName: 'acme/app', defaultBranch: 'main', isArchived: false },
      users: Object.entries(USERS).map(([login, id]) => ({ id, login, type: 'User', is_bot: false })),
      pullRequests: [],
      events: [],
      reviews: [],
      comments: [],
      commits: [],
    };
    const pr = (id: string, number: number, author: keyof typeof USERS, mergedAt: Date, mergeSha: string) =>
      batch.pullRequests.push({
        id, repository_id: '500', number, author_id: USERS[author], state: 'merged', is_draft: false, created_as_draft: false,
        created_at: day(0).toISOString(), updated_at: mergedAt.toISOString(), merged_at: mergedAt.toISOString(), closed_at: mergedAt.toISOString(),
        merged_by_id: USERS.alice, base_ref: 'main', merge_commit_sha: mergeSha, additions: 0, deletions: 0, changed_files: 1,
      });
    const commit = (prId: string, author: keyof typeof USERS, at: Date, commitSha: string) =>
      batch.commits.push({
        pull_request_id: prId, sha: commitSha, author_id: USERS[author], author_email: `${author}@example.com`, committer_id: USERS[author], committer_email: `${author}@example.com`,
        authored_at: at.toISOString(), committed_at: at.toISOString(), is_merge: false, co_author_emails: [],
      });
    pr(PR.squash, 1, 'bob', day(1), sha['squash']);
    // The branch's own commits (before the squash): other shas, other dates.
    commit(PR.squash, 'bob', new Date(day(1).getTime() - 7_200_000), 'b1'.padEnd(40, '0'));
    commit(PR.squash, 'bob', new Date(day(1).getTime() - 3_600_000), 'b2'.padEnd(40, '0'));
    pr(PR.rebase, 2, 'carol', day(5), sha['rebase2']);
    commit(PR.rebase, 'carol', rebasedDates[0]!, 'c1'.padEnd(40, '0'));
    commit(PR.rebase, 'carol', rebasedDates[1]!, 'c2'.padEnd(40, '0'));
    pr(PR.merge, 3, 'dave', day(7), sha['merge']);
    commit(PR.merge, 'dave', day(6), 'd1'.padEnd(40, '0'));
    pr(PR.lost, 4, 'bob', day(8), 'f'.repeat(40));
    await new GithubStoreRepository(dataSource).apply(batch, { cursor: null });
    analyser = new GithubRewriteAnalyser(dataSource, { cloneDir: join(root, 'clones'), gitUrl: () => pathToFileURL(join(root, 'app')).href });
  });

  afterAll(async () => {
    await close();
    await rm(root, { recursive: true, force: true });
  });

  const stored = async () =>
    (await dataSource.query(
      `SELECT pull_request_id AS id, merge_kind, lines_added, lines_replaced, replaced_by, complete, reason, definition_version FROM github_pr_rewrites ORDER BY pull_request_id`,
    )) as { id: string; merge_kind: string; lines_added: number; lines_replaced: number; replaced_by: Record<string, number>; complete: boolean; reason: string | null; definition_version: number }[];

  it('tells how each pull request landed and stores what was replaced, by whom, while the window is open', async () => {
    expect(await analyser.analyseRepository('acme/app', { now: day(10) })).toEqual({ analysed: 4, complete: 0, notAnalysable: 1 });
    const rows = await stored();
    expect(rows.map((r) => [r.id, r.merge_kind])).toEqual([[PR.squash, 'squash'], [PR.rebase, 'rebase'], [PR.merge, 'merge'], [PR.lost, 'unknown']]);
    expect(rows[0]).toMatchObject({ lines_added: 6, lines_replaced: 2, replaced_by: { 'alice@example.com': 2 }, complete: false, reason: null, definition_version: REWRITE_DEFINITION_VERSION });
    expect(rows[1]).toMatchObject({ lines_added: 5, lines_replaced: 0, replaced_by: {} });
    expect(rows[2]).toMatchObject({ lines_added: 4, lines_replaced: 0 });
    expect(rows[3]).toMatchObject({ lines_added: 0, complete: false, reason: expect.stringMatching(/^merge commit ffffffffffff is not in the clone/) });
  });

  it('re-analyses pull requests whose window was open, and leaves finished ones and lost ones alone', async () => {
    const versions = async () => (await dataSource.query(`SELECT pull_request_id AS id, xmin::text FROM github_pr_rewrites ORDER BY 1`)) as { id: string; xmin: string }[];
    expect(await analyser.analyseRepository('acme/app', { now: day(40) })).toEqual({ analysed: 3, complete: 3, notAnalysable: 0 });
    expect((await stored()).map((r) => r.complete)).toEqual([true, true, true, false]);
    const before = await versions();
    expect(await analyser.analyseRepository('acme/app', { now: day(50) })).toEqual({ analysed: 0, complete: 0, notAnalysable: 0 });
    expect(await versions()).toEqual(before);
  });

  it('derives the git URL from the API URL (github.com and Enterprise Server)', () => {
    expect(githubGitUrl('https://api.github.com', 'acme/app')).toBe('https://github.com/acme/app.git');
    expect(githubGitUrl('https://ghe.example.com/api/v3', 'acme/app')).toBe('https://ghe.example.com/acme/app.git');
  });
});
