/**
 * Review load and concentration (metric version 1): who carries the team's reviews, and how
 * unevenly. The weekly counts (review requests received, reviews given, pull requests reviewed or
 * approved per person) are rolled up in SQL; this file holds the summaries every caller must agree
 * on, so that a number on the dashboard means the same thing as the one a signal used.
 *
 * - **Top share**: the largest person's count over the team's total; null when the total is 0.
 * - **Gini coefficient** of the counts, for a finite population:
 *   G = Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² mean). 0 when everyone does the same; (n − 1) / n when one person
 *   of n does everything (0.75 for four people). People with a count of 0 are part of n: they are
 *   the ones not reviewing. Null for fewer than two people or a total of 0 (nothing to spread).
 * - **Median** and **percentile** are PostgreSQL's `percentile_cont`: linear interpolation between
 *   the two nearest values, so a median computed here and one computed in a rollup agree exactly.
 */
export const REVIEW_LOAD_VERSION = 1;

export interface ReviewConcentration {
  /** Largest count / total; null when the total is 0. */
  topShare: number | null;
  /** 0 (even) … (n − 1) / n (one person does everything); null for fewer than 2 people or total 0. */
  gini: number | null;
}

function checkCounts(counts: readonly number[]): void {
  for (const c of counts) {
    if (!Number.isFinite(c) || c < 0) throw new RangeError(`review counts must be finite and not negative, got ${c}`);
  }
}

export function reviewConcentration(counts: readonly number[]): ReviewConcentration {
  checkCounts(counts);
  const total = counts.reduce((sum, c) => sum + c, 0);
  if (total === 0) return { topShare: null, gini: null };
  const topShare = Math.max(...counts) / total;
  const n = counts.length;
  if (n < 2) return { topShare, gini: null };
  // Σᵢ Σⱼ |xᵢ − xⱼ| over sorted values is 2 Σᵢ (2i − n − 1) xᵢ (i from 1): O(n log n), same result.
  const sorted = [...counts].sort((a, b) => a - b);
  const weighted = sorted.reduce((sum, x, i) => sum + (2 * (i + 1) - n - 1) * x, 0);
  return { topShare, gini: weighted / (n * total) };
}

/**
 * PostgreSQL's `percentile_cont(p)`: the value at position p × (n − 1) of the sorted values,
 * interpolated linearly between its neighbours (the same arithmetic, so the same double). Null for
 * no values; p outside 0..1 is refused, as PostgreSQL does.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile ${p} is not between 0 and 1`);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = p * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const lo = sorted[lower]!;
  if (lower === upper) return lo;
  return lo + (position - lower) * (sorted[upper]! - lo);
}

/** The median as `percentile_cont(0.5)`: the middle value, or the mean of the two middle values. */
export function median(values: readonly number[]): number | null {
  return percentile(values, 0.5);
}
