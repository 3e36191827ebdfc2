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
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; depth += 1) {
    if (e.name === 'MaxRetriesPerRequestError') return true;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE'].includes(code)) return true;
    if (/max retries per request|Connection is closed|Stream isn't writeable|enableOfflineQueue options is false|LOADING Redis is loading/i.test(e.message)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
