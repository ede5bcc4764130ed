import { randomUUID } from 'node:crypto';
import { declareBenchIncident, type HubClient } from './bench-client.js';
import { nowMs, sleep } from './clock.js';
import type { Deadline } from './deadline.js';

/** Commands counted at most, whatever the window: bounds the run on a machine much faster than expected. */
const MAX_COMMANDS = 2_000_000;

export interface WriteLoad<T> {
  /** Commands acked inside the window. */
  readonly counted: number;
  readonly elapsedMs: number;
  /** Ack latency of each counted command (ms). */
  readonly latencies: readonly number[];
  /** The seq of the last command sent before the load: what follows is the load's. */
  readonly firstSeq: number;
  /** What `measure` returned for the window (CPU use of the processes, say). */
  readonly measured: T;
}

/**
 * The durable-throughput load: each client declares an incident, then sends its next "what we've tried" entry as
 * soon as the last is acked (one command in flight, as an outbox does), counted over `windowMs` after `warmUpMs`.
 * `measure()` is called as the window opens and returns what to call as it closes. A loop that fails (a refusal, the
 * deadline) ends the measurement at once instead of after the window.
 */
export async function runWriteLoad<T>(
  clients: readonly HubClient[],
  options: { warmUpMs: number; windowMs: number; deadline: Deadline; measure: () => () => T },
): Promise<WriteLoad<T>> {
  const { warmUpMs, windowMs, deadline } = options;
  const incidents = await Promise.all(clients.map((c) => declareBenchIncident(c)));
  const firstSeq = Math.max(...(await Promise.all(clients.map((c, i) => tried(c, incidents[i] ?? '')))));
  let counting = false;
  let stopped = false;
  let counted = 0;
  const latencies: number[] = [];
  const loops = clients.map(async (client, i) => {
    const incidentId = incidents[i] ?? '';
    while (!stopped && counted < MAX_COMMANDS) {
      deadline.check();
      const start = nowMs();
      const inWindow = counting;
      await tried(client, incidentId);
      if (inWindow && counting) {
        counted += 1;
        latencies.push(nowMs() - start);
      }
    }
  });
  const finished = Promise.all(loops);
  const failedEarly = finished.then(() => undefined);
  await Promise.race([sleep(warmUpMs), failedEarly]);
  const measureEnd = options.measure();
  const windowStart = nowMs();
  counting = true;
  await Promise.race([sleep(windowMs), failedEarly]);
  counting = false;
  const elapsedMs = nowMs() - windowStart;
  const measured = measureEnd();
  stopped = true;
  await deadline.bound(finished, 60_000, 'the clients finishing their last command');
  return { counted, elapsedMs, latencies, firstSeq, measured };
}

function tried(client: HubClient, incidentId: string): Promise<number> {
  return client.accepted({
    type: 'tried.add',
    incidentId,
    payload: {
      entryId: randomUUID(),
      what: 'Rolled back the deploy of the payment gateway client',
      hypothesis: 'the new timeout',
    },
  });
}
