import { randomBytes } from 'node:crypto';
import IORedis from 'ioredis';
import { TEST_REDIS_URL } from './test-database-admin';

/** A queue prefix of this test's own, so that tests never see each other's jobs. */
export function uniqueQueuePrefix(): string {
  return `uc-test-${randomBytes(5).toString('hex')}`;
}

/** Remove every key under a prefix (the test's queues). */
export async function deleteQueueKeys(prefix: string): Promise<void> {
  const redis = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
