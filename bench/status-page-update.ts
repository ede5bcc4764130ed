import { randomUUID } from 'node:crypto';
import type { HubClient } from './bench-client.js';
import { nowMs, sleep } from './clock.js';
import type { Deadline } from './deadline.js';
import { KeepAliveConnection, requestBytes } from './http-load.js';

/** One external update, timed: send to ack, and send and ack to the first answer carrying the page's new ETag. */
export interface UpdateSample {
  readonly ack: number;
  readonly fromSend: number;
  readonly fromAck: number;
}

export interface UpdateToEtag {
  readonly samples: readonly UpdateSample[];
  /** Conditional GETs sent in all. */
  readonly polls: number;
  /** Samples whose first poll after the ack already had the new ETag (the page was rebuilt before the ack came). */
  readonly readyAtAck: number;
}

export interface UpdateToEtagOptions {
  readonly hubUrl: URL;
  /** The Communication Lead of every incident in `incidents`: the publish policy lets only them post externally. */
  readonly comms: HubClient;
  readonly incidents: readonly string[];
  readonly samples: number;
  readonly deadline: Deadline;
  readonly headers: Readonly<Record<string, string>>;
}

/** Past this, a sample has failed: the page did not change after an accepted external update. */
const SAMPLE_TIMEOUT_MS = 10_000;
/** A pause between two samples, as the other benchmarks take them. */
const PAUSE_MS = 20;

/**
 * `samples` times: the Communication Lead posts an external update (round robin over the incidents); from its ack, a
 * reader on one keep-alive connection asks `GET /status` with If-None-Match and the ETag it last saw, again at once
 * after every 304, until an answer carries a new ETag. Polling starts at the ack, not at the send: a reader cannot
 * know of an update before it is durable, and polling during the command would take the hub's CPU from it. The
 * figure is therefore "the first answer to a request sent after the ack", at least one round trip.
 */
export async function measureUpdateToEtag(options: UpdateToEtagOptions): Promise<UpdateToEtag> {
  const { hubUrl, comms, incidents, samples, deadline, headers } = options;
  const connection = await KeepAliveConnection.open(hubUrl);
  try {
    const first = await connection.send(requestBytes('GET', hubUrl, '/status', headers));
    if (first.status !== 200 || first.etag === null)
      throw new Error(`GET /status answered ${first.status} without an ETag`);
    let etag = first.etag;
    let polls = 0;
    let readyAtAck = 0;
    const taken: UpdateSample[] = [];
    for (let i = 0; i < samples; i++) {
      deadline.check();
      const incidentId = incidents[i % incidents.length];
      if (incidentId === undefined) throw new Error('no incident to post updates to');
      const sentAt = nowMs();
      await comms.accepted({
        type: 'status_update.post',
        incidentId,
        payload: {
          updateId: randomUUID(),
          text: `Benchmark update ${i + 1}: we are still working on the fix and will post again within 30 minutes.`,
          audience: 'external',
        },
      });
      const ackAt = nowMs();
      const conditional = requestBytes('GET', hubUrl, '/status', { ...headers, 'If-None-Match': etag });
      for (let poll = 0; ; poll++) {
        if (nowMs() - ackAt > Math.min(SAMPLE_TIMEOUT_MS, deadline.remaining()))
          throw new Error(`sample ${i + 1}: GET /status still had ETag ${etag} ${SAMPLE_TIMEOUT_MS} ms after the ack`);
        const r = await connection.send(conditional);
        polls += 1;
        if (r.status === 304) continue;
        if (r.status !== 200 || r.etag === null || r.etag === etag)
          throw new Error(
            `sample ${i + 1}: GET /status answered ${r.status} with ETag ${String(r.etag)} (was ${etag})`,
          );
        if (poll === 0) readyAtAck += 1;
        taken.push({ ack: ackAt - sentAt, fromSend: r.receivedAt - sentAt, fromAck: r.receivedAt - ackAt });
        etag = r.etag;
        break;
      }
      await sleep(PAUSE_MS);
    }
    return { samples: taken, polls, readyAtAck };
  } finally {
    connection.close();
  }
}

/**
 * `samples` internal status updates to one incident, one after another: each one's time from send to ack. On an
 * incident that is not on the page, the same command with no page to rebuild (the baseline of the figures above);
 * on a published one, what the rebuild an internal update also causes costs it.
 */
export async function internalUpdateAcks(
  client: HubClient,
  incidentId: string,
  samples: number,
  deadline: Deadline,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    deadline.check();
    const sentAt = nowMs();
    await client.accepted({
      type: 'status_update.post',
      incidentId,
      payload: { updateId: randomUUID(), text: `Internal note ${i + 1}: db-7 failover done.`, audience: 'internal' },
    });
    times.push(nowMs() - sentAt);
    await sleep(PAUSE_MS);
  }
  return times;
}
