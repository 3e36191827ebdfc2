/** A GitHub sync failure, in words a user can act on, and whether trying again could help. */
export class GithubSyncError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly unrecoverable: boolean,
  ) {
    super(message);
    this.name = 'GithubSyncError';
  }
}

interface OctokitLikeError {
  status?: number;
  message?: string;
  errors?: { type?: string; message?: string }[];
  response?: { data?: unknown; headers?: Record<string, string | undefined> };
}

/**
 * What a failed GitHub call means for the sync of `subject` (a repository or organisation). The
 * retry and throttling plugins have already retried what can be retried (5xx, rate limits), so
 * what reaches here is either final (bad credentials, no access, not found) or worth another try
 * of the whole job later (rate limits that outlasted the plugin's retries, network errors).
 * Never includes a token; GitHub's messages carry none.
 */
export function describeGithubError(error: unknown, subject: string): Error {
  if (error instanceof GithubSyncError) return error;
  if (typeof error !== 'object' || error === null) return new Error(String(error));
  const e = error as OctokitLikeError;
  const message = (e.message ?? '').split('\n')[0]!.replace(/ - https:\/\/docs\.github\.com\S*/, '');
  const graphqlTypes = (e.errors ?? []).map((x) => x.type).filter((t): t is string => typeof t === 'string');
  const rateLimited = /rate limit/i.test(message) || graphqlTypes.includes('RATE_LIMITED') || e.response?.headers?.['x-ratelimit-remaining'] === '0';
  if (e.status === 401) {
    return new GithubSyncError(`GitHub token revoked or invalid (401 ${message || 'Bad credentials'}): update GITHUB_TOKEN, or the GitHub App's key and installation`, 'bad_credentials', true);
  }
  if (rateLimited) return new GithubSyncError(`GitHub rate limit still exhausted after waiting for ${subject}: the sync will try again later`, 'rate_limited', false);
  if (e.status === 403) {
    return new GithubSyncError(`GitHub refused access to ${subject} (403 ${message}): give the token or App read access to its pull requests and metadata`, 'forbidden', true);
  }
  if (e.status === 404 || graphqlTypes.includes('NOT_FOUND')) {
    return new GithubSyncError(`${subject} not found on GitHub, or the token cannot see it: check the name in the organisation file and the token's access`, 'not_found', true);
  }
  if (graphqlTypes.length > 0) return new GithubSyncError(`GitHub GraphQL error for ${subject}: ${message}`, 'graphql', false);
  if (e.status !== undefined && e.status >= 500) return new GithubSyncError(`GitHub answered ${e.status} for ${subject} after retries: the sync will try again later`, 'server_error', false);
  return error instanceof Error ? error : new Error(message);
}
