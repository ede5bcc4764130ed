import { Worker } from 'node:worker_threads';
import { PROTOCOL_VERSION } from '../shared/protocol/version.js';
import { withTimeout, type Deadline } from './deadline.js';
import type { FromFleetWorker, ToFleetWorker } from './fleet-protocol.js';

const SCRIPT = new URL('./fleet-worker.js', import.meta.url);

interface Waiter {
  readonly match: (message: FromFleetWorker) => boolean;
  readonly resolve: (message: FromFleetWorker) => void;
  readonly reject: (error: Error) => void;
}

/** One worker thread and the answers awaited from it. */
class FleetWorker {
  private waiters: Waiter[] = [];
  private failure: Error | null = null;
  size = 0;

  constructor(readonly worker: Worker) {
    worker.on('message', (message: FromFleetWorker) => {
      if (message.kind === 'failed') return this.fail(new Error(message.message));
      const index = this.waiters.findIndex((w) => w.match(message));
      const [waiter] = index >= 0 ? this.waiters.splice(index, 1) : [];
      waiter?.resolve(message);
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`fleet worker exited with ${code}`)));
  }

  send(message: ToFleetWorker): void {
    this.worker.postMessage(message);
  }

  /** The next message matching `match` (registered now, so an answer sent right after is not missed). */
  next<K extends FromFleetWorker['kind']>(
    kind: K,
    match: (message: Extract<FromFleetWorker, { kind: K }>) => boolean = () => true,
  ): Promise<Extract<FromFleetWorker, { kind: K }>> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiters.push({
        match: (m) => m.kind === kind && match(m as Extract<FromFleetWorker, { kind: K }>),
        resolve: (m) => resolve(m as Extract<FromFleetWorker, { kind: K }>),
        reject,
      });
    });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiters.splice(0)) waiter.reject(error);
  }
}

/** When the event carrying a marker reached the fleet's clients, on the runner's clock. */
export interface Arrival {
  readonly first: number;
  readonly last: number;
}

/**
 * The load: many socket.io clients in worker threads, so that receiving their messages does not queue behind (or
 * delay) the measuring client on the runner's main thread. With `workers` = 1 they share one extra event loop.
 */
export class ClientFleet {
  private constructor(private readonly workers: readonly FleetWorker[]) {}

  static start(workers: number): ClientFleet {
    return new ClientFleet(Array.from({ length: workers }, () => new FleetWorker(new Worker(SCRIPT))));
  }

  get size(): number {
    return this.workers.reduce((sum, w) => sum + w.size, 0);
  }

  /** Connects one client per auth object (dealt round-robin to the workers) and waits for every welcome. */
  async connect(url: string, auths: readonly object[], deadline: Deadline): Promise<void> {
    await Promise.all(
      this.workers.map(async (w, i) => {
        const mine = auths.filter((_, j) => j % this.workers.length === i);
        const connected = w.next('connected');
        w.send({ kind: 'connect', url, auths: mine, timeoutMs: Math.min(60_000, deadline.remaining()) });
        w.size = (await deadline.bound(connected, 10 * 60_000, `connecting ${auths.length} clients`)).count;
      }),
    );
  }

  /** Connects the clients of several hubs (or nodes), each with its token, hub by hub. */
  async connectAll(
    clients: ReadonlyArray<{ readonly url: string; readonly token: string }>,
    deadline: Deadline,
  ): Promise<void> {
    const byUrl = new Map<string, object[]>();
    for (const c of clients)
      byUrl.set(c.url, [...(byUrl.get(c.url) ?? []), { token: c.token, protocol: PROTOCOL_VERSION }]);
    for (const [url, auths] of byUrl) await this.connect(url, auths, deadline);
  }

  /**
   * Arms every worker for `marker` and resolves once they are listening; `arrived` then resolves when every
   * client has received the event whose commandId is the marker.
   */
  async expect(marker: string, deadline: Deadline, timeoutMs: number): Promise<{ arrived: Promise<Arrival> }> {
    const arrivals = this.workers.map((w) => w.next('arrived', (m) => m.marker === marker));
    // Rejections surface through `arrived`; until it is awaited they must not count as unhandled.
    arrivals.forEach((a) => a.catch(() => undefined));
    await Promise.all(
      this.workers.map((w) => {
        const armed = w.next('armed', (m) => m.marker === marker);
        w.send({ kind: 'arm', marker });
        return deadline.bound(armed, 10_000, 'arming the fleet');
      }),
    );
    const arrived = deadline
      .bound(Promise.all(arrivals), timeoutMs, `event ${marker} reaching ${this.size} clients`)
      .then((list) => ({ first: Math.min(...list.map((a) => a.first)), last: Math.max(...list.map((a) => a.last)) }));
    return { arrived };
  }

  /**
   * Per worker, the share of time its event loop was busy since the last call (0-1): near 1, the fleet itself (not the
   * server) would be what a latency measures.
   */
  async utilization(deadline: Deadline): Promise<number[]> {
    return Promise.all(
      this.workers.map(async (w) => {
        const answer = w.next('utilization');
        w.send({ kind: 'utilization' });
        return (await deadline.bound(answer, 10_000, 'fleet utilization')).busy;
      }),
    );
  }

  /** Closes every client. Not bound by a benchmark's deadline: it also runs while cleaning up after one passed. */
  async disconnect(): Promise<void> {
    await Promise.all(
      this.workers.map((w) => {
        const done = w.next('disconnected');
        w.send({ kind: 'disconnect' });
        w.size = 0;
        return withTimeout(done, 30_000, 'disconnecting the fleet');
      }),
    );
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}
