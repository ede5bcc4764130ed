/**
 * The one clock every latency is measured on: the machine's monotonic clock (process.hrtime, CLOCK_MONOTONIC on
 * Linux), in ms. Unlike performance.now(), it has the same origin in every worker thread of the runner, so a start
 * taken on the main thread and an arrival taken in a fleet worker can be subtracted.
 */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
