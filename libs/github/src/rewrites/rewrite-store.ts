import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { upsertChanged } from '@undercurrent/db';
import type { DataSource } from 'typeorm';
import { ensureBareClone, GitCommandError, type GitRepository } from './git-repository';
import { analyseRewrites, REWRITE_DEFINITION_VERSION, type MergedChange, type RewriteResult } from './rewrite-analysis';

const REWRITES = {
  table: 'github_pr_rewrites',
  key: ['pull_request_id'],
  columns: {
    pull_request_id: 'bigint', definition_version: 'integer', merge_kind: 'text', lines_added: 'integer', lines_replaced: 'integer',
    replaced_by: 'jsonb', replacements: 'jsonb', window_end: 'timestamptz', observed_until: 'timestamptz', complete: 'boolean', reason: 'text',
  },
} as const;

interface PendingPullRequest {
  id: string;
  merged_at: Date;
  merge_commit_sha: string;
  base_ref: string;
  /** The author's commit email on this pull request (the most used), or their login. */
  author_key: string;
  /** Authored dates of the pull request's own non-merge commits, oldest first (epoch seconds). */
  commit_dates: number[];
}

export interface RewriteAnalysisOptions {
  /** Where bare clones are kept, one directory per repository. */
  cloneDir: string;
  /** The git URL of a repository ("owner/name"). */
  gitUrl: (fullName: string) => string;
  windowDays?: number;
}

/** The git URL of a repository on the GitHub an API URL belongs to (github.com or Enterprise Server). */
export function githubGitUrl(apiUrl: string, fullName: string): string {
  const api = new URL(apiUrl);
  const host = api.hostname === 'api.github.com' ? 'github.com' : api.host;
  return `${api.protocol}//${host}/${fullName}.git`;
}

/**
 * Keeps `github_pr_rewrites` up to date for one repository: fetches its bare clone (no API
 * budget), works out how each merged pull request landed (squash, merge commit, or rebased
 * commits), and analyses those not yet done, or whose 21-day window was still open at the last
 * analysis. A result that says why a pull request cannot be analysed is kept, not retried.
 */
export class GithubRewriteAnalyser {
  constructor(
    private readonly dataSource: DataSource,
    private readonly options: RewriteAnalysisOptions,
  ) {}

  /** `run.now`: the product clock's time the analysis stands at (the sync run's as-of instant). */
  async analyseRepository(fullName: string, run: { token?: string; now: Date }): Promise<{ analysed: number; complete: number; notAnalysable: number }> {
    const pending = await this.pending(fullName);
    if (pending.length === 0) return { analysed: 0, complete: 0, notAnalysable: 0 };
    const dir = join(this.options.cloneDir, `${fullName.toLowerCase().replace('/', '__')}.git`);
    await mkdir(this.options.cloneDir, { recursive: true });
    const repo = await ensureBareClone(this.options.gitUrl(fullName.toLowerCase()), dir, run.token ? { token: run.token } : {});
    const changes: { change: MergedChange; kind: string }[] = [];
    const rows: Record<string, unknown>[] = [];
    for (const pr of pending) {
      const landed = await mergeKind(repo, pr);
      if ('reason' in landed) {
        rows.push(row(pr.id, 'unknown', undefined, { windowEnd: new Date(pr.merged_at.getTime() + (this.options.windowDays ?? 21) * 86_400_000), reason: landed.reason }));
        continue;
      }
      changes.push({ change: { key: pr.id, author: pr.author_key, mergedAt: pr.merged_at, baseBranch: pr.base_ref, commits: landed.commits, mergeKind: landed.kind }, kind: landed.kind });
    }
    const results = await analyseRewrites(repo, changes.map((c) => c.change), { ...(this.options.windowDays ? { windowDays: this.options.windowDays } : {}), now: run.now });
    results.forEach((result, i) => rows.push(row(result.key, changes[i]!.kind, result)));
    await this.dataSource.transaction((m) => upsertChanged(m, REWRITES, rows));
    return { analysed: rows.length, complete: rows.filter((r) => r['complete'] === true).length, notAnalysable: rows.filter((r) => r['reason'] !== null).length };
  }

  /** Merged pull requests of the repository never analysed, analysed under another definition, or whose window was still open. */
  private async pending(fullName: string): Promise<PendingPullRequest[]> {
    return (await this.dataSource.query(
      `SELECT p.id::text, p.merged_at, p.merge_commit_sha, p.base_ref,
         COALESCE((SELECT c.author_email FROM github_commits c WHERE c.pull_request_id = p.id AND c.author_id = p.author_id AND c.author_email IS NOT NULL
                   GROUP BY c.author_email ORDER BY count(*) DESC, c.author_email LIMIT 1), u.login, '') AS author_key,
         COALESCE((SELECT array_agg(extract(epoch FROM c.authored_at)::bigint ORDER BY c.authored_at, c.sha) FROM github_commits c
                   WHERE c.pull_request_id = p.id AND NOT c.is_merge), '{}') AS commit_dates
       FROM github_pull_requests p
       JOIN github_repositories r ON r.id = p.repository_id AND r.full_name = $1
       LEFT JOIN github_users u ON u.id = p.author_id
       LEFT JOIN github_pr_rewrites w ON w.pull_request_id = p.id
       WHERE p.merged_at IS NOT NULL AND p.merge_commit_sha IS NOT NULL
         AND (w.pull_request_id IS NULL OR w.definition_version <> $2 OR (NOT w.complete AND w.reason IS NULL))
       ORDER BY p.merged_at, p.id`,
      [fullName.toLowerCase(), REWRITE_DEFINITION_VERSION],
    )) as PendingPullRequest[];
  }
}

/**
 * How a pull request landed, from the clone: a merge commit has two parents; otherwise, when the
 * last N first-parent commits up to it carry the authored dates of the pull request's own N
 * commits (a rebase keeps them), it was rebased; otherwise squashed (one commit).
 */
async function mergeKind(repo: GitRepository, pr: PendingPullRequest): Promise<{ kind: MergedChange['mergeKind']; commits: string[] } | { reason: string }> {
  let tip;
  try {
    tip = (await repo.commits([pr.merge_commit_sha])).get(pr.merge_commit_sha)!;
  } catch (error) {
    if (error instanceof GitCommandError) return { reason: `merge commit ${pr.merge_commit_sha.slice(0, 12)} is not in the clone` };
    throw error;
  }
  if (tip.parents.length >= 2) return { kind: 'merge', commits: [tip.sha] };
  const wanted = pr.commit_dates.map(Number);
  if (wanted.length >= 2) {
    const shas = (await repo.firstParentLine(tip.sha, wanted.length)).reverse();
    const line = await repo.commits(shas);
    const dates = shas.map((sha) => Math.floor(line.get(sha)!.authorDate.getTime() / 1000));
    // A merge commit inside the line would not be one of a rebase's commits.
    const linear = shas.every((sha) => line.get(sha)!.parents.length <= 1);
    if (linear && dates.length === wanted.length && dates.every((d, i) => d === wanted[i])) return { kind: 'rebase', commits: shas };
  }
  return { kind: 'squash', commits: [tip.sha] };
}

function row(pullRequestId: string, kind: string, result: RewriteResult | undefined, failed?: { windowEnd: Date; reason: string }): Record<string, unknown> {
  return {
    pull_request_id: pullRequestId,
    definition_version: REWRITE_DEFINITION_VERSION,
    merge_kind: kind,
    lines_added: result?.linesAdded ?? 0,
    lines_replaced: result?.linesReplaced ?? 0,
    replaced_by: result?.replacedBy ?? {},
    replacements: result?.replacements ?? [],
    window_end: (result?.windowEnd ?? failed!.windowEnd).toISOString(),
    observed_until: (result?.observedUntil ?? failed!.windowEnd).toISOString(),
    complete: result?.complete ?? false,
    reason: result?.reason ?? failed?.reason ?? null,
  };
}
