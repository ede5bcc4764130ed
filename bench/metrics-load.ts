import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { connectHubClient, declareBenchIncident, type HubClient } from './bench-client.js';
import type { BenchOutcome } from './bench-result.js';
import { withCleanup } from './cleanup.js';
import { nowMs } from './clock.js';
import { samplesFor, type BenchContext } from './context.js';
import { sampleLoop, type Deadline } from './deadline.js';
import { contextFigure, figure } from './figures.js';
import { startBenchHub, type BenchHub } from './hub-under-test.js';
import { metricsLog } from './metrics-log.js';
import { summarize, warmUpCount, type LatencySummary } from './stats.js';

/** The log the hub starts on: the size at which metrics that read the whole log stalled acks for seconds. */
const EVENTS = 200_000;
/** Incidents in it, over a year: about 400 in the default period (the last 30 days). */
const INCIDENTS = 5_000;
/** People asking for /api/metrics at once, each again as soon as it has the answer. */
const READERS = 3;
/** A pause between two ack samples, as the other benchmarks take them. */
const PAUSE_MS = 20;
/** How often the hub's RSS is read while it answers metrics. */
const RSS_EVERY_MS = 200;

/**
 * 7. Metrics under load: a hub started on a 200,000-event log; the time from sending a command (`tried.add`) to its
 * ack, idle and then while three clients ask for `GET /api/metrics` (the default period) in a loop, each again as
 * soon as its answer is read. Side by side: the ack under metrics load against the same hub idle; the metrics
 * request under that load against one request at a time; the hub's RSS while answering against before.
 */
export async function runMetricsLoad(context: BenchContext): Promise<BenchOutcome> {
  const { log, deadline } = context;
  const samples = samplesFor(context, 200, 50);
  const warmUp = warmUpCount(samples);
  const alone = context.options.quick ? 5 : 20;
  return withCleanup(async (cleanup) => {
    const readers = Array.from({ length: READERS }, (_, i) => `reader-${i + 1}`);
    log(`metrics-load: a hub on ${EVENTS} events (${INCIDENTS} incidents with their stories)`);
    let fillMs = 0;
    const spawned = nowMs();
    const hub = await startBenchHub(
      [{ name: 'writer', role: 'responder' }, ...readers.map((name) => ({ name, role: 'viewer' as const }))],
      context.hubNodeArgs,
      async (store) => {
        const start = nowMs();
        for (const batch of metricsLog(EVENTS, INCIDENTS, Date.now())) {
          deadline.check();
          await store.events.append({ events: batch, commands: [] });
        }
        fillMs = nowMs() - start;
      },
    );
    const startMs = nowMs() - spawned - fillMs;
    cleanup.add(() => hub.dispose());
    const writer = await connectHubClient(hub.url, hub.token('writer'));
    cleanup.add(() => writer.close());
    const incidentId = await declareBenchIncident(writer);
    const acks = (what: string) => {
      log(`metrics-load: ${samples + warmUp} acks, ${what}`);
      return sampleLoop(deadline, samples + warmUp, async () => {
        const time = await ackTime(writer, incidentId);
        await sleep(PAUSE_MS);
        return time;
      }).then((times) => summarize(times.slice(warmUp)));
    };

    const idle = await acks('idle');
    const rssBefore = hub.rssKb();
    log(`metrics-load: ${alone} metrics requests, one at a time`);
    const single = await sampleLoop(deadline, alone, () => metricsRequest(hub, hub.token('writer'), deadline));

    const load = new MetricsLoad(hub, readers, deadline);
    const loaded = await acks(`while ${READERS} clients ask for /api/metrics in a loop`).finally(() => load.stop());
    const reads = await load.done;
    if (reads.length === 0) throw new Error('no metrics request was answered during the loaded phase');
    const concurrent = summarize(reads.map((r) => r.ms));
    const singleSummary = summarize(single.map((r) => r.ms));
    const bytes = single[0]?.bytes ?? 0;
    return {
      id: 'metrics-load',
      title: '7. Metrics under load',
      settings: { events: EVENTS, incidents: INCIDENTS, readers: READERS, samples, warmUp, metricsAlone: alone },
      figures: [
        ...ackFigures(loaded, idle),
        ...requestFigures(concurrent, singleSummary),
        contextFigure({
          name: 'metrics-load hub RSS while answering (highest)',
          unit: 'KB',
          value: load.rssKb,
          baseline: rssBefore,
          baselineName: 'the hub before any metrics request',
          better: 'lower',
        }),
      ],
      notes: [
        `the log: ${EVENTS} events written in ${(fillMs / 1000).toFixed(1)} s; the hub started on it (state rebuilt from the whole log) in ${(startMs / 1000).toFixed(1)} s`,
        `each /api/metrics answer: ${(bytes / 1024).toFixed(0)} KB of JSON (the default period, the last 30 days); ${reads.length} answered during the loaded phase, ${(reads.length / (load.elapsedMs / 1000)).toFixed(1)} a second`,
        `idle ack ${fmt(idle)}; under metrics load ${fmt(loaded)} (p50 / p99 / max)`,
        'the readers and the writer share the runner, whose clients only read each answer as bytes (no parsing)',
      ],
    };
  });
}

function fmt(s: LatencySummary): string {
  return `${s.p50.toFixed(1)} / ${s.p99.toFixed(1)} / ${s.max.toFixed(1)} ms`;
}

async function ackTime(writer: HubClient, incidentId: string): Promise<number> {
  const start = nowMs();
  await writer.accepted({
    type: 'tried.add',
    incidentId,
    payload: { entryId: randomUUID(), what: 'Rolled back the gateway', hypothesis: 'the deploy' },
  });
  return nowMs() - start;
}

interface Answered {
  readonly ms: number;
  readonly bytes: number;
}

/** One `GET /api/metrics`, its body read in full; throws unless 200. */
async function metricsRequest(hub: BenchHub, token: string, deadline: Deadline): Promise<Answered> {
  const start = nowMs();
  const res = await fetch(`${hub.url}/api/metrics`, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(Math.max(1, Math.min(120_000, deadline.remaining()))),
  });
  const body = await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`GET /api/metrics answered ${res.status}`);
  return { ms: nowMs() - start, bytes: body.byteLength };
}

/** Readers asking for /api/metrics one after another until stopped (or the deadline), and the hub's RSS meanwhile. */
class MetricsLoad {
  /** At most this many requests per reader, whatever happens. */
  private static readonly MAX_PER_READER = 100_000;
  readonly done: Promise<Answered[]>;
  rssKb = 0;
  elapsedMs = 0;
  private stopped = false;
  private readonly started = nowMs();
  private readonly rssTimer: NodeJS.Timeout;

  constructor(
    private readonly hub: BenchHub,
    readers: readonly string[],
    private readonly deadline: Deadline,
  ) {
    this.rssKb = hub.rssKb();
    this.rssTimer = setInterval(() => {
      this.rssKb = Math.max(this.rssKb, hub.rssKb());
    }, RSS_EVERY_MS);
    this.done = Promise.all(readers.map((name) => this.read(hub.token(name)))).then((lists) => lists.flat());
    // Awaited once the acks are taken; until then a failed reader must not end the run as an unhandled rejection.
    this.done.catch(() => undefined);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.elapsedMs = nowMs() - this.started;
    clearInterval(this.rssTimer);
  }

  private async read(token: string): Promise<Answered[]> {
    const answered: Answered[] = [];
    while (!this.stopped && !this.deadline.expired() && answered.length < MetricsLoad.MAX_PER_READER) {
      const answer = await metricsRequest(this.hub, token, this.deadline);
      // An answer that came after the acks were done is outside the measured window.
      if (!this.stopped) answered.push(answer);
    }
    return answered;
  }
}

function ackFigures(loaded: LatencySummary, idle: LatencySummary) {
  const baselineName = 'the same hub idle (no metrics requests)';
  return [
    contextFigure({
      name: 'metrics-load ack p50 under metrics load',
      unit: 'ms',
      value: loaded.p50,
      baseline: idle.p50,
      baselineName,
      better: 'lower',
    }),
    figure({
      name: 'metrics-load ack p99 under metrics load',
      unit: 'ms',
      value: loaded.p99,
      baseline: idle.p99,
      baselineName,
      better: 'lower',
      target: '< 100 ms',
      met: loaded.p99 < 100,
    }),
  ];
}

function requestFigures(concurrent: LatencySummary, single: LatencySummary) {
  const baselineName = 'one /api/metrics request at a time';
  return (['p50', 'p99'] as const).map((p) =>
    contextFigure({
      name: `metrics-load GET /api/metrics ${p}, ${READERS} at once`,
      unit: 'ms',
      value: concurrent[p],
      baseline: single[p],
      baselineName,
      better: 'lower',
    }),
  );
}
