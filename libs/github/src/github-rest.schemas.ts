import { z } from 'zod';
import { githubId } from './github-id';

/**
 * GitHub REST v3 objects, parsed at the edge. Bodies (descriptions, comments, commit messages)
 * are read only to count what the metrics need (suggestion blocks, co-author trailers) and are
 * never returned from here.
 */

export const restUserSchema = z.looseObject({ id: githubId, login: z.string(), type: z.string().default('User') });
export type RestUser = z.infer<typeof restUserSchema>;

const timestamp = z.iso.datetime({ offset: true });

/**
 * A pull request's number: per repository, from 1. A safe integer (exact as a JS number); stored
 * as `bigint`, as REST puts no 32-bit bound on it.
 */
export const pullRequestNumber = z.number().int().positive();

export const restRepositorySchema = z.looseObject({
  id: githubId,
  full_name: z.string().regex(/^[^/]+\/[^/]+$/),
  default_branch: z.string().min(1),
  archived: z.boolean().default(false),
});

export const restPullSchema = z.looseObject({
  id: githubId,
  number: pullRequestNumber,
  state: z.enum(['open', 'closed']),
  draft: z.boolean().optional(),
  user: restUserSchema.nullable(),
  created_at: timestamp,
  updated_at: timestamp,
  closed_at: timestamp.nullable(),
  merged_at: timestamp.nullable(),
  merge_commit_sha: z.string().nullable().optional(),
  merged_by: restUserSchema.nullable().optional(),
  base: z.looseObject({ ref: z.string() }),
  additions: z.number().int().optional(),
  deletions: z.number().int().optional(),
  changed_files: z.number().int().optional(),
});
export type RestPull = z.infer<typeof restPullSchema>;

export const restReviewSchema = z.looseObject({
  id: githubId,
  user: restUserSchema.nullable(),
  state: z.string(),
  submitted_at: timestamp.nullable().optional(),
});
export type RestReview = z.infer<typeof restReviewSchema>;

export const restReviewCommentSchema = z.looseObject({
  id: githubId,
  pull_request_review_id: githubId.nullable(),
  pull_request_url: z.string(),
  user: restUserSchema.nullable(),
  created_at: timestamp,
  body: z.string().default(''),
});

export const restIssueCommentSchema = z.looseObject({
  id: githubId,
  issue_url: z.string(),
  user: restUserSchema.nullable(),
  created_at: timestamp,
  body: z.string().default(''),
});

export const restIssueEventSchema = z.looseObject({
  id: githubId,
  /** The same id GraphQL gives the event: events from either path are one row. */
  node_id: z.string().min(1),
  event: z.string(),
  actor: restUserSchema.nullable(),
  created_at: timestamp,
  issue: z.looseObject({ number: pullRequestNumber, pull_request: z.unknown().optional() }).optional(),
  requested_reviewer: restUserSchema.nullable().optional(),
  requested_team: z.looseObject({ slug: z.string() }).nullable().optional(),
});

export const restCommitSchema = z.looseObject({
  sha: z.string().regex(/^[0-9a-f]{40}$/),
  commit: z.looseObject({
    message: z.string().default(''),
    author: z.looseObject({ email: z.string().nullable().optional(), date: timestamp }).nullable(),
    committer: z.looseObject({ email: z.string().nullable().optional(), date: timestamp }).nullable(),
  }),
  author: restUserSchema.nullable(),
  committer: restUserSchema.nullable(),
  parents: z.array(z.looseObject({ sha: z.string() })).default([]),
});
export type RestCommit = z.infer<typeof restCommitSchema>;

/** The number at the end of `.../pulls/41` or `.../issues/41`. */
export function numberFromUrl(url: string): number {
  const match = /\/(?:pulls|issues)\/(\d+)$/.exec(url);
  const number = match ? Number(match[1]) : NaN;
  if (!Number.isSafeInteger(number)) throw new Error(`no pull request number in ${url}`);
  return number;
}

/** ```suggestion blocks in a review comment: each is a change the reviewer wrote for the author. */
export function countSuggestions(body: string): number {
  return (body.match(/^\s*```\s*suggestion\b/gim) ?? []).length;
}

/** Emails of `Co-authored-by:` trailers, lower-case. */
export function coAuthorEmails(message: string): string[] {
  const emails = [...message.matchAll(/^co-authored-by:\s*[^<\n]*<([^>\s]+)>\s*$/gim)].map((m) => m[1]!.toLowerCase());
  return [...new Set(emails)];
}

/** GitHub's word, the `[bot]` suffix, or the organisation file's list of bots. */
export function isBotAccount(user: { login: string; type: string }, configuredBots: ReadonlySet<string>): boolean {
  const login = user.login.toLowerCase();
  return user.type === 'Bot' || login.endsWith('[bot]') || configuredBots.has(login) || configuredBots.has(login.replace(/\[bot\]$/, ''));
}
