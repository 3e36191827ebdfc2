import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { lines, TestRepo, text } from './test-repo.fixture';
import { GitCommandError, ensureBareClone, parseUnifiedDiff, unquoteCPath } from './git-repository';
import type { MergedChange } from './rewrite-analysis';
import { analyseRewrites } from './rewrite-analysis';

// Real repositories in a temporary directory, committed as given people at given dates; the
// analysis always runs on a bare clone of them, as in production.

const START = Date.UTC(2024, 2, 1, 10, 0, 0);
const day = (n: number): Date => new Date(START + n * 24 * 60 * 60 * 1000);
/** Test people: the key is the email's local part. */
const byLocalPart = ({ email }: { email: string }): string => email.split('@')[0]!.toLowerCase();

const BASE = lines('base', 1, 5);
const PR = lines('bob', 1, 10);
/** The PR's lines with lines `numbers` (1-based) rewritten by `who`. */
function rewritten(numbers: number[], who: string, source = PR): string[] {
  return source.map((line, i) => (numbers.includes(i + 1) ? `export const ${who}${i + 1} = somethingElseEntirely(${i + 1});` : line));
}

function squash(sha: string, mergedAt: Date, extra: Partial<MergedChange> = {}): MergedChange {
  return { key: 'pr-1', author: 'bob', mergedAt, baseBranch: 'main', commits: [sha], mergeKind: 'squash', ...extra };
}

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'uc-rewrites-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('analyseRewrites', () => {
  it('squash merge: 4 of 10 lines rewritten by the lead 5 days later are 4 replaced by the lead', async () => {
    const repo = await TestRepo.create(root, 'squash');
    await repo.commit('lead', day(0), { 'src/a.ts': text(BASE) });
    // The squash commit also re-indents the base lines: whitespace only, so not added lines.
    const pr = await repo.commit('bob', day(1), { 'src/a.ts': text(lines('base', 1, 5, '  '), PR) });
    await repo.commit('erin', day(3), { 'src/other.ts': text(lines('erin', 1, 3)) });
    const rewrite = await repo.commit('lead', day(6), { 'src/a.ts': text(lines('base', 1, 5, '  '), rewritten([2, 3, 7, 10], 'lead')) });
    const clone = await repo.clone(root);

    const [result] = await analyseRewrites(clone, [squash(pr, day(1))], { now: day(40), authorKey: byLocalPart });
    expect(result).toMatchObject({
      key: 'pr-1',
      linesAdded: 10,
      linesReplaced: 4,
      replacedBy: { lead: 4 },
      complete: true,
      windowEnd: day(22),
      observedUntil: day(22),
      windowEndCommit: rewrite,
      replacements: [{ commit: rewrite, author: 'lead', lines: 4 }],
      filesAnalysed: 1,
    });
    expect(result!.reason).toBeUndefined();

    // The default author key is the lower-cased email.
    const [byEmail] = await analyseRewrites(clone, [squash(pr, day(1))], { now: day(40) });
    expect(byEmail!.replacedBy).toEqual({ 'lead@example.com': 4 });
  });

  it('follows a rename in between: still 4 replaced, and the rename itself replaces nothing', async () => {
    const repo = await TestRepo.create(root, 'rename');
    await repo.commit('lead', day(0), { 'a.ts': text(BASE) });
    const pr = await repo.commit('bob', day(1), { 'a.ts': text(BASE, PR) });
    await repo.rename('carol', day(3), 'a.ts', 'lib/renamed.ts');
    await repo.commit('lead', day(6), { 'lib/renamed.ts': text(BASE, rewritten([1, 4, 5, 9], 'lead')) });
    const clone = await repo.clone(root);

    const [afterRewrite] = await analyseRewrites(clone, [squash(pr, day(1))], { now: day(40), authorKey: byLocalPart });
    expect(afterRewrite).toMatchObject({ linesAdded: 10, linesReplaced: 4, replacedBy: { lead: 4 }, complete: true });

    // Observed just after the rename, before the rewrite: nothing replaced.
    const [afterRename] = await analyseRewrites(clone, [squash(pr, day(1))], { now: day(4), authorKey: byLocalPart });
    expect(afterRename).toMatchObject({ linesAdded: 10, linesReplaced: 0, replacedBy: {}, complete: false });
  });

  it('merge-commit pull request: the merge brings in the whole branch, the merger is not credited', async () => {
    const repo = await TestRepo.create(root, 'merge');
    await repo.commit('lead', day(0), { 'a.ts': text(BASE) });
    await repo.checkout('feature', true);
    await repo.commit('bob', day(1), { 'f.ts': text(lines('feat', 1, 4)) });
    await repo.commit('bob', day(1.2), { 'a.ts': text(BASE, lines('more', 1, 2)) });
    await repo.checkout('main');
    await repo.commit('erin', day(1.5), { 'e.ts': text(lines('erin', 1, 3)) });
    const merge = await repo.merge('lead', day(2), 'feature');
    await repo.commit('dave', day(5), { 'f.ts': text(rewritten([2, 3], 'dave', lines('feat', 1, 4))) });
    const clone = await repo.clone(root);

    const [result] = await analyseRewrites(clone, [{ ...squash(merge, day(2)), mergeKind: 'merge' }], { now: day(30), authorKey: byLocalPart });
    expect(result).toMatchObject({ linesAdded: 6, linesReplaced: 2, replacedBy: { dave: 2 }, filesAnalysed: 2, complete: true });
  });

  it('rebase-merged pull request of 2 commits: taken together', async () => {
    const repo = await TestRepo.create(root, 'rebase');
    await repo.commit('lead', day(0), { 'a.ts': text(BASE) });
    const first = await repo.commit('bob', day(1), { 'r.ts': text(lines('r', 1, 5)) });
    // The second commit changes a line of the first and adds 3: 8 lines added in all.
    const second = await repo.commit('bob', day(1), { 'r.ts': text(rewritten([2], 'bob', lines('r', 1, 5)), lines('s', 1, 3)) });
    await repo.commit('lead', day(4), { 'r.ts': text(rewritten([1, 2], 'lead', rewritten([2], 'bob', lines('r', 1, 5))), lines('s', 1, 3)) });
    const clone = await repo.clone(root);

    for (const commits of [
      [first, second],
      [second, first],
    ]) {
      const [result] = await analyseRewrites(clone, [{ ...squash(first, day(1)), commits, mergeKind: 'rebase' }], { now: day(30), authorKey: byLocalPart });
      expect(result).toMatchObject({ linesAdded: 8, linesReplaced: 2, replacedBy: { lead: 2 }, complete: true });
    }
  });

  it('rebased commits that are not one unbroken run: the lines of the last one that blame gives to them', async () => {
    const repo = await TestRepo.create(root, 'rebase-gap');
    await repo.commit('lead', day(0), { 'a.ts': text(BASE) });
    const first = await repo.commit('bob', day(1), { 'r.ts': text(lines('r', 1, 5)) });
    await repo.commit('erin', day(1), { 'r.ts': text(rewritten([3], 'erin', lines('r', 1, 5))) });
    const second = await repo.commit('bob', day(1), { 'r.ts': text(rewritten([3], 'erin', lines('r', 1, 5)), lines('s', 1, 3)) });
    await repo.commit('lead', day(4), { 'r.ts': text(rewritten([3], 'erin', lines('r', 1, 5)), rewritten([1], 'lead', lines('s', 1, 3))) });
    const clone = await repo.clone(root);

    const [result] = await analyseRewrites(clone, [{ ...squash(first, day(1)), commits: [first, second], mergeKind: 'rebase' }], { now: day(30), authorKey: byLocalPart });
    expect(result).toMatchObject({ linesAdded: 7, linesReplaced: 1, replacedBy: { lead: 1 } });
  });

  it('does not count a rewrite after the 21-day window', async () => {
    const repo = await TestRepo.create(root, 'late');
    await repo.commit('lead', day(0), { 'a.ts': text(BASE) });
    const pr = await repo.commit('bob', day(1), { 'a.ts': text(BASE, PR) });
    const inWindow = await repo.commit('lead', day(6), { 'a.ts': text(BASE, rewritten([1, 2], 'lead')) });
    await repo.commit('lead', day(25), { 'a.ts': text(BASE, rewritten([1, 2, 5, 6, 7], 'lead')) });
    const clone = await repo.clone(root);

    const [result] = await analyseRewrites(clone, [squash(pr, day(1))], { now: day(60), authorKey: byLocalPart });
    expect(result).toMatchObject({ linesAdded: 10, linesReplaced: 2, replacedBy: { lead: 2 }, windowEndCommit: inWindow, complete: true });

    // A wider window sees the later rewrite too.
    const [wide] = await analyseRewrites(clone, [squash(pr, day(1))], { now: day(60), windowDays: 30, authorKey: byLocalPart });
    expect(wide).toMatchObject({ linesReplaced: 5, replacedBy: { lead: 5 } });
  });

  it("reports the author's own rewrite under their own key", async () => {
    const repo = await TestRepo.create(root, 'own');
    await repo.commit('lead', day(0), { 'a.ts': text(BASE) });
    const pr = await repo.commit('bob', day(1), { 'a.ts': text(BASE, PR) });
    await repo.commit('bob', day(3), { 'a.ts': text(BASE, rewritten([4, 5, 6], 'bob2')) });
    const clone = await repo.clone(root);

    const [result] = await analyseRewrites(clone, [squash(pr, day(1))], { now: day(30), authorKey: byLocalPart });
    expect(result).toMatchObject({ linesAdded: 10, linesReplaced: 3, replacedBy: { bob: 3 } });
  });

  it('does not count a whitespace-only reformat', async () => {
    const repo = await TestRepo.create(root, 'whitespace');
    await repo.commit('lead', day(0), { 'a.ts': text(BASE) });
    const pr = await repo.commit('bob', day(1), { 'a.ts': text(BASE, PR) });
    const reformatted = PR.map((line) => `    ${line.replace(/ = /, '   =   ')}\t`);
    await repo.commit('lead', day(3), { 'a.ts': text(BASE, reformatted) });
    const clone = await repo.clone(root);
    const [result] = await analyseRewrites(clone, [squash(pr, day(1))], { now: day(30), authorKey: byLocalPart });
    expect(result).toMatchObject({ linesAdded: 10, linesReplaced: 0, replacedBy: {} });

    // A real change after the reformat still counts.
    await repo.commit('lead', day(5), { 'a.ts': text(BASE, reformatted.map((l, i) => (i === 0 ? 'const changed = true;' : l))) });
    const [later] = await analyseRewrites(await repo.clone(root), [squash(pr, day(1))], { now: day(30), authorKey: byLocalPart });
    expect(later).toMatchObject({ linesReplaced: 1, replacedBy: { lead: 1 } });
  });

  it('counts every line of a file deleted by someone else as replaced by them', async () => {
    const repo = await TestRepo.create(root, 'deleted');
    await repo.commit('lead', day(0), { 'a.ts': text(BASE), 'keep.ts': text(BASE) });
    const pr = await repo.commit('bob', day(1), { 'a.ts': text(BASE, PR), 'keep.ts': text(BASE, lines('keep', 1, 3)) });
    const deletion = await repo.commit('carol', day(7), { 'a.ts': null });
    const clone = await repo.clone(root);

    const [result] = await analyseRewrites(clone, [squash(pr, day(1))], { now: day(30), authorKey: byLocalPart });
    expect(result).toMatchObject({
      linesAdded: 13,
      linesReplaced: 10,
      replacedBy: { carol: 10 },
      replacements: [{ commit: deletion, author: 'carol', lines: 10 }],
      filesAnalysed: 2,
    });
  });

  it('a window not yet ended is incomplete and observed up to now only', async () => {
    const repo = await TestRepo.create(root, 'open-window');
    await repo.commit('lead', day(0), { 'a.ts': text(BASE) });
    const pr = await repo.commit('bob', day(1), { 'a.ts': text(BASE, PR) });
    const rewrite = await repo.commit('lead', day(6), { 'a.ts': text(BASE, rewritten([1, 2, 3, 4], 'lead')) });
    // Already in the clone, but after `now`: not seen yet.
    await repo.commit('dave', day(15), { 'a.ts': text(BASE, rewritten([5, 6], 'dave', rewritten([1, 2, 3, 4], 'lead'))) });
    const clone = await repo.clone(root);

    const [result] = await analyseRewrites(clone, [squash(pr, day(1))], { now: day(10), authorKey: byLocalPart });
    expect(result).toMatchObject({
      linesAdded: 10,
      linesReplaced: 4,
      replacedBy: { lead: 4 },
      complete: false,
      windowEnd: day(22),
      observedUntil: day(10),
      windowEndCommit: rewrite,
    });
    expect(result!.reason).toBeUndefined();
  });

  it('attributes lines removed through a merge commit to the merged branch, not the merger', async () => {
    const repo = await TestRepo.create(root, 'merged-rewrite');
    await repo.commit('lead', day(0), { 'a.ts': text(BASE) });
    const pr = await repo.commit('bob', day(1), { 'a.ts': text(BASE, PR) });
    await repo.checkout('lead-refactor', true);
    await repo.commit('lead', day(3), { 'a.ts': text(BASE, rewritten([8, 9, 10], 'lead')) });
    await repo.checkout('main');
    await repo.commit('erin', day(3.5), { 'e.ts': text(lines('erin', 1, 2)) });
    await repo.merge('carol', day(4), 'lead-refactor');
    const clone = await repo.clone(root);

    const [result] = await analyseRewrites(clone, [squash(pr, day(1))], { now: day(30), authorKey: byLocalPart });
    expect(result).toMatchObject({ linesAdded: 10, linesReplaced: 3, replacedBy: { lead: 3 } });
  });

  it('lines moved to another file in the same commit survive; binary files are skipped', async () => {
    const repo = await TestRepo.create(root, 'moves');
    await repo.commit('lead', day(0), { 'a.ts': text(BASE) });
    const pr = await repo.commit('bob', day(1), { 'a.ts': text(BASE, PR), 'logo.bin': Buffer.from([0, 1, 2, 3, 0, 255]) });
    await repo.commit('lead', day(2), { 'a.ts': text(BASE, PR.slice(0, 7)), 'moved.ts': text(PR.slice(7)), 'logo.bin': Buffer.from([0, 9, 9, 0]) });
    const clone = await repo.clone(root);

    const [result] = await analyseRewrites(clone, [squash(pr, day(1))], { now: day(30), authorKey: byLocalPart });
    expect(result).toMatchObject({ linesAdded: 10, linesReplaced: 0, binaryFilesSkipped: 1, filesAnalysed: 1 });
  });

  it('follows lines when a foxtrot merge took the pull request off the first-parent line', async () => {
    const repo = await TestRepo.create(root, 'foxtrot');
    const base = await repo.commit('lead', day(0), { 'a.ts': text(BASE) });
    const pr = await repo.commit('bob', day(1), { 'a.ts': text(BASE, PR) });
    // Dave committed on a stale copy of main, then pulled (a merge with his commit first) and pushed.
    await repo.checkout('dave-local', true);
    await repo.git(['reset', '-q', '--hard', base]);
    await repo.commit('dave', day(0.5), { 'd.ts': text(lines('dave', 1, 2)) });
    await repo.merge('dave', day(2), 'main');
    await repo.git(['branch', '-f', 'main', 'HEAD']);
    await repo.checkout('main');
    await repo.commit('lead', day(5), { 'a.ts': text(BASE, rewritten([1, 2, 3, 4], 'lead')) });
    const clone = await repo.clone(root);
    expect((await clone.firstParentRange(base, 'refs/heads/main')).map((c) => c.sha)).not.toContain(pr);

    const [result] = await analyseRewrites(clone, [squash(pr, day(1))], { now: day(30), authorKey: byLocalPart });
    expect(result).toMatchObject({ linesAdded: 10, linesReplaced: 4, replacedBy: { lead: 4 }, complete: true });
  });

  it('reports pull requests whose commits are not on the base branch (any more)', async () => {
    const repo = await TestRepo.create(root, 'gone');
    await repo.commit('lead', day(0), { 'a.ts': text(BASE) });
    await repo.checkout('abandoned', true);
    const offBranch = await repo.commit('bob', day(1), { 'a.ts': text(BASE, PR) });
    await repo.checkout('main');
    const clone = await repo.clone(root);

    const results = await analyseRewrites(
      clone,
      [
        squash(offBranch, day(1), { key: 'off-branch' }),
        squash('0123456789abcdef0123456789abcdef01234567', day(1), { key: 'missing' }),
        squash(offBranch, day(1), { key: 'no-branch', baseBranch: 'release' }),
        squash(offBranch, day(1), { key: 'no-commits', commits: [] }),
      ],
      { now: day(30) },
    );
    expect(results.map((r) => [r.key, r.linesAdded, r.linesReplaced, r.complete])).toEqual([
      ['off-branch', 0, 0, false],
      ['missing', 0, 0, false],
      ['no-branch', 0, 0, false],
      ['no-commits', 0, 0, false],
    ]);
    expect(results[0]!.reason).toMatch(/not on main any more/);
    expect(results[1]!.reason).toMatch(/not in the clone/);
    expect(results[2]!.reason).toMatch(/base branch release/);
    expect(results[3]!.reason).toMatch(/no commits/);
  });
});

describe('ensureBareClone', () => {
  it('clones a local repository as bare, then fetches new commits, new and deleted branches', async () => {
    const source = await TestRepo.create(root, 'source');
    const first = await source.commit('bob', day(0), { 'a.ts': text(BASE) });
    await source.git(['branch', 'old-feature']);
    const target = join(root, 'clones', 'source.git');

    const repo = await ensureBareClone(pathToFileURL(source.dir).href, target, { token: 'ghp_s3cr3t-token-value' });
    expect(await repo.run(['rev-parse', '--is-bare-repository']).then((r) => r.stdout.trim())).toBe('true');
    expect(await repo.branchTip('main')).toBe(first);
    expect(await repo.branchTip('old-feature')).toBe(first);
    // The token is in no config file of the clone.
    const config = await repo.run(['config', '--list', '--local']);
    expect(config.stdout).not.toContain('s3cr3t');
    expect(config.stdout).not.toContain(Buffer.from('x-access-token:ghp_s3cr3t-token-value').toString('base64'));

    const second = await source.commit('bob', day(1), { 'a.ts': text(BASE, PR) });
    await source.git(['branch', 'new-feature']);
    await source.git(['branch', '-D', 'old-feature']);
    // A plain path works as well as a file:// URL.
    const again = await ensureBareClone(source.dir, target);
    expect(await again.branchTip('main')).toBe(second);
    expect(await again.branchTip('new-feature')).toBe(second);
    expect(await again.branchTip('old-feature')).toBeNull();

    // A force-push on the source is followed.
    await source.git(['reset', '-q', '--hard', first]);
    const forced = await ensureBareClone(source.dir, target);
    expect(await forced.branchTip('main')).toBe(first);
  });

  it('sends the token as an Authorization header, never in the URL', async () => {
    const requests: Array<{ url: string; authorization: string | undefined }> = [];
    const server = createServer((request, response) => {
      requests.push({ url: request.url ?? '', authorization: request.headers.authorization });
      response.writeHead(404).end();
    });
    await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
    const { port } = server.address() as AddressInfo;
    try {
      const error = await ensureBareClone(`http://127.0.0.1:${port}/acme/app.git`, join(root, 'clones', 'http.git'), { token: 'ghp_header-token' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GitCommandError);
      expect((error as Error).message).not.toContain('ghp_header-token');
    } finally {
      server.close();
    }
    expect(requests.length).toBeGreaterThan(0);
    expect(requests[0]!.url).toBe('/acme/app.git/info/refs?service=git-upload-pack');
    expect(requests[0]!.authorization).toBe(`Basic ${Buffer.from('x-access-token:ghp_header-token').toString('base64')}`);
  });

  it('refuses a non-empty directory that is not a bare repository', async () => {
    const source = await TestRepo.create(root, 'source2');
    await source.commit('bob', day(0), { 'a.ts': text(BASE) });
    const occupied = join(root, 'occupied');
    await mkdir(occupied, { recursive: true });
    await writeFile(join(occupied, 'file.txt'), 'x');
    await expect(ensureBareClone(source.dir, occupied)).rejects.toThrow(/not a bare git repository/);
    // Nor is a work tree taken for a clone.
    await expect(ensureBareClone(source.dir, source.dir)).rejects.toThrow(/not a bare git repository/);
  });

  it('fails with git\'s message, without the token, for a repository that does not exist', async () => {
    const error = await ensureBareClone(join(root, 'nowhere'), join(root, 'clones', 'nowhere.git'), { token: 'ghp_never-shown' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).message)).not.toContain('ghp_never-shown');
  });
});

describe('git output parsers', () => {
  it('reads added lines, renames, binary files and quoted paths from a -U0 diff', () => {
    const diff = [
      'diff --git a/bin.dat b/bin.dat',
      'index 88768ef..3e3315e 100644',
      'Binary files a/bin.dat and b/bin.dat differ',
      'diff --git a/r.txt b/r2.txt',
      'similarity index 96%',
      'rename from r.txt',
      'rename to r2.txt',
      '--- a/r.txt',
      '+++ b/r2.txt',
      '@@ -30,0 +31,2 @@',
      '+31',
      '+--- not a header',
      'diff --git "a/sp ace\\"q.txt" "b/sp ace\\"q.txt"',
      '--- "a/sp ace\\"q.txt"\t',
      '+++ "b/sp ace\\"q.txt"\t',
      '@@ -1,0 +2 @@ x',
      '+y',
      'diff --git a/gone.txt b/gone.txt',
      'deleted file mode 100644',
      '--- a/gone.txt',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-x',
    ].join('\n');
    expect(parseUnifiedDiff(diff)).toEqual([
      { oldPath: null, newPath: null, binary: true, addedLines: [] },
      { oldPath: 'r.txt', newPath: 'r2.txt', binary: false, addedLines: [31, 32] },
      { oldPath: 'sp ace"q.txt', newPath: 'sp ace"q.txt', binary: false, addedLines: [2] },
      { oldPath: 'gone.txt', newPath: null, binary: false, addedLines: [] },
    ]);
    expect(unquoteCPath('"caf\\303\\251\\ttab"')).toBe('café\ttab');
  });
});
