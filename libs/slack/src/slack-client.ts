import type { Logger as UcLogger } from '@undercurrent/logger';
import { LogLevel, WebClient, type Logger as SlackLogger } from '@slack/web-api';

/**
 * The Web API client: `SLACK_API_URL` as its base, rate limits honoured by the client itself
 * (it waits for `Retry-After` on a 429 and tries again, within `retries`), unless
 * `rejectRateLimitedCalls`: then it throws at once with Slack's `retryAfter`.
 */
export function createSlackClient(options: {
  token: string;
  apiUrl: string;
  logger: UcLogger;
  retries?: number;
  maxRetryTimeoutMs?: number;
  /** Throw on a 429 (with its `retryAfter`) instead of waiting: for callers whose queue waits instead (alerts). */
  rejectRateLimitedCalls?: boolean;
}): WebClient {
  return new WebClient(options.token, {
    slackApiUrl: options.apiUrl,
    logger: quietLogger(options.logger),
    logLevel: LogLevel.WARN,
    rejectRateLimitedCalls: options.rejectRateLimitedCalls ?? false,
    retryConfig: { retries: options.retries ?? 10, factor: 2, minTimeout: 1_000, maxTimeout: options.maxRetryTimeoutMs ?? 60_000, randomize: true },
  });
}

/**
 * The client's own log lines, minus its debug level: at debug it writes whole request and response
 * bodies ("http request result: {...}"), message text included, and text is never logged. Its
 * info, warn and error lines (rate limiting, failed requests, deprecations) go through as strings.
 */
function quietLogger(logger: UcLogger): SlackLogger {
  const log = logger.child({ component: 'slack-web-api' });
  let level: LogLevel = LogLevel.WARN;
  const write = (method: 'info' | 'warn' | 'error') => (...msg: unknown[]) => log[method](msg.filter((m) => typeof m === 'string').join(' '));
  return {
    debug: () => undefined,
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
