import type { Deadline } from './deadline.js';
import type { RunOptions } from './options.js';

/** What every server-side benchmark gets from the runner. */
export interface BenchContext {
  readonly options: RunOptions;
  /** This benchmark's share of the run's time; every loop checks it. */
  readonly deadline: Deadline;
  /** Progress for the person watching (stderr; stdout is the results table). */
  readonly log: (line: string) => void;
  /** Extra node options for hub processes (`--profile DIR`: a CPU profile of each hub). */
  readonly hubNodeArgs: readonly string[];
}

/** `--samples` if given, else the benchmark's default for a full or quick run. */
export function samplesFor(context: BenchContext, full: number, quick: number): number {
  return context.options.samples ?? (context.options.quick ? quick : full);
}
