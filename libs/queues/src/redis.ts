import IORedis, { type Redis } from 'ioredis';

/**
 * Redis connections for BullMQ. Producers fail a command after a few reconnection tries so that
 * an HTTP request never hangs on a lost Redis; workers block on Redis and must retry forever
 * (`maxRetriesPerRequest: null`, as BullMQ requires).
 */
export function createRedisConnection(url: string, role: 'producer' | 'worker'): Redis {
  return new IORedis(url, {
    maxRetriesPerRequest: role === 'worker' ? null : 2,
    connectTimeout: 5_000,
    lazyConnect: false,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
}

/**
 * Whether an error means Redis could not be reached (down, restarting, the network): the queue
 * cannot take a job now, and will again by itself.
 */
export function isRedisUnavailable(error: unknown): boolean {
  // Duck-typed, not `instanceof Error`: errors raised by Node's own modules may come from another realm (as under jest).
  for (let e: unknown = error, depth = 0; isErrorLike(e) && depth < 4; depth += 1) {
    if (e.name === 'MaxRetriesPerRequestError') return true;
    // Socket codes (ECONNREFUSED...) are not looked at: a command sees them as the errors below,
    // and PostgreSQL's driver raises the same codes.
    if (/max retries per request|Connection is closed|Stream isn't writeable|enableOfflineQueue options is false|LOADING Redis is loading/i.test(e.message)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

function isErrorLike(value: unknown): value is Error {
  return typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';
}
