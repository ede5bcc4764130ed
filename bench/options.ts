import { parseArgs } from 'node:util';
import type { BenchOptions, BenchOutcome } from './bench-result.js';

export type BenchId = BenchOutcome['id'];

/**
 * By number: `--only 1,3` names them by their place here (the issue's numbering), `--only fan-out` by id. A
 * benchmark added later takes the next number, so the numbers people and the docs use keep their meaning.
 */
export const BENCH_IDS: readonly BenchId[] = [
  'alert-to-page',
  'fan-out',
  'throughput',
  'catch-up',
  'memory',
  'ui',
  'metrics-load',
  'alert-to-email',
  'status-page',
];

/** The order they run, and so the order of the results table: alert-to-email (8) right after alert-to-page (1). */
export const RUN_ORDER: readonly BenchId[] = [
  'alert-to-page',
  'alert-to-email',
  'fan-out',
  'throughput',
  'catch-up',
  'memory',
  'ui',
  'metrics-load',
  'status-page',
];

/** `--postgres`: the PostgreSQL and several-nodes benchmarks, in the order they run (`--only` numbers them 1-4). */
export const POSTGRES_BENCH_IDS: readonly BenchId[] = [
  'pg-throughput',
  'pg-alert-to-page',
  'pg-fan-out',
  'pg-node-start',
];

/** Everything `npm run bench -- …` can say; the benchmarks themselves see BenchOptions (plus worker threads). */
export interface RunOptions extends BenchOptions {
  readonly only: readonly BenchId[];
  /** Worker threads that hold the load-generating clients (the fleet), so their work is off the measuring thread. */
  readonly workers: number;
  /** Write a CPU profile of every hub process into this folder (node --cpu-prof), to see what bounds a figure. */
  readonly profileDir: string | null;
  readonly help: boolean;
}

export class UsageError extends Error {}

const FULL = { clients: 1000, deadlineMs: 30 * 60_000 };
const QUICK = { clients: 200, deadlineMs: 5 * 60_000 };
/** The PostgreSQL run fills a database with a million events and starts nodes on it: it needs longer. */
const POSTGRES_FULL = { clients: 1000, deadlineMs: 40 * 60_000 };
const POSTGRES_QUICK = { clients: 200, deadlineMs: 12 * 60_000 };

export const USAGE = `npm run bench -- [options]

  --quick          a short run (200 clients, fewer samples and events): under five minutes on 2 cores
  --clients N      connected clients for alert-to-page, fan-out and memory (default 1000; quick 200)
  --samples N      latency samples per figure, after warm-up (default: each benchmark's own)
  --only a,b       run only these: ${BENCH_IDS.map((id, i) => `${i + 1} ${id}`).join(', ')}
  --postgres       the PostgreSQL benchmarks instead, on a throw-away cluster (fsync and synchronous_commit on), one
                   node and three nodes on one database: ${POSTGRES_BENCH_IDS.map((id, i) => `${i + 1} ${id}`).join(', ')}
                   (--only picks among these; --clients is per node; 1,000,000 events for the start, quick 200,000;
                   deadline 2400 s, quick 720 s)
  --workers N      worker threads holding the client fleet (default 1)
  --deadline S     stop everything after S seconds (default 1800; quick 300; see --postgres)
  --profile DIR    write a CPU profile of each hub process to DIR (node --cpu-prof)
  --help           this text

Writes bench-results.json at the project root and prints a table.`;

/** Parses the command line; throws UsageError with a reason a person can act on. */
export function parseBenchArgs(argv: readonly string[]): RunOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        quick: { type: 'boolean', default: false },
        postgres: { type: 'boolean', default: false },
        clients: { type: 'string' },
        samples: { type: 'string' },
        only: { type: 'string' },
        workers: { type: 'string' },
        deadline: { type: 'string' },
        profile: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const defaults = values.postgres ? (values.quick ? POSTGRES_QUICK : POSTGRES_FULL) : values.quick ? QUICK : FULL;
  const ids = values.postgres ? POSTGRES_BENCH_IDS : BENCH_IDS;
  const order = values.postgres ? POSTGRES_BENCH_IDS : RUN_ORDER;
  const samples = values.samples === undefined ? undefined : wholeNumber('--samples', values.samples, 1, 100_000);
  return {
    quick: values.quick,
    clients: values.clients === undefined ? defaults.clients : wholeNumber('--clients', values.clients, 1, 20_000),
    deadlineMs:
      values.deadline === undefined
        ? defaults.deadlineMs
        : wholeNumber('--deadline', values.deadline, 10, 24 * 3600) * 1000,
    ...(samples === undefined ? {} : { samples }),
    only: values.only === undefined ? order : parseOnly(values.only, ids, order),
    postgres: values.postgres,
    workers: values.workers === undefined ? 1 : wholeNumber('--workers', values.workers, 1, 16),
    profileDir: values.profile ?? null,
    help: values.help,
  };
}

function wholeNumber(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min || n > max)
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got "${text}"`);
  return n;
}

/**
 * "1,fan-out" → ['alert-to-page', 'fan-out'], in run order, each once; `ids`: the suite it picks from, numbered;
 * `order`: the same ids in the order they run.
 */
function parseOnly(text: string, ids: readonly BenchId[], order: readonly BenchId[]): BenchId[] {
  const wanted = new Set<BenchId>();
  for (const part of text.split(',').map((p) => p.trim())) {
    if (part === '') continue;
    const byNumber = /^\d+$/.test(part) ? ids[Number(part) - 1] : undefined;
    const id = byNumber ?? ids.find((b) => b === part);
    if (!id) throw new UsageError(`--only takes ${ids.join(', ')} or 1-${ids.length}; "${part}" is neither`);
    wanted.add(id);
  }
  if (wanted.size === 0) throw new UsageError('--only needs at least one benchmark');
  return order.filter((id) => wanted.has(id));
}
