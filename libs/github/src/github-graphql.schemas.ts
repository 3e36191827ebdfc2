import { z } from 'zod';
import { githubId } from './github-id';

/**
 * The GraphQL answers of `pull-requests.query.ts`, parsed at the edge. Every id comes out as a
 * `GithubId` (decimal text): `fullDatabaseId` (`BigInt`, a string on the wire) for pull requests
 * and reviews, `databaseId` (`Int`) for accounts and repositories, which have nothing wider.
 */

const actor = z.looseObject({ __typename: z.string(), login: z.string(), databaseId: githubId.nullish() }).nullable();
const pageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });
const timestamp = z.iso.datetime({ offset: true });

export const reviewNode = z.looseObject({ fullDatabaseId: githubId, state: z.string(), submittedAt: timestamp.nullable(), author: actor });
export const timelineNode = z.looseObject({
  __typename: z.string(),
  id: z.string().optional(),
  createdAt: timestamp.optional(),
  actor: actor.optional(),
  requestedReviewer: z.looseObject({ __typename: z.string(), databaseId: githubId.nullish(), login: z.string().optional(), slug: z.string().optional() }).nullish(),
});
const gitActor = z.looseObject({ email: z.string().nullable(), user: z.looseObject({ databaseId: githubId, login: z.string() }).nullable() }).nullable();
export const commitNode = z.looseObject({
  commit: z.looseObject({ oid: z.string(), authoredDate: timestamp, committedDate: timestamp, message: z.string(), author: gitActor, committer: gitActor }),
});

const connection = <T extends z.ZodType>(node: T) => z.looseObject({ pageInfo, nodes: z.array(node) });

export const pullRequestNode = z.looseObject({
  id: z.string(),
  fullDatabaseId: githubId,
  number: z.number().int().positive(),
  createdAt: timestamp,
  updatedAt: timestamp,
  isDraft: z.boolean(),
  state: z.enum(['OPEN', 'CLOSED', 'MERGED']),
  mergedAt: timestamp.nullable(),
  closedAt: timestamp.nullable(),
  baseRefName: z.string(),
  additions: z.number().int(),
  deletions: z.number().int(),
  changedFiles: z.number().int(),
  author: actor,
  mergedBy: actor,
  mergeCommit: z.looseObject({ oid: z.string() }).nullable(),
  reviews: connection(reviewNode),
  timelineItems: connection(timelineNode),
  commits: connection(commitNode),
});
export type PullRequestNode = z.infer<typeof pullRequestNode>;

export const rateLimitSchema = z.looseObject({ cost: z.number(), remaining: z.number(), resetAt: z.string() }).nullable();

/** The repository's own fields, asked for beside its pull requests. */
const repositoryFields = {
  databaseId: githubId,
  nameWithOwner: z.string(),
  isArchived: z.boolean(),
  defaultBranchRef: z.looseObject({ name: z.string() }).nullable(),
};

export const pullRequestsAnswer = z.looseObject({
  rateLimit: rateLimitSchema,
  repository: z.looseObject({ ...repositoryFields, pullRequests: connection(pullRequestNode) }).nullable(),
});

export const nestedPageAnswer = (field: 'reviews' | 'timelineItems' | 'commits') =>
  z.looseObject({
    rateLimit: rateLimitSchema,
    node: z.looseObject({ [field]: connection(field === 'reviews' ? reviewNode : field === 'commits' ? commitNode : timelineNode) }),
  });

export const pullRequestAnswer = z.looseObject({
  rateLimit: rateLimitSchema,
  repository: z.looseObject({ ...repositoryFields, pullRequest: pullRequestNode.nullable() }).nullable(),
});
