/**
 * `npm run bench`: the benchmarks of docs/benchmarks.md, each beside its baseline measured in the same run. Starts and
 * stops everything itself on 127.0.0.1, bounds every loop by count and deadline, prints a table and writes
 * bench-results.json. Exit code: 0 when every benchmark ran (targets met or not), 1 when one failed, 2 for bad
 * arguments, 3 when the run's deadline stopped it.
 */
import { runAlertToEmail } from './alert-to-email.js';
import { runAlertToPage } from './alert-to-page.js';
import type { BenchOutcome } from './bench-result.js';
import { runCatchUp } from './catch-up.js';
import { nowMs } from './clock.js';
import type { BenchContext } from './context.js';
import { Deadline } from './deadline.js';
import { runFanOut } from './fan-out.js';
import { removeStrayDataDirs } from './hub-under-test.js';
import { describeMachine } from './machine.js';
import { runMemory } from './memory.js';
import { runMetricsLoad } from './metrics-load.js';
import { abandonBenchPostgres, startBenchPostgres } from './pg-nodes.js';
import type { PostgresCluster } from '../hub/test/support/postgres-cluster.js';
import { parseBenchArgs, USAGE, UsageError, type BenchId, type RunOptions } from './options.js';
import { RESULTS_FILE, writeResults } from './results-file.js';
import { killStrays } from './server-process.js';
import { formatTable } from './table.js';
import { runStatusPage } from './status-page.js';
import { runThroughput } from './throughput.js';

const log = (line: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

/** Past the run's deadline, this long is left for benchmarks to close what they opened before the process is ended. */
const GRACE_MS = 30_000;

/** The run's throw-away PostgreSQL cluster, started by the first PostgreSQL benchmark and ended after the last. */
let cluster: PostgresCluster | null = null;

async function postgres(log: (line: string) => void): Promise<PostgresCluster> {
  if (!cluster) {
    log('starting a throw-away PostgreSQL 15 cluster (fsync on, synchronous_commit on)');
    cluster = await startBenchPostgres();
  }
  return cluster;
}

async function runOne(id: BenchId, options: RunOptions, deadline: Deadline): Promise<BenchOutcome> {
  const hubNodeArgs = options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [];
  const context: BenchContext = { options, deadline, log, hubNodeArgs };
  switch (id) {
    case 'alert-to-page':
      return runAlertToPage(context);
    case 'alert-to-email':
      return runAlertToEmail(context);
    case 'fan-out':
      return runFanOut(context);
    case 'throughput':
      return runThroughput(context);
    case 'catch-up':
      return runCatchUp(context);
    case 'memory':
      return runMemory(context);
    case 'metrics-load':
      return runMetricsLoad(context);
    case 'status-page':
      return runStatusPage(context);
    case 'pg-throughput': {
      const { runPgThroughput } = await import('./pg-throughput.js');
      return runPgThroughput(context, await postgres(log));
    }
    case 'pg-alert-to-page': {
      const { runPgAlertToPage } = await import('./pg-alert-to-page.js');
      return runPgAlertToPage(context, await postgres(log));
    }
    case 'pg-fan-out': {
      const { runPgFanOut } = await import('./pg-fan-out.js');
      return runPgFanOut(context, await postgres(log));
    }
    case 'pg-node-start': {
      const { runPgNodeStart } = await import('./pg-node-start.js');
      return runPgNodeStart(context, await postgres(log));
    }
    case 'ui': {
      // Loaded only when asked for: it drives Chromium through playwright-core, which the server benchmarks need not.
      const { runUiBench } = await import('./ui-bench.js');
      return runUiBench({ ...options, deadlineMs: deadline.remaining() });
    }
  }
}

async function main(argv: readonly string[]): Promise<number> {
  let options: RunOptions;
  try {
    options = parseBenchArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`bench: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const when = new Date().toISOString();
  const started = nowMs();
  const machine = describeMachine();
  const deadline = new Deadline(options.deadlineMs, 'bench run');
  setTimeout(() => {
    log(`the run's deadline (${options.deadlineMs / 1000} s) passed and a benchmark did not stop: ending the run`);
    leaveNothing();
    process.exit(3);
  }, options.deadlineMs + GRACE_MS).unref();
  log(
    `${options.only.join(', ')} on ${machine.cpus} x ${machine.model}, ${options.quick ? 'quick' : 'full'} run, load average ${machine.loadAverage}`,
  );

  const outcomes: BenchOutcome[] = [];
  const failures: Array<{ id: string; reason: string }> = [];
  for (const id of options.only) {
    if (deadline.expired()) {
      failures.push({ id, reason: "not run: the run's deadline had passed" });
      continue;
    }
    const at = nowMs();
    log(`${id}: starting`);
    try {
      outcomes.push(await runOne(id, options, deadline.within(deadline.remaining(), id)));
      log(`${id}: done in ${((nowMs() - at) / 1000).toFixed(1)} s`);
    } catch (error) {
      const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
      failures.push({ id, reason });
      log(`${id}: FAILED: ${reason}`);
    }
  }

  if (cluster) {
    await cluster.destroy().catch((error: unknown) => log(`stopping PostgreSQL: ${String(error)}`));
    cluster = null;
  }
  const loadAfter = describeMachine().loadAverage;
  log(`1-minute load average: ${machine.loadAverage} at the start, ${loadAfter} at the end`);
  writeResults({
    when,
    machine: { ...machine, loadAverageAfter: loadAfter },
    options,
    outcomes,
    failures,
    durationMs: Math.round(nowMs() - started),
  });
  process.stdout.write(`${formatTable(outcomes)}\n`);
  for (const f of failures) process.stdout.write(`FAILED ${f.id}: ${f.reason.split('\n')[0]}\n`);
  process.stdout.write(
    `\n1-minute load average: ${machine.loadAverage} at the start, ${loadAfter} at the end (${machine.cpus} cores)`,
  );
  process.stdout.write(`\nWritten to ${RESULTS_FILE} (${((nowMs() - started) / 1000).toFixed(0)} s)\n`);
  return failures.length > 0 ? 1 : 0;
}

/** Whatever ends the run, no server process or data folder of it is left behind. */
function leaveNothing(): void {
  killStrays();
  removeStrayDataDirs();
  abandonBenchPostgres();
}

process.once('SIGINT', () => {
  leaveNothing();
  process.exit(130);
});
process.once('exit', leaveNothing);

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
