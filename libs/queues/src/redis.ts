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
