import { describe, expect, it } from 'vitest';
import { BENCH_IDS, parseBenchArgs, POSTGRES_BENCH_IDS, RUN_ORDER, UsageError } from './options.js';

describe('bench arguments', () => {
  it('defaults to the full run of every benchmark with 1,000 clients', () => {
    expect(parseBenchArgs([])).toEqual({
      quick: false,
      clients: 1000,
      deadlineMs: 30 * 60_000,
      only: RUN_ORDER,
      postgres: false,
      workers: 1,
      profileDir: null,
      help: false,
    });
  });

  it('makes --quick a short run that --clients and --samples still override', () => {
    expect(parseBenchArgs(['--quick'])).toMatchObject({ quick: true, clients: 200, deadlineMs: 5 * 60_000 });
    expect(parseBenchArgs(['--quick', '--clients', '50', '--samples', '20'])).toMatchObject({
      quick: true,
      clients: 50,
      samples: 20,
    });
  });

  it('takes --only as ids or as the numbers of the issue, each once, in run order', () => {
    expect(parseBenchArgs(['--only', 'memory,1,fan-out,1']).only).toEqual(['alert-to-page', 'fan-out', 'memory']);
    expect(parseBenchArgs(['--only', '6']).only).toEqual(['ui']);
    expect(parseBenchArgs(['--only', '7']).only).toEqual(['metrics-load']);
  });

  it('numbers alert-to-email 8 (the numbers before it keep their meaning) and runs it right after alert-to-page', () => {
    expect(parseBenchArgs(['--only', '8']).only).toEqual(['alert-to-email']);
    expect(parseBenchArgs(['--only', 'fan-out,8,1']).only).toEqual(['alert-to-page', 'alert-to-email', 'fan-out']);
    expect(parseBenchArgs(['--only', 'alert-to-email']).only).toEqual(['alert-to-email']);
    expect(BENCH_IDS.indexOf('fan-out')).toBe(1);
    // Every benchmark runs, each once: the run order is the numbered list in another order.
    expect([...RUN_ORDER].sort()).toEqual([...BENCH_IDS].sort());
  });

  it('numbers the status page 9 and runs it last', () => {
    expect(parseBenchArgs(['--only', '9']).only).toEqual(['status-page']);
    expect(parseBenchArgs(['--only', 'status-page,1']).only).toEqual(['alert-to-page', 'status-page']);
    expect(RUN_ORDER.at(-1)).toBe('status-page');
  });

  it('refuses what it cannot run, saying why', () => {
    expect(() => parseBenchArgs(['--only', '10'])).toThrow(UsageError);
    expect(() => parseBenchArgs(['--only', 'latency'])).toThrow(/"latency" is neither/);
    expect(() => parseBenchArgs(['--only', ','])).toThrow(/at least one/);
    expect(() => parseBenchArgs(['--clients', '0'])).toThrow(/--clients must be a whole number from 1/);
    expect(() => parseBenchArgs(['--clients', '1e3'])).toThrow(UsageError);
    expect(() => parseBenchArgs(['--samples', '-5'])).toThrow(UsageError);
    expect(() => parseBenchArgs(['--fast'])).toThrow(UsageError);
    expect(() => parseBenchArgs(['extra'])).toThrow(UsageError);
  });

  it('reads the deadline in seconds and the profile folder as given', () => {
    expect(parseBenchArgs(['--deadline', '90', '--profile', '/tmp/prof'])).toMatchObject({
      deadlineMs: 90_000,
      profileDir: '/tmp/prof',
    });
  });

  it('runs the PostgreSQL benchmarks instead with --postgres, with a longer deadline, quick or full', () => {
    expect(parseBenchArgs(['--postgres'])).toMatchObject({
      postgres: true,
      quick: false,
      clients: 1000,
      deadlineMs: 40 * 60_000,
      only: POSTGRES_BENCH_IDS,
    });
    expect(parseBenchArgs(['--postgres', '--quick'])).toMatchObject({
      postgres: true,
      quick: true,
      clients: 200,
      deadlineMs: 12 * 60_000,
    });
    expect(parseBenchArgs(['--postgres', '--deadline', '60']).deadlineMs).toBe(60_000);
  });

  it('picks among the PostgreSQL benchmarks with --only when --postgres is given', () => {
    expect(parseBenchArgs(['--postgres', '--only', '4,pg-throughput']).only).toEqual([
      'pg-throughput',
      'pg-node-start',
    ]);
    expect(() => parseBenchArgs(['--postgres', '--only', '5'])).toThrow(/pg-throughput/);
    expect(() => parseBenchArgs(['--postgres', '--only', 'fan-out'])).toThrow(/"fan-out" is neither/);
    expect(() => parseBenchArgs(['--only', 'pg-fan-out'])).toThrow(UsageError);
  });
});
