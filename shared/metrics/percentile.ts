/**
 * The p-th percentile (0-100) of some numbers by linear interpolation between the closest ranks (numpy's default,
 * Excel's PERCENTILE.INC, "type 7"): rank h = (n - 1) * p / 100, and a value between the two samples around h.
 * So the median of [1, 2, 3, 4] is 2.5, and with one sample every percentile is that sample. Null for no samples.
 * The result is rounded to the millisecond (three decimals), so interpolation leaves no float dust.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile: p must be 0-100, not ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const h = ((sorted.length - 1) * p) / 100;
  const below = Math.floor(h);
  const low = sorted[below] as number;
  const high = sorted[Math.min(below + 1, sorted.length - 1)] as number;
  return Math.round((low + (h - below) * (high - low)) * 1000) / 1000;
}

export function median(values: readonly number[]): number | null {
  return percentile(values, 50);
}
