/**
 * Post-merge rewrites, line by line, from a local clone (no GitHub API budget).
 *
 * Definition (version `REWRITE_DEFINITION_VERSION`):
 *
 * - **Lines added by a merged pull request**: the added lines of its diff on the base branch,
 *   ignoring whitespace (`git diff -w`, with rename detection so a renamed file adds only its
 *   changed lines), in text files only (binary files are skipped):
 *   - squash: the squash commit against its (first) parent;
 *   - merge: the merge commit against its first parent (everything the merge brought in);
 *   - rebase: the rebased commits taken together, that is the parent of the first one against the
 *     last one (a line added by the first commit and changed by the second is added once, as
 *     changed). Should the commits not be one unbroken run of the branch, the lines of the last
 *     commit that `git blame -w` attributes to one of them are taken instead.
 * - **Window**: from `mergedAt` to `mergedAt + windowDays` (21 by default), capped at `now`. The
 *   window-end commit `E` is the last commit on the base branch's first-parent line (where pull
 *   requests land) committed at or before the end of the (capped) window. `complete` is false
 *   until `now` has passed the window's end.
 * - **Replaced**: an added line is replaced when it no longer survives at `E`. Survival is read with
 *   one `git blame --reverse T..E --first-parent -w -M -C` per file (`T` the pull request's last
 *   commit), which follows the line through renames (whole-file renames, `git log --follow`-like),
 *   moves within the file (`-M`) and moves to other files changed in the same commit (`-C`), and
 *   ignores whitespace-only edits (`-w`). A line whose last existence is before `E` was deleted or
 *   changed by the next commit of the first-parent line, and it is replaced **by that commit's
 *   author**:
 *   - a file renamed without other edits replaces nothing (its lines survive under the new name);
 *   - a file deleted later: all its remaining added lines are replaced by the deleting commit's author;
 *   - when that next commit is a merge commit, the line was removed by the branch it merged: the
 *     replacer is the author of the oldest non-merge commit of that branch (`M^1..M^2`) that
 *     descends from the pull request and removed a line of the same text (whitespace ignored) from
 *     the same path; failing that, the merge commit's author (conflict resolutions);
 *   - lines replaced by the pull request's author are reported under their own key: the caller
 *     decides what counts;
 *   - should `T` have left the first-parent line (a "foxtrot" merge: someone merged the branch into
 *     a stale local copy and pushed it), lines are followed along every path from `T` to `E`, and
 *     the remover is a child of the last commit with the line (one that is not a merge first).
 * - **Not analysable**: when a commit of the pull request is not in the clone or not on the base
 *   branch any more (force-push, deleted branch), or the base branch is missing: `linesAdded` 0,
 *   `complete` false, and a `reason`.
 *
 * Cost: one `git diff` per pull request, then one reverse blame per file that gained lines and
 * changed again before `E` (files untouched since are skipped), plus one `git log -p` per merge
 * commit and file when a merge removed lines. Nothing is read from the GitHub API.
 *
 * Limits:
 * - "Replaced" is about lines, not meaning: a line moved by a refactoring into a file not changed
 *   in the same commit, or rewritten with only its identifiers renamed, counts as replaced.
 * - `-M`/`-C` recognise moved blocks of at least 20 alphanumeric characters (git's default), so a
 *   short moved line counts as replaced.
 * - The window end is found by committer date along the first-parent line; badly skewed committer
 *   clocks move it.
 * - A replacement through a merge commit is attributed by matching text on the merged branch; a
 *   removal by a merge's conflict resolution goes to the merge's author.
 * - Lines are counted as the clone knows them: fetch before analysing.
 */
import type { CommitInfo, FileDiff, GitRepository } from './git-repository';
import { GitCommandError } from './git-repository';

/** Bumped whenever the definition above changes meaning. */
export const REWRITE_DEFINITION_VERSION = 1;
export const DEFAULT_REWRITE_WINDOW_DAYS = 21;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface MergedChange {
  /** The pull request's identity for the caller (e.g. its id). */
  key: string;
  /** The pull request author's identity key (e.g. GitHub login or email). */
  author: string;
  mergedAt: Date;
  baseBranch: string;
  /** The commit(s) the pull request put on the base branch: the squash commit, the merge commit, or the rebased commits. */
  commits: string[];
  mergeKind: 'squash' | 'merge' | 'rebase';
}

export interface RewriteReplacement {
  /** The commit that removed the lines. */
  commit: string;
  /** Its author's key (`authorKey`). */
  author: string;
  lines: number;
}

export interface RewriteResult {
  key: string;
  linesAdded: number;
  linesReplaced: number;
  /** Lines replaced, by the author key of the replacing commit (the pull request's author included). */
  replacedBy: Record<string, number>;
  /** `mergedAt + windowDays`. */
  windowEnd: Date;
  /** False while the window has not ended yet, or when the pull request could not be analysed. */
  complete: boolean;
  /** How far the window was observed: `min(windowEnd, now)`. */
  observedUntil: Date;
  /** The base-branch commit survival was read at (`null` when not analysed). */
  windowEndCommit: string | null;
  /** The replacing commits, for evidence. */
  replacements: RewriteReplacement[];
  /** Text files in which the pull request added lines. */
  filesAnalysed: number;
  /** Binary files the pull request changed (not counted). */
  binaryFilesSkipped: number;
  /** Why the pull request could not be analysed. */
  reason?: string;
  definitionVersion: number;
}

export interface AnalyseRewritesOptions {
  /** 21 by default. */
  windowDays?: number;
  /** The current time, from the product clock (the sync run's as-of instant). */
  now: Date;
  /** The identity key of a commit author; the lower-cased email (or the name without one) by default. */
  authorKey?: (commit: { email: string; name: string }) => string;
  /** Git processes run at the same time for one pull request's files; 4 by default. */
  concurrency?: number;
}

export function defaultAuthorKey(commit: { email: string; name: string }): string {
  return commit.email.trim().toLowerCase() || commit.name.trim();
}

/** Analyses each merged pull request in turn (see the definition at the top of this file). */
export async function analyseRewrites(repo: GitRepository, changes: MergedChange[], options: AnalyseRewritesOptions): Promise<RewriteResult[]> {
  const windowDays = options.windowDays ?? DEFAULT_REWRITE_WINDOW_DAYS;
  if (!(windowDays > 0)) throw new Error('analyseRewrites: windowDays must be positive');
  const context: Context = {
    repo,
    windowDays,
    now: options.now,
    authorKey: options.authorKey ?? defaultAuthorKey,
    concurrency: Math.max(1, options.concurrency ?? 4),
  };
  const results: RewriteResult[] = [];
  for (const change of changes) {
    try {
      results.push(await analyseChange(context, change));
    } catch (error) {
      // One pull request git cannot read (a corrupt object, a vanished path) must not hide the others.
      if (!(error instanceof GitCommandError)) throw error;
      results.push(notAnalysable(context, change, `git failed: ${error.message}`));
    }
  }
  return results;
}

interface Context {
  repo: GitRepository;
  windowDays: number;
  now: Date;
  authorKey: (commit: { email: string; name: string }) => string;
  concurrency: number;
}

/** A pull request's added lines: 1-based line numbers in the version of `T`, by path at `T`. */
interface AddedLines {
  tip: string;
  byPath: Map<string, Set<number>>;
  binaryFiles: number;
}

interface RemovedLine {
  /** The first-parent commit that removed it (null when it cannot be told). */
  remover: string | null;
  /** The file's path in the last commit that had the line. */
  path: string;
  content: string;
}

function window(context: Context, change: MergedChange): { windowEnd: Date; observedUntil: Date; complete: boolean } {
  const windowEnd = new Date(change.mergedAt.getTime() + context.windowDays * DAY_MS);
  const observedUntil = new Date(Math.min(windowEnd.getTime(), context.now.getTime()));
  return { windowEnd, observedUntil, complete: context.now.getTime() >= windowEnd.getTime() };
}

function notAnalysable(context: Context, change: MergedChange, reason: string): RewriteResult {
  const { windowEnd, observedUntil } = window(context, change);
  return {
    key: change.key,
    linesAdded: 0,
    linesReplaced: 0,
    replacedBy: {},
    windowEnd,
    complete: false,
    observedUntil,
    windowEndCommit: null,
    replacements: [],
    filesAnalysed: 0,
    binaryFilesSkipped: 0,
    reason,
    definitionVersion: REWRITE_DEFINITION_VERSION,
  };
}

async function analyseChange(context: Context, change: MergedChange): Promise<RewriteResult> {
  const { repo } = context;
  const { windowEnd, observedUntil, complete } = window(context, change);
  if (change.commits.length === 0) return notAnalysable(context, change, 'the pull request has no commits on the base branch');

  const branchTip = await repo.branchTip(change.baseBranch);
  if (!branchTip) return notAnalysable(context, change, `the base branch ${change.baseBranch} is not in the clone`);
  const shas: string[] = [];
  for (const commit of change.commits) {
    const sha = /^[0-9a-fA-F]{4,64}$/.test(commit) ? await repo.revParse(commit) : null;
    if (!sha) return notAnalysable(context, change, `commit ${commit} is not in the clone (force-pushed away, or not fetched yet)`);
    if (!(await repo.isAncestor(sha, branchTip))) return notAnalysable(context, change, `commit ${commit} is not on ${change.baseBranch} any more`);
    shas.push(sha);
  }

  const added = await addedLines(repo, [...new Set(shas)]);
  if ('reason' in added) return notAnalysable(context, change, added.reason);
  const linesAdded = [...added.byPath.values()].reduce((sum, lines) => sum + lines.size, 0);

  let end = await repo.lastFirstParentCommitAtOrBefore(branchTip, observedUntil);
  if (!end || !(await repo.isAncestor(added.tip, end))) end = added.tip;

  const removed = end === added.tip ? [] : await removedLines(context, added, end);
  const attributed = await attribute(context, added.tip, removed);

  const replacedBy: Record<string, number> = {};
  const byCommit = new Map<string, RewriteReplacement>();
  for (const { commit, info } of attributed) {
    const author = info ? context.authorKey({ email: info.authorEmail, name: info.authorName }) : '(unknown)';
    replacedBy[author] = (replacedBy[author] ?? 0) + 1;
    const id = commit ?? '';
    const entry = byCommit.get(id) ?? { commit: id, author, lines: 0 };
    entry.lines += 1;
    byCommit.set(id, entry);
  }

  return {
    key: change.key,
    linesAdded,
    linesReplaced: attributed.length,
    replacedBy,
    windowEnd,
    complete,
    observedUntil,
    windowEndCommit: end,
    replacements: [...byCommit.values()].sort((a, b) => b.lines - a.lines || a.commit.localeCompare(b.commit)),
    filesAnalysed: added.byPath.size,
    binaryFilesSkipped: added.binaryFiles,
    definitionVersion: REWRITE_DEFINITION_VERSION,
  };
}

/** The lines the pull request added, as they stand in its last commit `T`. */
async function addedLines(repo: GitRepository, shas: string[]): Promise<AddedLines | { reason: string }> {
  const infos = await repo.commits(shas);
  const set = new Set(shas);
  const firstParent = (sha: string): string | undefined => infos.get(sha)!.parents[0];

  // One unbroken run of the first-parent line: oldest's parent .. newest, as one diff.
  const next = new Map<string, string>();
  let broken = false;
  for (const sha of shas) {
    const parent = firstParent(sha);
    if (parent && set.has(parent)) {
      if (next.has(parent)) broken = true;
      next.set(parent, sha);
    }
  }
  const oldest = shas.filter((sha) => !set.has(firstParent(sha) ?? ''));
  if (!broken && oldest.length === 1) {
    let tip = oldest[0]!;
    let length = 1;
    while (next.has(tip)) {
      tip = next.get(tip)!;
      length += 1;
    }
    if (length === shas.length) {
      const base = firstParent(oldest[0]!) ?? (await repo.emptyTree());
      return { tip, ...collect(await repo.diff(base, tip, { ignoreWhitespace: true })) };
    }
  }

  // Otherwise: the lines of the newest commit that blame attributes to the pull request's commits.
  const tips = await repo.independent(shas);
  if (tips.length !== 1) return { reason: 'the commits do not end in a single commit of the base branch' };
  const tip = tips[0]!;
  const own = new Set(shas);
  for (const sha of shas) {
    const parents = infos.get(sha)!.parents;
    if (parents.length > 1) {
      // A merge commit brings in its whole branch.
      for (const brought of await repo.revList([`^${parents[0]!}`, sha])) own.add(brought);
    }
  }
  // The common ancestor of the parents outside the pull request bounds the range. It descends
  // from no commit of the pull request (each of whose oldest commits has one of these parents),
  // and commits of others in between stay in the range, so their lines are theirs.
  const outside = [...new Set(shas.map(firstParent).filter((p): p is string => !!p && !own.has(p)))];
  const boundary = outside.length > 0 ? await repo.octopusMergeBase(outside) : null;
  const files = collect(await repo.diff(boundary ?? (await repo.emptyTree()), tip, { ignoreWhitespace: true }));
  const byPath = new Map<string, Set<number>>();
  for (const path of files.byPath.keys()) {
    const blame = await repo.blame(path, { rev: tip, exclude: boundary ? [boundary] : [], ignoreWhitespace: true });
    const lines = new Set(blame.filter((l) => !l.boundary && own.has(l.commit)).map((l) => l.finalLine));
    if (lines.size > 0) byPath.set(path, lines);
  }
  return { tip, byPath, binaryFiles: files.binaryFiles };
}

function collect(diff: FileDiff[]): { byPath: Map<string, Set<number>>; binaryFiles: number } {
  const byPath = new Map<string, Set<number>>();
  let binaryFiles = 0;
  for (const file of diff) {
    if (file.binary) {
      binaryFiles += 1;
      continue;
    }
    if (file.newPath === null || file.addedLines.length === 0) continue;
    byPath.set(file.newPath, new Set(file.addedLines));
  }
  return { byPath, binaryFiles };
}

/** The added lines that do not survive at `end`, with the first-parent commit that removed each. */
async function removedLines(context: Context, added: AddedLines, end: string): Promise<RemovedLine[]> {
  const { repo } = context;
  const paths = [...added.byPath.keys()];
  const changed = await repo.changedPaths(added.tip, end, paths);
  const chain = await repo.firstParentRange(added.tip, end);
  // Normally `T` is on the base branch's first-parent line and lines are followed along it only.
  // After a "foxtrot" merge (someone merged the branch into their stale local copy and pushed),
  // `T` sits on a second-parent side: lines are then followed along every path from `T` to `end`.
  const onFirstParentLine = chain[0]?.parents[0] === added.tip;
  const childOf = new Map<string, string>();
  if (onFirstParentLine) {
    for (const { sha, parents } of chain) childOf.set(parents[0]!, sha);
  } else {
    // The last commit with the line lacks it in all its children: prefer one that is not a merge
    // (it made the change), then one that has it as first parent.
    const rank = (c: { parents: string[] }, parent: string): number => (c.parents.length === 1 ? 0 : c.parents[0] === parent ? 1 : 2);
    const best = new Map<string, { sha: string; rank: number }>();
    for (const commit of await repo.ancestryPath(added.tip, end)) {
      for (const parent of commit.parents) {
        const r = rank(commit, parent);
        const current = best.get(parent);
        if (!current || r < current.rank) best.set(parent, { sha: commit.sha, rank: r });
      }
    }
    for (const [parent, { sha }] of best) childOf.set(parent, sha);
  }

  const perFile = await mapLimit(
    paths.filter((p) => changed.has(p)),
    context.concurrency,
    async (path) => {
      const wanted = added.byPath.get(path)!;
      const blame = await repo.blame(path, {
        reverse: { from: added.tip, to: end },
        firstParent: onFirstParentLine,
        ignoreWhitespace: true,
        detectMoves: true,
        detectCopies: true,
      });
      return blame.filter((line) => wanted.has(line.finalLine) && line.commit !== end);
    },
  );
  return perFile.flat().map((line) => ({ remover: childOf.get(line.commit) ?? null, path: line.filename, content: line.content }));
}

/** Who replaced each removed line: the remover's author, or for a merge, the merged branch's commit. */
async function attribute(context: Context, tip: string, removed: RemovedLine[]): Promise<Array<{ commit: string | null; info: CommitInfo | null }>> {
  const { repo } = context;
  const removers = [...new Set(removed.map((r) => r.remover).filter((r): r is string => r !== null))];
  const infos = await repo.commits(removers);
  const descendsFromTip = new Map<string, boolean>();
  const sideCommits = new Map<string, Array<{ sha: string; removed: Set<string> }>>();

  const result: Array<{ commit: string | null; info: CommitInfo | null }> = [];
  for (const line of removed) {
    if (line.remover === null) {
      result.push({ commit: null, info: null });
      continue;
    }
    const remover = infos.get(line.remover)!;
    if (remover.parents.length < 2) {
      result.push({ commit: remover.sha, info: remover });
      continue;
    }
    // Removed by a merge: look for the commit of the merged branch that removed it.
    const cacheKey = `${remover.sha}\0${line.path}`;
    let candidates = sideCommits.get(cacheKey);
    if (!candidates) {
      const [mainline, ...merged] = remover.parents;
      const log = await repo.removedLinesByCommit([`^${mainline}`, ...merged], [line.path], { ignoreWhitespace: true });
      candidates = log.map((c) => ({ sha: c.sha, removed: new Set((c.removed.get(line.path) ?? []).map(normalise)) }));
      sideCommits.set(cacheKey, candidates);
    }
    const text = normalise(line.content);
    let found: string | null = null;
    for (const candidate of candidates) {
      if (!candidate.removed.has(text)) continue;
      let descends = descendsFromTip.get(candidate.sha);
      if (descends === undefined) {
        descends = await repo.isAncestor(tip, candidate.sha);
        descendsFromTip.set(candidate.sha, descends);
      }
      if (descends) {
        found = candidate.sha;
        break;
      }
    }
    if (found) {
      const info = (await repo.commits([found])).get(found)!;
      result.push({ commit: found, info });
    } else {
      result.push({ commit: remover.sha, info: remover });
    }
  }
  return result;
}

/** A line's text with all whitespace removed, as `-w` compares lines. */
function normalise(text: string): string {
  return text.replace(/\s+/g, '');
}

async function mapLimit<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  });
  await Promise.all(workers);
  return results;
}
