/** Latency samples in ms, summarised. */
export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
}

/**
 * The nearest-rank percentile: the smallest sample with at least p% of the samples at or below it. With 50 samples
 * p99 is the largest (a conservative reading: no interpolation makes a tail look better than what was seen).
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of no samples');
  if (!(p > 0 && p <= 100)) throw new Error(`percentile must be in (0, 100], got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

export function summarize(values: readonly number[]): LatencySummary {
  if (values.length === 0) throw new Error('no samples to summarise');
  return {
    count: values.length,
    p50: percentile(values, 50),
    p99: percentile(values, 99),
    min: Math.min(...values),
    max: Math.max(...values),
    mean: values.reduce((sum, v) => sum + v, 0) / values.length,
  };
}

/** How many of `total` samples are warm-up (JIT, connection set-up, SQLite page cache): 10%, at least 3. */
export function warmUpCount(total: number): number {
  return Math.max(3, Math.ceil(total / 10));
}
