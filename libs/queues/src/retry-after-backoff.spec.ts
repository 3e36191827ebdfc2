import { retryAfterBackoff } from './queue-workers';

describe('retryAfterBackoff', () => {
  it.each([
    [1, 30_000, undefined, 30_000],
    [2, 30_000, undefined, 60_000],
    [4, 30_000, new Error('5xx'), 240_000],
    [3, 30_000, Object.assign(new Error('429'), { retryAfterMs: 1_500 }), 1_500],
    [1, 30_000, Object.assign(new Error('429'), { retryAfterMs: 0 }), 0],
    [2, 30_000, Object.assign(new Error('odd'), { retryAfterMs: -5 }), 60_000],
  ])('try %i, base %i ms, %p -> %i ms', (attemptsMade, base, error, expected) => {
    expect(retryAfterBackoff(attemptsMade, base, error)).toBe(expected);
  });
});
