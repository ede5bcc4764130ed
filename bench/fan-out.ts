import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import type { DomainEvent } from '../shared/domain/events.js';
import { startBareServer } from './bare-process.js';
import { connectHubClient, declareBenchIncident } from './bench-client.js';
import type { BenchOutcome } from './bench-result.js';
import { withCleanup } from './cleanup.js';
import { nowMs, sleep } from './clock.js';
import { samplesFor, type BenchContext } from './context.js';
import { sampleLoop } from './deadline.js';
import { latencyFigures } from './figures.js';
import { ClientFleet } from './fleet.js';
import { startBenchHub, viewers } from './hub-under-test.js';
import { summarize, warmUpCount } from './stats.js';

/** Between samples, so one broadcast has left every socket buffer before the next starts. */
const PAUSE_MS = 20;

export interface Sample {
  /** Command sent → its event at the last of the fleet's clients. */
  readonly last: number;
  /** … at the first of them. */
  readonly first: number;
  /** Command sent → the sender's ack (durable). Null for the baseline, which has no ack. */
  readonly ack: number | null;
}

/**
 * 2. Fan-out: one command until its event has reached all `clients` connected clients. Baseline: a bare socket.io
 * server broadcasting a client's payload of the same size (the hub's own event, with a fresh marker) to as many.
 */
export async function runFanOut(context: BenchContext): Promise<BenchOutcome> {
  const { options, log } = context;
  const samples = samplesFor(context, 200, 50);
  const warmUp = warmUpCount(samples);
  return withCleanup(async (cleanup) => {
    const fleet = ClientFleet.start(options.workers);
    cleanup.add(() => fleet.close());
    log(`fan-out: hub to ${options.clients} clients`);
    const hub = await measureHub(context, fleet, samples + warmUp);
    log(`fan-out: baseline, bare socket.io broadcast to ${options.clients} clients`);
    const bare = await measureBare(context, fleet, samples + warmUp, hub.event);

    const hubLast = summarize(hub.samples.slice(warmUp).map((s) => s.last));
    const hubFirst = summarize(hub.samples.slice(warmUp).map((s) => s.first));
    const hubAck = summarize(hub.samples.slice(warmUp).map((s) => s.ack ?? 0));
    const bareLast = summarize(bare.samples.slice(warmUp).map((s) => s.last));
    const bareFirst = summarize(bare.samples.slice(warmUp).map((s) => s.first));
    const busy = (list: number[]) => list.map((b) => `${Math.round(b * 100)}%`).join(', ');
    const payloadBytes = Buffer.byteLength(JSON.stringify(hub.event));
    return {
      id: 'fan-out',
      title: '2. Fan-out',
      settings: { clients: options.clients, samples, warmUp, workers: options.workers, payloadBytes },
      figures: latencyFigures('fan-out', hubLast, bareLast, `bare socket.io broadcast of ${payloadBytes} bytes`, {
        text: '<= 2x baseline',
        met: (_p99, ratio) => ratio !== null && ratio <= 2,
      }),
      notes: [
        `the sender's ack (event durable) came after ${hubAck.p50.toFixed(2)} ms p50 / ${hubAck.p99.toFixed(2)} ms p99`,
        `first client reached after ${hubFirst.p50.toFixed(2)} ms p50 (baseline ${bareFirst.p50.toFixed(2)} ms): the rest is writing to and reading from ${options.clients} sockets`,
        'the hub sends every event to every connected client (no per-incident subscription), so all clients count as subscribed',
        `the fleet's worker thread(s) were busy ${busy(hub.fleetBusy)} of the sampling time (baseline ${busy(bare.fleetBusy)}), 20 ms pauses included`,
      ],
    };
  });
}

async function measureHub(
  context: BenchContext,
  fleet: ClientFleet,
  count: number,
): Promise<{ samples: Sample[]; event: DomainEvent; fleetBusy: number[] }> {
  const others = viewers(context.options.clients);
  return withCleanup(async (cleanup) => {
    const hub = await startBenchHub([{ name: 'writer', role: 'responder' }, ...others], context.hubNodeArgs);
    cleanup.add(() => hub.dispose());
    return measureFanOutOn(context, fleet, count, {
      others: others.map((u) => ({ url: hub.url, token: hub.token(u.name) })),
      writer: { url: hub.url, token: hub.token('writer') },
    });
  });
}

/** Where the clients of a fan-out measurement connect: one hub, or several nodes on one database. */
export interface FanOutSetup {
  /** The fleet: every one of them must receive each sample's event. */
  readonly others: ReadonlyArray<{ readonly url: string; readonly token: string }>;
  /** The client that sends the command. */
  readonly writer: { readonly url: string; readonly token: string };
}

/** Connects the fleet (each client to its URL), then times `count` commands until their event reached all of it. */
export async function measureFanOutOn(
  context: BenchContext,
  fleet: ClientFleet,
  count: number,
  setup: FanOutSetup,
): Promise<{ samples: Sample[]; event: DomainEvent; fleetBusy: number[] }> {
  const { deadline } = context;
  return withCleanup(async (cleanup) => {
    cleanup.add(() => fleet.disconnect());
    await fleet.connectAll(setup.others, deadline);
    const writer = await connectHubClient(setup.writer.url, setup.writer.token);
    cleanup.add(() => writer.close());
    const incidentId = await declareBenchIncident(writer);
    // The last event the writer saw: after the samples, a tried.added like the ones timed (the baseline's payload).
    const seen: { event: DomainEvent | null } = { event: null };
    writer.socket.on('events', (events) => {
      seen.event = events.at(-1) ?? seen.event;
    });
    await fleet.utilization(deadline);
    const samples = await sampleLoop(deadline, count, async (i) => {
      const marker = randomUUID();
      const { arrived } = await fleet.expect(marker, deadline, 30_000);
      const start = nowMs();
      const ack = writer
        .accepted({
          commandId: marker,
          type: 'tried.add',
          incidentId,
          payload: { entryId: marker, what: `Restarted the checkout pods (sample ${i})`, hypothesis: 'a bad pod' },
        })
        .then(() => nowMs());
      const reached = await arrived;
      const ackAt = await deadline.bound(ack, 30_000, 'ack');
      await sleep(PAUSE_MS);
      return { last: reached.last - start, first: reached.first - start, ack: ackAt - start };
    });
    const fleetBusy = await fleet.utilization(deadline);
    if (!seen.event) throw new Error('the writer never received its own events');
    return { samples, event: seen.event, fleetBusy };
  });
}

export async function measureBare(
  context: BenchContext,
  fleet: ClientFleet,
  count: number,
  event: DomainEvent,
): Promise<{ samples: Sample[]; fleetBusy: number[] }> {
  const { options, deadline } = context;
  return withCleanup(async (cleanup) => {
    const bare = await startBareServer();
    cleanup.add(() => bare.stop());
    await fleet.connect(
      bare.url,
      Array.from({ length: options.clients }, () => ({})),
      deadline,
    );
    cleanup.add(() => fleet.disconnect());
    const sender = io(bare.url, { transports: ['websocket'], reconnection: false, forceNew: true });
    cleanup.add(() => sender.close());
    await deadline.bound(new Promise((resolve) => sender.once('welcome', resolve)), 30_000, 'bare sender');
    await fleet.utilization(deadline);
    const samples = await sampleLoop(deadline, count, async () => {
      // A random UUID has the same length as the hub's, so the payload has the same size.
      const marker = randomUUID();
      const { arrived } = await fleet.expect(marker, deadline, 30_000);
      const start = nowMs();
      sender.emit('broadcast', { ...event, commandId: marker });
      const reached = await arrived;
      await sleep(PAUSE_MS);
      return { last: reached.last - start, first: reached.first - start, ack: null };
    });
    return { samples, fleetBusy: await fleet.utilization(deadline) };
  });
}
