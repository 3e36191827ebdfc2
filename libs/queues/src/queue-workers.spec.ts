import { outageAwareBackoff } from './queue-workers';

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

describe('the backoff of a failed try', () => {
  it('waits out a database outage in minutes, doubling up to 8 minutes', () => {
    expect([1, 2, 3, 4, 5, 9].map((attemptsMade) => outageAwareBackoff('sync', attemptsMade, refused) / 60_000)).toEqual([1, 2, 4, 8, 8, 8]);
    expect(outageAwareBackoff('analysis', 1, new Error('Connection terminated unexpectedly'))).toBe(60_000);
  });

  it('keeps the queue\'s own backoff for any other error', () => {
    expect([1, 2, 3].map((attemptsMade) => outageAwareBackoff('sync', attemptsMade, new Error('GitHub answered 502')))).toEqual([5_000, 10_000, 20_000]);
    expect(outageAwareBackoff('events', 1, undefined)).toBe(1_000);
    // The reconciler's tick does not wait out outages: the next tick is its retry.
    expect(outageAwareBackoff('maintenance', 3, refused)).toBe(1_000);
  });
});
