import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { withTimeout } from './deadline.js';
import { parseMemoryReport, type MemoryReport } from './memory-report.js';

/** Every server process the run started, so an error or Ctrl-C never leaves one behind. */
const running = new Set<ChildProcess>();

/** Kills what is still running (SIGKILL): for the runner's exit path only. */
export function killStrays(): void {
  for (const child of running) child.kill('SIGKILL');
}

/** Node options that make a server report its memory after a full GC on SIGUSR2 (gc-on-signal.ts). */
export const GC_ON_SIGNAL: readonly string[] = [
  '--expose-gc',
  '--import',
  new URL('./gc-on-signal.js', import.meta.url).href,
];

export interface ServerProcess {
  readonly url: string;
  readonly pid: number;
  /** Resident set size in KB, from /proc (Linux) or ps. */
  rssKb(): number;
  /** A full garbage collection, then process.memoryUsage() as the process reports it (started with GC_ON_SIGNAL). */
  memoryAfterGc(): Promise<MemoryReport>;
  /** SIGTERM; SIGKILL if it has not exited after 10 s. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Options for node itself, before the script (--cpu-prof, GC_ON_SIGNAL). */
  readonly nodeArgs?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** How long it may take to listen (a hub rebuilds its state from the log first); default 30 s. */
  readonly startTimeoutMs?: number;
}

/**
 * Starts `node <nodeArgs> <script> <args>` and resolves with its URL once a stderr line says `<banner> http://…`.
 * stdout (the hub's JSON logs) goes to /dev/null: the logger still formats every line, as in production.
 */
export async function startServerProcess(
  script: string,
  args: readonly string[],
  banner: string,
  { nodeArgs = [], env = {}, startTimeoutMs = 30_000 }: StartOptions = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...env },
  });
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => running.delete(child));

  // stderr, line by line: the banner, memory reports, and (kept short) anything else for error messages.
  let tail = '';
  let partial = '';
  const lineWaiters = new Set<(line: string) => boolean>();
  child.stderr?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      tail = `${tail}${line}\n`.slice(-8000);
      for (const waiter of lineWaiters) if (waiter(line)) lineWaiters.delete(waiter);
    }
  });
  const nextLine = <T>(pick: (line: string) => T | null, ms: number, what: string): Promise<T> =>
    withTimeout(
      new Promise<T>((resolve, reject) => {
        const waiter = (line: string) => {
          const found = pick(line);
          if (found !== null) resolve(found);
          return found !== null;
        };
        lineWaiters.add(waiter);
        void exited.then(() => reject(new Error(`${script} exited (${what}): ${tail}`)));
      }),
      ms,
      what,
    );

  const bannerPattern = new RegExp(`${banner} (http://\\S+)`);
  const url = await nextLine(
    (line) => bannerPattern.exec(line)?.[1] ?? null,
    startTimeoutMs,
    `starting ${script}`,
  ).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${script} has no pid`);
  return {
    url,
    pid,
    rssKb: () => rssKbOf(pid),
    memoryAfterGc: () => {
      // Without the preload, SIGUSR2 would end the process.
      if (!nodeArgs.includes('--expose-gc')) throw new Error(`${script} was not started with GC_ON_SIGNAL`);
      const report = nextLine(parseMemoryReport, 30_000, 'waiting for a memory report');
      process.kill(pid, 'SIGUSR2');
      return report;
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await withTimeout(exited, 10_000, `stopping ${script}`).catch(() => {
        child.kill('SIGKILL');
        return exited;
      });
    },
  };
}

/** VmRSS of a process in KB. */
export function rssKbOf(pid: number): number {
  if (process.platform === 'linux') {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    if (kb) return Number(kb);
  }
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim());
}

let ticksPerSecond: number | null = null;

/** CPU time (user + system) a process has used so far, in ms; null where /proc is not there. */
export function cpuMsOf(pid: number): number | null {
  if (process.platform !== 'linux') return null;
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  // Fields after the command name (which may hold spaces, so split after its closing parenthesis): utime is the
  // 14th field of the line and stime the 15th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}
