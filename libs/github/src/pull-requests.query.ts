/**
 * The one GraphQL query that reads a repository's pull requests with everything the metrics need
 * in the same round trip: reviews, draft and review-request history, and commits. Ordered by
 * `updatedAt` descending, so an incremental sync stops at the first pull request older than its
 * cursor. Nested connections that do not fit are followed up per pull request (never truncated).
 *
 * Its cost in GitHub's rate-limit points: with `first: 100`, one request for the pull requests
 * plus 100 for each of the three nested connections, 301 requests, 3 points per 100 pull requests;
 * with `first: 25`, 76 requests, 1 point (an incremental sync's first page). The repository's own
 * fields come with it, free.
 * Review and conversation comments come from the repository-wide REST listings (100 per request),
 * not from here: nesting them under reviews would multiply the cost.
 *
 * Ids are 64-bit (`github-id.ts`): pull requests and reviews are read by `fullDatabaseId` (a
 * `BigInt`, serialized as a string), because their ids passed 2^31 and the 32-bit `databaseId`
 * fails on them ("Int cannot represent non 32-bit signed integer value"). GitHub's schema gives
 * users, bots, mannequins and repositories no `fullDatabaseId`: their `databaseId` is the only
 * numeric id there is (and is what REST calls `id`); theirs are still far below 2^31 on
 * github.com. `pull-requests.query.spec.ts` checks both rules against the published schema, so a
 * schema that adds `fullDatabaseId` to one of them fails the test until the query uses it.
 */
export const ACTOR_FIELDS = `__typename login ... on User { databaseId } ... on Bot { databaseId } ... on Mannequin { databaseId }`;

export const TIMELINE_ITEM_TYPES = [
  'READY_FOR_REVIEW_EVENT',
  'CONVERT_TO_DRAFT_EVENT',
  'REVIEW_REQUESTED_EVENT',
  'REVIEW_REQUEST_REMOVED_EVENT',
  'HEAD_REF_FORCE_PUSHED_EVENT',
] as const;

export const TIMELINE_FIELDS = `
  __typename
  ... on ReadyForReviewEvent { id createdAt actor { ${ACTOR_FIELDS} } }
  ... on ConvertToDraftEvent { id createdAt actor { ${ACTOR_FIELDS} } }
  ... on HeadRefForcePushedEvent { id createdAt actor { ${ACTOR_FIELDS} } }
  ... on ReviewRequestedEvent { id createdAt actor { ${ACTOR_FIELDS} } requestedReviewer { __typename ... on User { databaseId login } ... on Bot { databaseId login } ... on Mannequin { databaseId login } ... on Team { slug } } }
  ... on ReviewRequestRemovedEvent { id createdAt actor { ${ACTOR_FIELDS} } requestedReviewer { __typename ... on User { databaseId login } ... on Bot { databaseId login } ... on Mannequin { databaseId login } ... on Team { slug } } }
`;

export const REVIEW_FIELDS = `fullDatabaseId state submittedAt createdAt author { ${ACTOR_FIELDS} }`;

export const COMMIT_FIELDS = `commit { oid authoredDate committedDate message author { email name user { databaseId login } } committer { email name user { databaseId login } } }`;

/** Everything read of one pull request, nested connections' first 100 included. */
export const PULL_REQUEST_FIELDS = `
  id fullDatabaseId number createdAt updatedAt isDraft state mergedAt closedAt baseRefName headRefName
  additions deletions changedFiles
  author { ${ACTOR_FIELDS} }
  mergedBy { ${ACTOR_FIELDS} }
  mergeCommit { oid }
  reviews(first: 100) { pageInfo { hasNextPage endCursor } nodes { ${REVIEW_FIELDS} } }
  timelineItems(first: 100, itemTypes: [${TIMELINE_ITEM_TYPES.join(', ')}]) { pageInfo { hasNextPage endCursor } nodes { ${TIMELINE_FIELDS} } }
  commits(first: 100) { totalCount pageInfo { hasNextPage endCursor } nodes { ${COMMIT_FIELDS} } }
`;

/** The repository's own fields (free beside its pull requests). */
const REPOSITORY_FIELDS = 'databaseId nameWithOwner isArchived defaultBranchRef { name }';

export const PULL_REQUESTS_QUERY = `
query RepositoryPullRequests($owner: String!, $name: String!, $first: Int!, $after: String) {
  rateLimit { cost remaining resetAt limit used }
  repository(owner: $owner, name: $name) {
    ${REPOSITORY_FIELDS}
    pullRequests(first: $first, after: $after, orderBy: { field: UPDATED_AT, direction: DESC }) {
      pageInfo { hasNextPage endCursor }
      nodes { ${PULL_REQUEST_FIELDS} }
    }
  }
}`;

/**
 * One pull request, re-read after a webhook said it changed (1 point): with its repository, so
 * the batch needs no other request.
 */
export const PULL_REQUEST_QUERY = `
query OnePullRequest($owner: String!, $name: String!, $number: Int!) {
  rateLimit { cost remaining resetAt limit used }
  repository(owner: $owner, name: $name) {
    ${REPOSITORY_FIELDS}
    pullRequest(number: $number) { ${PULL_REQUEST_FIELDS} }
  }
}`;

/** Follow-up pages of one pull request's nested connections (more than 100 of something). */
export const PULL_REQUEST_PAGE_QUERIES = {
  reviews: `query PullRequestReviews($id: ID!, $after: String) { rateLimit { cost remaining resetAt limit used } node(id: $id) { ... on PullRequest { reviews(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { ${REVIEW_FIELDS} } } } } }`,
  timelineItems: `query PullRequestTimeline($id: ID!, $after: String) { rateLimit { cost remaining resetAt limit used } node(id: $id) { ... on PullRequest { timelineItems(first: 100, after: $after, itemTypes: [${TIMELINE_ITEM_TYPES.join(', ')}]) { pageInfo { hasNextPage endCursor } nodes { ${TIMELINE_FIELDS} } } } } }`,
  commits: `query PullRequestCommits($id: ID!, $after: String) { rateLimit { cost remaining resetAt limit used } node(id: $id) { ... on PullRequest { commits(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { ${COMMIT_FIELDS} } } } } }`,
} as const;
