import { median, percentile, reviewConcentration } from './review-load';

describe('reviewConcentration', () => {
  it.each<[string, number[], { topShare: number | null; gini: number | null }]>([
    ['an even spread', [5, 5, 5, 5], { topShare: 0.25, gini: 0 }],
    ['one person of four doing everything', [10, 0, 0, 0], { topShare: 1, gini: 0.75 }],
    ['the same, in any order', [0, 0, 10, 0], { topShare: 1, gini: 0.75 }],
    ['one person of two doing everything', [0, 7], { topShare: 1, gini: 0.5 }],
    ['nobody', [], { topShare: null, gini: null }],
    ['people who reviewed nothing', [0, 0], { topShare: null, gini: null }],
    ['one person alone', [4], { topShare: 1, gini: null }],
    ['one person alone who reviewed nothing', [0], { topShare: null, gini: null }],
  ])('summarises %s', (_what, counts, expected) => {
    expect(reviewConcentration(counts)).toEqual(expected);
  });

  it('matches the pairwise definition Σ|xi − xj| / (2 n² mean) on an uneven spread', () => {
    const counts = [1, 2, 3, 10];
    const n = counts.length;
    const mean = counts.reduce((a, b) => a + b, 0) / n;
    const pairwise = counts.reduce((sum, x) => sum + counts.reduce((s, y) => s + Math.abs(x - y), 0), 0) / (2 * n * n * mean);
    const result = reviewConcentration(counts);
    expect(result.gini).toBeCloseTo(pairwise, 12);
    expect(result.gini).toBeCloseTo(0.4375, 12);
    expect(result.topShare).toBeCloseTo(10 / 16, 12);
  });

  it('counts people with no reviews: adding one makes the spread less even', () => {
    expect(reviewConcentration([4, 4]).gini).toBe(0);
    expect(reviewConcentration([4, 4, 0]).gini).toBeCloseTo(1 / 3, 12);
  });

  it.each([[-1], [Number.NaN], [Number.POSITIVE_INFINITY]])('refuses a count of %s', (bad) => {
    expect(() => reviewConcentration([3, bad])).toThrow(RangeError);
  });
});

describe('median and percentile (PostgreSQL percentile_cont)', () => {
  const oneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

  it.each<[string, number[], number, number | null]>([
    ['p=0.9 over 1..10, interpolated', oneToTen, 0.9, 9.1],
    ['p=0.5 over an even count', [1, 2, 3, 4], 0.5, 2.5],
    ['p=0.5 over an odd count', [3, 1, 2], 0.5, 2],
    ['p=0 is the smallest', [7, 3, 9], 0, 3],
    ['p=1 is the largest', [7, 3, 9], 1, 9],
    ['p=0.25 between two values', [10, 20, 30], 0.25, 15],
    ['a single value at any p', [42], 0.37, 42],
    ['unsorted input', [10, 1, 9, 2, 8, 3, 7, 4, 6, 5], 0.9, 9.1],
    ['no values', [], 0.5, null],
  ])('%s', (_what, values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });

  // Values from PostgreSQL 15 itself: `SELECT percentile_cont(p) WITHIN GROUP (ORDER BY v) FROM
  // unnest(values::float8[]) v`. They differ in the last digit from (1 − f) × lo + f × hi.
  it.each<[number[], number, number]>([
    [[0.1, 0.2, 0.7], 0.9, 0.6],
    [[0.1, 0.2, 0.7], 0.1, 0.12000000000000001],
    [[1.1, 2.2, 3.3], 0.1, 1.32],
    [[1.1, 2.2, 3.3], 0.7, 2.64],
    [[0.1, 0.3, 0.7, 1.1], 0.7, 0.7399999999999998],
  ])('gives PostgreSQL’s double exactly: %j at p=%s is %s', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });

  it.each([[-0.1], [1.1], [Number.NaN]])('refuses p=%s, as PostgreSQL does', (p) => {
    expect(() => percentile([1, 2], p)).toThrow(/not between 0 and 1/);
  });

  it.each<[number[], number | null]>([
    [[], null],
    [[5], 5],
    [[1, 3], 2],
    [[4, 1, 3, 2], 2.5],
    [[9, 1, 5], 5],
    [[0, 0, 0, 6], 0],
  ])('median of %j is %s', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('does not reorder the caller’s array', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});
