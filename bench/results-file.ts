import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchOutcome } from './bench-result.js';
import type { MachineDescription } from './machine.js';
import type { RunOptions } from './options.js';

/** The project root's bench-results.json (git-ignored): dist/bench/bench/ is three levels below it. */
export const RESULTS_FILE = fileURLToPath(new URL('../../../bench-results.json', import.meta.url));

export interface BenchResults {
  /** ISO time the run started. */
  readonly when: string;
  readonly machine: MachineDescription;
  readonly options: RunOptions;
  readonly outcomes: readonly BenchOutcome[];
  /** Benchmarks that did not finish, with the reason. */
  readonly failures: ReadonlyArray<{ readonly id: string; readonly reason: string }>;
  readonly durationMs: number;
}

export function writeResults(results: BenchResults, file = RESULTS_FILE): void {
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}
