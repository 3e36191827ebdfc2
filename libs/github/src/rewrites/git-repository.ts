/**
 * A small wrapper over the `git` command line, used on a local bare clone of each repository.
 *
 * Reading history from a clone costs no GitHub API budget: cloning and fetching go over git's
 * HTTP protocol, not the REST or GraphQL rate limits. Every command runs through `execFile` (never
 * a shell) with `LC_ALL=C` and `GIT_TERMINAL_PROMPT=0`, with literal pathspecs, and with the
 * options that change git's output (colours, prefixes, textconv, external diff tools, path
 * quoting) pinned on the command line, so a user's or the system's git configuration cannot change
 * what is parsed here.
 *
 * A token never appears in a URL, on a command line (visible in `ps`), in the clone's config or in
 * an error message: it is handed to git through `GIT_CONFIG_COUNT`/`GIT_CONFIG_KEY_n`/
 * `GIT_CONFIG_VALUE_n` environment variables as an `http.extraHeader`, for that one command.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** Git writes far more than Node's default 1 MiB for a big blame or diff. */
const DEFAULT_MAX_BUFFER = 1024 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;

/** Configuration that would change the output parsed here, forced to known values. */
const PINNED_CONFIG = [
  'core.quotePath=false',
  'color.ui=false',
  'diff.noprefix=false',
  'diff.mnemonicPrefix=false',
  'diff.relative=false',
  'diff.external=',
  'log.showSignature=false',
  'blame.markUnblamableLines=false',
  'blame.markIgnoredLines=false',
];

/** Variables inherited from a parent git process that would point commands at another repository. */
const INHERITED_GIT_VARIABLES = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_COMMON_DIR',
  'GIT_NAMESPACE',
  'GIT_PREFIX',
  'GIT_CONFIG_PARAMETERS',
  'GIT_CONFIG_COUNT',
  'GIT_EXTERNAL_DIFF',
  'GIT_DIFF_OPTS',
];

export interface GitRepositoryOptions {
  /** The git executable; `git` from the PATH by default. */
  gitPath?: string;
  /** Per command, in milliseconds; 10 minutes by default. */
  timeoutMs?: number;
  maxBuffer?: number;
}

export interface GitRunOptions {
  /** Exit codes that are answers rather than failures (e.g. 1 for `merge-base --is-ancestor`). */
  okExitCodes?: number[];
  /** Extra configuration for this command only, passed through the environment (never argv). */
  secretConfig?: Record<string, string>;
  /** Run outside the repository (for `clone`). */
  cwd?: string;
}

export interface GitResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export class GitCommandError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(`git ${args.join(' ')} failed${exitCode === null ? '' : ` (exit ${exitCode})`}: ${stderr.trim().slice(0, 2000)}`);
    this.name = 'GitCommandError';
  }
}

export interface CommitInfo {
  sha: string;
  parents: string[];
  authorName: string;
  authorEmail: string;
  authorDate: Date;
  committerDate: Date;
}

export interface BlameLine {
  /** The commit the line is blamed on (with `--reverse`: the last commit in which it existed). */
  commit: string;
  /** Line number in that commit's version of the file (1-based). */
  sourceLine: number;
  /** Line number in the annotated version of the file (1-based). */
  finalLine: number;
  /** The file's path in `commit`. */
  filename: string;
  /** True when `commit` is a boundary of the range (the line is older than the range). */
  boundary: boolean;
  /** The line's text (the annotated version's). */
  content: string;
}

export interface BlameOptions {
  /** `git blame --reverse <from>..<to>`: which commit each line of `from`'s file last existed in. */
  reverse?: { from: string; to: string };
  /** Revision to annotate (forward blame), with optional excluded (`^rev`) boundaries. */
  rev?: string;
  exclude?: string[];
  firstParent?: boolean;
  ignoreWhitespace?: boolean;
  /** `-M`: follow lines moved within the file. */
  detectMoves?: boolean;
  /** `-C`: follow lines moved or copied from (with `--reverse`: to) files changed in the same commit. */
  detectCopies?: boolean;
}

/** One file of a unified diff: its path on the new side and the line numbers added there. */
export interface FileDiff {
  /** Path on the old side (`null` for an added file). */
  oldPath: string | null;
  /** Path on the new side (`null` for a deleted file). */
  newPath: string | null;
  binary: boolean;
  /** 1-based line numbers, in the new version of the file, of the added lines. */
  addedLines: number[];
}

export class GitRepository {
  readonly dir: string;
  private readonly gitPath: string;
  private readonly timeoutMs: number;
  private readonly maxBuffer: number;
  private readonly commitCache = new Map<string, CommitInfo>();

  constructor(dir: string, options: GitRepositoryOptions = {}) {
    this.dir = resolve(dir);
    this.gitPath = options.gitPath ?? 'git';
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxBuffer = options.maxBuffer ?? DEFAULT_MAX_BUFFER;
  }

  /** Runs `git <args>` in the repository and returns its output; throws `GitCommandError` on failure. */
  run(args: string[], options: GitRunOptions = {}): Promise<GitResult> {
    const argv = [...PINNED_CONFIG.flatMap((c) => ['-c', c]), ...args];
    const cwd = options.cwd ?? this.dir;
    const env = gitEnvironment(options.secretConfig);
    const secrets = Object.values(options.secretConfig ?? {});
    return new Promise((resolvePromise, reject) => {
      execFile(
        this.gitPath,
        argv,
        { cwd, env, maxBuffer: this.maxBuffer, timeout: this.timeoutMs, encoding: 'utf8', windowsHide: true },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
          if (code !== null && (code === 0 || options.okExitCodes?.includes(code))) {
            resolvePromise({ stdout, stderr, exitCode: code });
            return;
          }
          const reason = error && code === null ? `${error.message}\n${stderr}` : stderr;
          reject(new GitCommandError(args, code, redact(reason, secrets)));
        },
      );
    });
  }

  /** The full sha of `rev` as a commit, or `null` when it does not name a commit here. */
  async revParse(rev: string): Promise<string | null> {
    assertRevision(rev);
    const { stdout, exitCode } = await this.run(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], { okExitCodes: [1, 128] });
    return exitCode === 0 ? stdout.trim() : null;
  }

  /** The tip of a branch: `refs/heads/<name>` (bare clone), else `refs/remotes/origin/<name>`. */
  async branchTip(name: string): Promise<string | null> {
    for (const ref of [`refs/heads/${name}`, `refs/remotes/origin/${name}`]) {
      const sha = await this.revParse(ref);
      if (sha) return sha;
    }
    return null;
  }

  /** Whether `ancestor` is `descendant` or one of its ancestors. */
  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    assertRevision(ancestor);
    assertRevision(descendant);
    const { exitCode } = await this.run(['merge-base', '--is-ancestor', ancestor, descendant], { okExitCodes: [1] });
    return exitCode === 0;
  }

  /** Author, dates and parents of each commit (cached: commits never change). */
  async commits(shas: readonly string[]): Promise<Map<string, CommitInfo>> {
    const missing = [...new Set(shas)].filter((s) => !this.commitCache.has(s));
    for (let i = 0; i < missing.length; i += 500) {
      const batch = missing.slice(i, i + 500);
      batch.forEach(assertRevision);
      const { stdout } = await this.run(['log', '--no-walk=unsorted', '--no-show-signature', '--format=%H%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f%cI%x1e', ...batch, '--']);
      for (const record of stdout.split('\x1e')) {
        const fields = record.replace(/^\n/, '').split('\x1f');
        if (fields.length < 6) continue;
        const [sha, parents, authorName, authorEmail, authorDate, committerDate] = fields as [string, string, string, string, string, string];
        this.commitCache.set(sha, {
          sha,
          parents: parents ? parents.split(' ') : [],
          authorName,
          authorEmail,
          authorDate: new Date(authorDate),
          committerDate: new Date(committerDate.trim()),
        });
      }
    }
    const result = new Map<string, CommitInfo>();
    for (const sha of shas) {
      const info = this.commitCache.get(sha);
      if (!info) throw new GitCommandError(['log', sha], null, `commit ${sha} not found`);
      result.set(sha, info);
    }
    return result;
  }

  /**
   * The last commit of `tip`'s first-parent history (the branch's own line, where pull requests
   * land) whose committer date is at or before `date`; `null` when there is none.
   */
  async lastFirstParentCommitAtOrBefore(tip: string, date: Date): Promise<string | null> {
    assertRevision(tip);
    const seconds = Math.floor(date.getTime() / 1000);
    const { stdout } = await this.run(['rev-list', '--first-parent', '-1', `--until=@${seconds} +0000`, tip, '--']);
    return stdout.trim() || null;
  }

  /** `from..to` along first parents, oldest first, each with its parents. */
  async firstParentRange(from: string, to: string): Promise<Array<{ sha: string; parents: string[] }>> {
    assertRevision(from);
    assertRevision(to);
    const { stdout } = await this.run(['rev-list', '--first-parent', '--parents', '--reverse', `${from}..${to}`, '--']);
    return stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [sha, ...parents] = line.split(' ');
        return { sha: sha!, parents };
      });
  }

  /** The commits of those given that no other of them reaches (`merge-base --independent`). */
  async independent(shas: readonly string[]): Promise<string[]> {
    shas.forEach(assertRevision);
    if (shas.length <= 1) return [...shas];
    const { stdout } = await this.run(['merge-base', '--independent', ...shas]);
    return stdout.split('\n').filter(Boolean);
  }

  /** The last `count` commits of `tip`'s first-parent line, `tip` first. */
  async firstParentLine(tip: string, count: number): Promise<string[]> {
    assertRevision(tip);
    const { stdout } = await this.run(['rev-list', '--first-parent', `--max-count=${Math.max(1, Math.floor(count))}`, tip, '--']);
    return stdout.split('\n').filter(Boolean);
  }

  /** `git rev-list <revisions>`: revisions as given, a leading `^` excluding one. */
  async revList(revisions: readonly string[]): Promise<string[]> {
    revisions.forEach((r) => assertRevision(r.replace(/^\^/, '')));
    const { stdout } = await this.run(['rev-list', ...revisions, '--']);
    return stdout.split('\n').filter(Boolean);
  }

  /** The best common ancestor of all the commits given, or `null`. */
  async octopusMergeBase(shas: readonly string[]): Promise<string | null> {
    shas.forEach(assertRevision);
    if (shas.length === 1) return shas[0]!;
    const { stdout, exitCode } = await this.run(['merge-base', '--octopus', ...shas], { okExitCodes: [1] });
    return exitCode === 0 ? stdout.trim().split('\n')[0] ?? null : null;
  }

  /** Every commit of `from..to` that descends from `from` (`--ancestry-path`), with its parents. */
  async ancestryPath(from: string, to: string): Promise<Array<{ sha: string; parents: string[] }>> {
    assertRevision(from);
    assertRevision(to);
    const { stdout } = await this.run(['rev-list', '--ancestry-path', '--parents', `${from}..${to}`, '--']);
    return stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [sha, ...parents] = line.split(' ');
        return { sha: sha!, parents };
      });
  }

  /** The empty tree's id in this repository's hash (to diff a root commit against). */
  async emptyTree(): Promise<string> {
    const { stdout } = await this.run(['hash-object', '-t', 'tree', '/dev/null']);
    return stdout.trim();
  }

  /** The paths (of those given) whose content differs between two commits, without rename detection. */
  async changedPaths(from: string, to: string, paths: readonly string[]): Promise<Set<string>> {
    assertRevision(from);
    assertRevision(to);
    const changed = new Set<string>();
    for (let i = 0; i < paths.length; i += 200) {
      const { stdout } = await this.run(['diff', '--name-only', '-z', '--no-renames', '--no-ext-diff', from, to, '--', ...paths.slice(i, i + 200)]);
      for (const path of stdout.split('\0')) if (path) changed.add(path);
    }
    return changed;
  }

  /**
   * The diff from `from` to `to` with rename detection, as the added line numbers of each file on
   * the new side; with `ignoreWhitespace`, lines that changed only in whitespace are not added.
   */
  async diff(from: string, to: string, options: { ignoreWhitespace?: boolean; paths?: string[] } = {}): Promise<FileDiff[]> {
    assertRevision(from);
    assertRevision(to);
    const args = ['diff', '--no-color', '--no-ext-diff', '--no-textconv', '-M', '-U0', '--src-prefix=a/', '--dst-prefix=b/'];
    if (options.ignoreWhitespace) args.push('-w');
    const { stdout } = await this.run([...args, from, to, '--', ...(options.paths ?? [])]);
    return parseUnifiedDiff(stdout);
  }

  /**
   * Patches of the non-merge commits of a range (`git log -p`), oldest first: for each commit, the
   * removed lines of each file (old-side path).
   */
  async removedLinesByCommit(range: string[], paths: readonly string[], options: { ignoreWhitespace?: boolean } = {}): Promise<Array<{ sha: string; removed: Map<string, string[]> }>> {
    range.forEach((r) => assertRevision(r.replace(/^\^/, '')));
    const args = ['log', '--no-merges', '--reverse', '--no-show-signature', '--no-color', '--no-ext-diff', '--no-textconv', '-U0', '--src-prefix=a/', '--dst-prefix=b/', '-p', '--format=%x1e%H'];
    if (options.ignoreWhitespace) args.push('-w');
    const { stdout } = await this.run([...args, ...range, '--', ...paths]);
    const commits: Array<{ sha: string; removed: Map<string, string[]> }> = [];
    for (const record of stdout.split('\x1e')) {
      const newline = record.indexOf('\n');
      const sha = (newline < 0 ? record : record.slice(0, newline)).trim();
      if (!/^[0-9a-f]{40,64}$/.test(sha)) continue;
      commits.push({ sha, removed: parseRemovedLines(newline < 0 ? '' : record.slice(newline + 1)) });
    }
    return commits;
  }

  /** `git blame --line-porcelain` of one file, parsed. */
  async blame(path: string, options: BlameOptions): Promise<BlameLine[]> {
    const args = ['blame', '--line-porcelain', '--no-textconv', '--ignore-revs-file='];
    if (options.ignoreWhitespace) args.push('-w');
    if (options.detectMoves) args.push('-M');
    if (options.detectCopies) args.push('-C');
    if (options.firstParent) args.push('--first-parent');
    if (options.reverse) {
      assertRevision(options.reverse.from);
      assertRevision(options.reverse.to);
      args.push('--reverse', `${options.reverse.from}..${options.reverse.to}`);
    } else {
      if (!options.rev) throw new Error('blame: a revision is required');
      assertRevision(options.rev);
      args.push(options.rev);
      for (const rev of options.exclude ?? []) {
        assertRevision(rev);
        args.push(`^${rev}`);
      }
    }
    const { stdout } = await this.run([...args, '--', path]);
    return parseLinePorcelain(stdout);
  }
}

/**
 * A bare clone of `url` in `dir`, created on first use and brought up to date afterwards (every
 * branch, force-updated, deleted branches pruned). `url` may be an `https://` URL, a `file://` URL
 * or a local path. With a token, git sends `Authorization: Basic base64("x-access-token:<token>")`,
 * which GitHub accepts for personal access tokens and App installation tokens alike.
 *
 * Two processes must not run this on the same `dir` at the same time (git's ref locks would make
 * one of them fail): run it from one job per repository.
 */
export async function ensureBareClone(url: string, dir: string, options: { token?: string; repository?: GitRepositoryOptions } = {}): Promise<GitRepository> {
  if (url.startsWith('-')) throw new Error('ensureBareClone: the URL must not start with "-"');
  const target = resolve(dir);
  const secretConfig = options.token
    ? { 'http.extraHeader': `Authorization: Basic ${Buffer.from(`x-access-token:${options.token}`).toString('base64')}` }
    : undefined;
  const repo = new GitRepository(target, options.repository);

  if (await isBareRepository(repo)) {
    await repo.run(['fetch', '--prune', '--no-tags', '--quiet', '--', url, '+refs/heads/*:refs/heads/*'], { secretConfig });
    return repo;
  }
  if (await exists(target)) {
    const entries = await readdir(target);
    if (entries.length > 0) throw new Error(`ensureBareClone: ${target} exists and is not a bare git repository`);
    await rm(target, { recursive: true, force: true });
  }

  // Clone next to the target and rename it into place, so that an interrupted clone never looks
  // like a usable repository.
  await mkdir(dirname(target), { recursive: true });
  const temporary = `${target}.partial-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await repo.run(['clone', '--bare', '--quiet', '--no-tags', '--', url, temporary], { secretConfig, cwd: dirname(target) });
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    // Someone else finished the same clone first: use theirs.
    if (await isBareRepository(repo)) return ensureBareClone(url, dir, options);
    throw error;
  }
  return repo;
}

async function isBareRepository(repo: GitRepository): Promise<boolean> {
  if (!(await exists(repo.dir))) return false;
  try {
    // `--git-dir` must be the directory itself: a bare repository nested in another work tree must
    // not be mistaken for that work tree's repository.
    const { stdout, exitCode } = await repo.run(['rev-parse', '--is-bare-repository', '--absolute-git-dir'], { okExitCodes: [128] });
    if (exitCode !== 0) return false;
    const [bare, gitDir] = stdout.trim().split('\n');
    return bare === 'true' && resolve(gitDir ?? '') === repo.dir;
  } catch {
    return false;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

function gitEnvironment(secretConfig: Record<string, string> | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (INHERITED_GIT_VARIABLES.includes(key) || /^GIT_CONFIG_(KEY|VALUE)_\d+$/.test(key)) delete env[key];
  }
  env['LC_ALL'] = 'C';
  env['LANG'] = 'C';
  env['GIT_TERMINAL_PROMPT'] = '0';
  env['GIT_LITERAL_PATHSPECS'] = '1';
  env['GIT_PAGER'] = 'cat';
  const entries = Object.entries(secretConfig ?? {});
  if (entries.length > 0) {
    env['GIT_CONFIG_COUNT'] = String(entries.length);
    entries.forEach(([key, value], i) => {
      env[`GIT_CONFIG_KEY_${i}`] = key;
      env[`GIT_CONFIG_VALUE_${i}`] = value;
    });
  }
  return env;
}

function redact(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets) if (secret) out = out.split(secret).join('[redacted]');
  return out;
}

/** Revisions are shas and ref names from our own data: never let one be read as an option. */
function assertRevision(rev: string): void {
  if (!rev || rev.startsWith('-') || /[\s\0]/.test(rev)) throw new Error(`invalid git revision: ${JSON.stringify(rev)}`);
}

// ---------------------------------------------------------------------------------------------
// Parsers (exported for tests)

/** Parses `git blame --line-porcelain` output. */
export function parseLinePorcelain(output: string): BlameLine[] {
  const lines: BlameLine[] = [];
  let current: BlameLine | null = null;
  for (const raw of output.split('\n')) {
    if (current === null) {
      const header = /^([0-9a-f]{40,64}) (\d+) (\d+)(?: \d+)?$/.exec(raw);
      if (header) current = { commit: header[1]!, sourceLine: Number(header[2]), finalLine: Number(header[3]), filename: '', boundary: false, content: '' };
      continue;
    }
    if (raw.startsWith('\t')) {
      current.content = raw.slice(1);
      lines.push(current);
      current = null;
    } else if (raw.startsWith('filename ')) {
      current.filename = unquoteCPath(raw.slice('filename '.length));
    } else if (raw === 'boundary') {
      current.boundary = true;
    }
  }
  return lines;
}

/** Parses a `-U0` unified diff (as written by `git diff`) into added line numbers per file. */
export function parseUnifiedDiff(output: string): FileDiff[] {
  const files: FileDiff[] = [];
  let current: FileDiff | null = null;
  let inHunk = false;
  for (const line of output.split('\n')) {
    if (line.startsWith('diff --git ')) {
      current = { oldPath: null, newPath: null, binary: false, addedLines: [] };
      files.push(current);
      inHunk = false;
      continue;
    }
    if (!current) continue;
    if (line.startsWith('@@')) {
      inHunk = true;
      const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (hunk) {
        const start = Number(hunk[1]);
        const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
        for (let i = 0; i < count; i++) current.addedLines.push(start + i);
      }
      continue;
    }
    if (inHunk) continue;
    if (line.startsWith('--- ')) current.oldPath = diffHeaderPath(line.slice(4), 'a/');
    else if (line.startsWith('+++ ')) current.newPath = diffHeaderPath(line.slice(4), 'b/');
    else if (line.startsWith('rename from ')) current.oldPath = unquoteCPath(line.slice('rename from '.length));
    else if (line.startsWith('rename to ')) current.newPath = unquoteCPath(line.slice('rename to '.length));
    else if (line.startsWith('Binary files ') || line === 'GIT binary patch') current.binary = true;
  }
  return files;
}

/** The removed lines of each file (old-side path) of a `-U0` patch. */
function parseRemovedLines(patch: string): Map<string, string[]> {
  const removed = new Map<string, string[]>();
  let path: string | null = null;
  let inHunk = false;
  for (const line of patch.split('\n')) {
    if (line.startsWith('diff --git ')) {
      path = null;
      inHunk = false;
    } else if (line.startsWith('@@')) {
      inHunk = true;
    } else if (!inHunk && line.startsWith('--- ')) {
      path = diffHeaderPath(line.slice(4), 'a/');
    } else if (inHunk && path !== null && line.startsWith('-')) {
      const list = removed.get(path) ?? [];
      list.push(line.slice(1));
      removed.set(path, list);
    }
  }
  return removed;
}

/** The path of a `--- a/x` or `+++ b/x` header line; `null` for `/dev/null`. */
function diffHeaderPath(value: string, prefix: string): string | null {
  if (value === '/dev/null') return null;
  // Git ends the name with a tab when it contains a space (a tab in a name is always quoted).
  const path = unquoteCPath(value.replace(/\t$/, ''));
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

/** Undoes git's C-style quoting of a path (`"a\tb\303\251"`); unquoted paths are returned as they are. */
export function unquoteCPath(value: string): string {
  if (!value.startsWith('"') || !value.endsWith('"') || value.length < 2) return value;
  const body = value.slice(1, -1);
  const bytes: number[] = [];
  const escapes: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const next = body[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(escapes[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
