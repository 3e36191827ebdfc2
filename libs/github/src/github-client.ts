import type { Logger } from '@undercurrent/logger';
import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck';

const GithubClient = Octokit.plugin(retry, throttling);
export type GithubClient = InstanceType<typeof GithubClient>;

/**
 * Octokit with GitHub's own retry and throttling plugins: 5xx are retried with backoff, primary
 * and secondary rate limits wait for `retry-after` / the reset time and try again (up to
 * `maxRateLimitRetries` times), 4xx other than those are not retried. `GITHUB_API_URL` is the
 * base (GitHub Enterprise Server: `https://HOST/api/v3`).
 *
 * The throttling plugin spaces GraphQL requests (POSTs to it) one second apart, as GitHub asks of
 * writes; `graphqlIntervalMs` changes that gap (the tests and the benchmark against the fake
 * server set 0; a sync reads up to 100 pull requests a request, so the default costs little).
 */
/** A personal access token (classic or fine-grained), or a GitHub App installation. */
export type GithubCredentials = { kind: 'token'; token: string } | { kind: 'app'; appId: string; privateKey: string; installationId: string };

export function createGithubClient(options: {
  /** Shorthand for `credentials: { kind: 'token', token }`. */
  token?: string;
  credentials?: GithubCredentials;
  baseUrl: string;
  logger: Logger;
  maxRateLimitRetries?: number;
  retries?: number;
  graphqlIntervalMs?: number;
}): GithubClient {
  const log = options.logger.child({ component: 'github' });
  const maxRetries = options.maxRateLimitRetries ?? 5;
  const credentials = options.credentials ?? (options.token !== undefined ? { kind: 'token' as const, token: options.token } : undefined);
  if (!credentials) throw new Error('createGithubClient: a token or GitHub App credentials are required');
  const auth =
    credentials.kind === 'token'
      ? { auth: credentials.token }
      : { authStrategy: createAppAuth, auth: { appId: credentials.appId, privateKey: credentials.privateKey, installationId: credentials.installationId } };
  return new GithubClient({
    ...auth,
    baseUrl: options.baseUrl.replace(/\/$/, ''),
    userAgent: 'undercurrent',
    // Octokit's own log lines carry no bodies at warn and error; its debug and info are dropped, and
    // so is the line it writes for a 304 (an unchanged repository, the expected answer).
    log: { debug: () => undefined, info: () => undefined, warn: (m: string) => log.warn(m), error: (m: string) => (/ - 304 with id /.test(m) ? undefined : log.error(m)) },
    retry: { retries: options.retries ?? 3 },
    throttle: {
      ...(options.graphqlIntervalMs !== undefined ? { write: new Bottleneck.Group({ id: 'undercurrent-github-write', maxConcurrent: 1, minTime: options.graphqlIntervalMs }) } : {}),
      onRateLimit: (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
        log.warn({ retryAfter, method: request.method, url: request.url, retryCount }, 'GitHub rate limit reached: waiting for the reset');
        return retryCount < maxRetries;
      },
      onSecondaryRateLimit: (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
        log.warn({ retryAfter, method: request.method, url: request.url, retryCount }, 'GitHub secondary rate limit: waiting as asked');
        return retryCount < maxRetries;
      },
    },
  });
}

/**
 * A token git can use to clone over HTTPS: the personal access token, or a fresh installation
 * token of the App (valid for an hour; `@octokit/auth-app` caches and renews it).
 */
export async function githubGitToken(client: GithubClient): Promise<string> {
  const result = (await client.auth({ type: 'installation' })) as { token?: string };
  if (!result.token) throw new Error('GitHub authentication gave no token');
  return result.token;
}
