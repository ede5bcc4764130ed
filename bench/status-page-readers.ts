import type { BenchFigure } from './bench-result.js';
import type { Deadline } from './deadline.js';
import { contextFigure } from './figures.js';
import { closedLoop, openConnections, requestBytes, type LoadBounds, type LoadResult } from './http-load.js';
import { cpuMsOf, type ServerProcess } from './server-process.js';
import { summarize } from './stats.js';

/** What a phone's browser sends for the page (the hub may compress for it: the baseline serves the same bytes). */
export const READER_HEADERS: Readonly<Record<string, string>> = {
  'User-Agent': 'warroom-bench',
  Accept: 'text/html,application/xhtml+xml',
  'Accept-Encoding': 'gzip, deflate, br',
};

/** One server read by the readers: plain GETs, then conditional ones, and the CPU both sides used meanwhile. */
export interface ReaderSide {
  readonly full: LoadResult;
  readonly conditional: LoadResult;
  /** CPU the server used over the two windows, as a share of one core; null without /proc. */
  readonly serverCpu: number | null;
  /** CPU the runner (the readers) used over the two windows, as a share of one core. */
  readonly runnerCpu: number;
}

export interface ReadersOptions {
  readonly readers: number;
  /** The page's ETag, for the conditional GETs. */
  readonly etag: string;
  readonly warmUp: LoadBounds;
  readonly bounds: LoadBounds;
  readonly deadline: Deadline;
  readonly log: (line: string) => void;
}

/**
 * `readers` keep-alive connections to `server`: a warm-up, then `GET /status` in a closed loop, then the same with
 * If-None-Match (304s), each within `bounds`.
 */
export async function measureReaders(
  name: string,
  server: ServerProcess,
  options: ReadersOptions,
): Promise<ReaderSide> {
  const { readers, etag, warmUp, bounds, deadline, log } = options;
  const url = new URL(server.url);
  log(
    `status-page: ${name}: ${readers} readers, ${bounds.maxRequests} requests or ${bounds.maxMs / 1000} s, then with If-None-Match`,
  );
  const connections = await openConnections(url, readers, deadline);
  try {
    const get = requestBytes('GET', url, '/status', READER_HEADERS);
    const conditional = requestBytes('GET', url, '/status', { ...READER_HEADERS, 'If-None-Match': etag });
    await closedLoop(connections, get, warmUp);
    const cpuBefore = cpuMsOf(server.pid);
    const runnerBefore = process.cpuUsage();
    const full = await closedLoop(connections, get, bounds);
    const cond = await closedLoop(connections, conditional, bounds);
    const cpuAfter = cpuMsOf(server.pid);
    const runner = process.cpuUsage(runnerBefore);
    const windowMs = full.elapsedMs + cond.elapsedMs;
    return {
      full,
      conditional: cond,
      serverCpu: cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / windowMs,
      runnerCpu: (runner.user + runner.system) / 1000 / windowMs,
    };
  } finally {
    connections.forEach((c) => c.close());
  }
}

const BARE_NAME = 'a bare Node http server (its own process) sending the same bytes and headers';

/** Requests per second, p50 and p99 of the hub beside the bare server. */
export function loadFigures(name: string, hub: LoadResult, bare: LoadResult): BenchFigure[] {
  const hubLatency = summarize(hub.latencies);
  const bareLatency = summarize(bare.latencies);
  return [
    contextFigure({
      name: `status-page ${name} requests/s`,
      unit: 'requests/s',
      value: requestRate(hub),
      baseline: requestRate(bare),
      baselineName: BARE_NAME,
      better: 'higher',
    }),
    ...(['p50', 'p99'] as const).map((p) =>
      contextFigure({
        name: `status-page ${name} ${p}`,
        unit: 'ms',
        value: hubLatency[p],
        baseline: bareLatency[p],
        baselineName: BARE_NAME,
        better: 'lower',
      }),
    ),
  ];
}

export function requestRate(r: LoadResult): number {
  return r.elapsedMs > 0 ? (r.answered * 1000) / r.elapsedMs : 0;
}
