/**
 * One figure of `npm run bench`, measured beside its baseline in the same run on the same machine. `ratio` is
 * value / baseline (for a throughput, higher is better; for a time or a size, lower is better: `better` says which).
 */
export interface BenchFigure {
  /** e.g. "alert-to-page p99". */
  readonly name: string;
  readonly unit: 'ms' | 'commands/s' | 'requests/s' | 'KB' | 'bytes';
  readonly value: number;
  /** What the same work costs without Warroom (bare socket.io, raw better-sqlite3), or null when there is none. */
  readonly baseline: number | null;
  readonly baselineName: string | null;
  /** value / baseline; null without a baseline. */
  readonly ratio: number | null;
  readonly better: 'lower' | 'higher';
  /** The target for this machine (docs/benchmarks.md), as text, e.g. "< 15 ms and ≤ 2× baseline". */
  readonly target: string;
  readonly met: boolean;
}

/** One benchmark's outcome: its figures and the settings it ran with (client counts, samples). */
export interface BenchOutcome {
  readonly id:
    | 'alert-to-page'
    | 'alert-to-email'
    | 'status-page'
    | 'fan-out'
    | 'throughput'
    | 'catch-up'
    | 'memory'
    | 'ui'
    | 'metrics-load'
    | 'pg-throughput'
    | 'pg-alert-to-page'
    | 'pg-fan-out'
    | 'pg-node-start';
  readonly title: string;
  readonly settings: Readonly<Record<string, number | string | boolean>>;
  readonly figures: readonly BenchFigure[];
  /** Anything a reader of the numbers must know (e.g. what bounded a missed target). */
  readonly notes: readonly string[];
}

/** Options every benchmark takes from the command line (`npm run bench -- --quick --clients 500`). */
export interface BenchOptions {
  readonly quick: boolean;
  /** Connected clients for the fan-out, alert-to-page and memory benchmarks (default 1,000). */
  readonly clients: number;
  /** Stops everything after this long, whatever happens (bounded by design). */
  readonly deadlineMs: number;
  /** Latency samples per figure (`--samples N`); absent: each benchmark's own default for full or quick runs. */
  readonly samples?: number;
  /** `--postgres`: the PostgreSQL and several-nodes benchmarks (pg-*) instead of the SQLite ones. */
  readonly postgres?: boolean;
}

/** a / b, or null when b is missing or zero. */
export function ratioOf(value: number, baseline: number | null): number | null {
  return baseline === null || baseline === 0 ? null : value / baseline;
}
