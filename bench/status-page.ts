import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { connectHubClient } from './bench-client.js';
import type { BenchFigure, BenchOutcome } from './bench-result.js';
import { capturePage } from './captured-page.js';
import { withCleanup } from './cleanup.js';
import { samplesFor, type BenchContext } from './context.js';
import { contextFigure } from './figures.js';
import { closedLoop, openConnections, requestBytes, type LoadResult } from './http-load.js';
import { loadFigures, measureReaders, READER_HEADERS, type ReaderSide } from './status-page-readers.js';
import { startBenchHub } from './hub-under-test.js';
import { startServerProcess } from './server-process.js';
import {
  ACTIVE_INCIDENTS,
  benchPageConfig,
  declareUnpublishedIncident,
  historyLog,
  PAST_INCIDENTS,
  PUBLIC_SERVICES,
  publishActiveIncidents,
  savePageConfig,
  UPDATES_PER_ACTIVE,
} from './status-page-seed.js';
import { internalUpdateAcks, measureUpdateToEtag, type UpdateToEtag } from './status-page-update.js';
import { summarize, warmUpCount, type LatencySummary } from './stats.js';

/** Readers asking for the page in a loop while the second round of updates is timed. */
const LOADED_READERS = 200;

const BARE_SCRIPT = fileURLToPath(new URL('./bare-http-server.js', import.meta.url));

/**
 * 9. Status page: `GET /status` from 1,000 readers at once (each a keep-alive connection with one request in flight,
 * sending the next as soon as the last is answered), then the same with If-None-Match (304s), against the real hub
 * (a page with 8 public services, 3 published incidents with external updates, 90 days of history) beside a bare
 * Node HTTP server serving the same bytes and headers; then the time from a status update (an external one, posted
 * by the Communication Lead) to the page's new ETag.
 */
export async function runStatusPage(context: BenchContext): Promise<BenchOutcome> {
  const { options, deadline, log } = context;
  const readers = options.clients;
  // The bare server answers tens of thousands a second here: 20,000 requests would be half a second of it.
  const maxRequests = options.quick ? 20_000 : 100_000;
  const maxMs = options.quick ? 3_000 : 15_000;
  const warmUp = { maxRequests: Math.ceil(maxRequests / 10), maxMs: Math.ceil(maxMs / 10), deadline };
  const bounds = { maxRequests, maxMs, deadline };
  const updates = samplesFor(context, 200, 50);
  const updatesWarmUp = warmUpCount(updates);
  return withCleanup(async (cleanup) => {
    const now = Date.now();
    const hub = await startBenchHub(
      [
        { name: 'admin', role: 'admin' },
        { name: 'lead', role: 'responder' },
        { name: 'comms', role: 'responder' },
      ],
      context.hubNodeArgs,
      async (store) => {
        await store.events.append({ events: historyLog(now), commands: [] });
      },
    );
    cleanup.add(() => hub.dispose());
    const [admin, lead, comms] = await Promise.all(
      ['admin', 'lead', 'comms'].map((name) => connectHubClient(hub.url, hub.token(name))),
    );
    if (!admin || !lead || !comms) throw new Error('a bench client did not connect');
    cleanup.add(() => [admin, lead, comms].forEach((c) => c.close()));
    await savePageConfig(admin, benchPageConfig(now));
    const incidents = await publishActiveIncidents(lead, comms);

    const hubUrl = new URL(hub.url);
    const pageUrl = `${hub.url}/status`;
    const page = await capturePage(pageUrl, READER_HEADERS);
    if (page.etag === null) throw new Error('GET /status on the hub sent no ETag');
    const dir = mkdtempSync(join(tmpdir(), 'warroom-bench-page-'));
    cleanup.add(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'page.json');
    writeFileSync(file, JSON.stringify(page));
    const bare = await startServerProcess(BARE_SCRIPT, [file], 'bare http on');
    cleanup.add(() => bare.stop());
    const bytes = Buffer.from(page.full.body, 'base64').length;
    log(
      `status-page: the hub's page is ${bytes} bytes (${page.full.headers['content-encoding'] ?? 'identity'}), ETag ${page.etag}`,
    );

    const sides = { readers, etag: page.etag, warmUp, bounds, deadline, log };
    const base = await measureReaders('bare server', bare, sides);
    const measured = await measureReaders('hub', hub, sides);
    for (const [name, result, status] of [
      ['hub GET', measured.full, 200],
      ['hub If-None-Match', measured.conditional, 304],
      ['bare GET', base.full, 200],
      ['bare If-None-Match', base.conditional, 304],
    ] as const) {
      const other = Object.entries(result.statuses).filter(([code]) => Number(code) !== status);
      if (other.length > 0)
        throw new Error(`${name}: answers other than ${status}: ${JSON.stringify(result.statuses)}`);
    }
    if (measured.full.lastBodyBytes !== bytes)
      throw new Error(`the hub's page changed size during the run (${bytes} → ${measured.full.lastBodyBytes} bytes)`);

    const ackSamples = Math.ceil(updates / 2);
    log(
      `status-page: ${ackSamples + updatesWarmUp} internal updates to an unpublished incident, then to a published one`,
    );
    const unpublished = await declareUnpublishedIncident(lead);
    const internalAcks = (incidentId: string) =>
      internalUpdateAcks(comms, incidentId, ackSamples + updatesWarmUp, deadline).then((times) =>
        summarize(times.slice(updatesWarmUp)),
      );
    const ackUnpublished = await internalAcks(unpublished);
    const published = incidents[0];
    if (published === undefined) throw new Error('no published incident');
    const ackPublished = await internalAcks(published);

    log(`status-page: ${updates + updatesWarmUp} external updates, each until GET /status serves the new ETag`);
    const toEtag = await measureUpdateToEtag({
      hubUrl,
      comms,
      incidents,
      samples: updates + updatesWarmUp,
      deadline,
      headers: READER_HEADERS,
    });
    const fromSend = summarize(toEtag.samples.slice(updatesWarmUp).map((s) => s.fromSend));
    const fromAck = summarize(toEtag.samples.slice(updatesWarmUp).map((s) => s.fromAck));
    const ack = summarize(toEtag.samples.slice(updatesWarmUp).map((s) => s.ack));

    const loadedReaders = Math.min(LOADED_READERS, readers);
    const loadedSamples = Math.ceil(updates / 2);
    log(
      `status-page: ${loadedSamples + updatesWarmUp} more updates while ${loadedReaders} readers GET /status in a loop`,
    );
    const background = await openConnections(hubUrl, loadedReaders, deadline);
    cleanup.add(() => background.forEach((c) => c.close()));
    let measuring = true;
    const readersLoad = closedLoop(background, requestBytes('GET', hubUrl, '/status', READER_HEADERS), {
      maxRequests: Number.MAX_SAFE_INTEGER,
      maxMs: deadline.remaining(),
      deadline,
      stopped: () => !measuring,
    });
    // Awaited after the samples; until then a failed reader must not end the run as an unhandled rejection.
    readersLoad.catch(() => undefined);
    const loadedEtag = await measureUpdateToEtag({
      hubUrl,
      comms,
      incidents,
      samples: loadedSamples + updatesWarmUp,
      deadline,
      headers: READER_HEADERS,
    }).finally(() => {
      measuring = false;
    });
    const loadedReads = await readersLoad;
    const loadedFromAck = summarize(loadedEtag.samples.slice(updatesWarmUp).map((s) => s.fromAck));
    const after = await capturePage(pageUrl, READER_HEADERS);

    return {
      id: 'status-page',
      title: '9. Status page',
      settings: {
        readers,
        maxRequests,
        maxMs,
        warmUpRequests: warmUp.maxRequests,
        services: PUBLIC_SERVICES.length,
        activeIncidents: ACTIVE_INCIDENTS,
        externalUpdatesEach: UPDATES_PER_ACTIVE,
        pastIncidents: PAST_INCIDENTS,
        pageBytes: bytes,
        updateSamples: updates,
        updateWarmUp: updatesWarmUp,
        loadedReaders,
        loadedUpdateSamples: loadedSamples,
        internalAckSamples: ackSamples,
      },
      figures: [
        ...loadFigures('GET /status', measured.full, base.full),
        ...loadFigures('GET /status If-None-Match (304)', measured.conditional, base.conditional),
        ...etagFigures(fromAck, fromSend, ackUnpublished),
        ...(['p50', 'p99'] as const).map((p) =>
          contextFigure({
            name: `status-page update ack to new ETag ${p}, ${loadedReaders} readers`,
            unit: 'ms',
            value: loadedFromAck[p],
            baseline: fromAck[p],
            baselineName: 'the same with no other readers',
            better: 'lower',
          }),
        ),
      ],
      notes: [
        ...notes(
          page.full.headers,
          bytes,
          gzipSync(Buffer.from(page.full.body, 'base64')).length,
          measured,
          base,
          toEtag,
          Buffer.from(after.full.body, 'base64').length,
        ),
        `acks (p50 / p99): the external updates ${ms(ack)}; an internal update to an incident not on the page ${ms(ackUnpublished)}, to a published one (which rebuilds the page too) ${ms(ackPublished)}`,
        `with ${loadedReaders} readers: ${loadedReads.answered} GETs answered in ${(loadedReads.elapsedMs / 1000).toFixed(1)} s beside ${loadedEtag.samples.length} updates (ack p50 ${summarize(loadedEtag.samples.map((s) => s.ack)).p50.toFixed(1)} ms), statuses ${JSON.stringify(loadedReads.statuses)}`,
      ],
    };
  });
}

function etagFigures(fromAck: LatencySummary, fromSend: LatencySummary, noRebuild: LatencySummary): BenchFigure[] {
  const baselineName = 'the ack of an internal update to an incident not on the page (no rebuild)';
  return (['p50', 'p99'] as const).flatMap((p) => [
    contextFigure({
      name: `status-page update ack to new ETag ${p}`,
      unit: 'ms',
      value: fromAck[p],
      baseline: null,
      baselineName: null,
      better: 'lower',
    }),
    contextFigure({
      name: `status-page update sent to new ETag ${p}`,
      unit: 'ms',
      value: fromSend[p],
      baseline: noRebuild[p],
      baselineName,
      better: 'lower',
    }),
  ]);
}

function ms(s: LatencySummary): string {
  return `${s.p50.toFixed(1)} / ${s.p99.toFixed(1)} ms`;
}

function pct(share: number | null): string {
  return share === null ? '?' : `${Math.round(share * 100)}%`;
}

function notes(
  headers: Readonly<Record<string, string>>,
  bytes: number,
  gzipped: number,
  hub: ReaderSide,
  bare: ReaderSide,
  toEtag: UpdateToEtag,
  bytesAfter: number,
): string[] {
  const count = (r: LoadResult) => `${r.answered} in ${(r.elapsedMs / 1000).toFixed(1)} s`;
  return [
    `the page: ${bytes} bytes (Content-Encoding ${headers['content-encoding'] ?? 'none'}; ${gzipped} gzipped, for comparison; Cache-Control "${headers['cache-control'] ?? ''}"), ${PUBLIC_SERVICES.length} services, ${ACTIVE_INCIDENTS} active incidents with ${UPDATES_PER_ACTIVE} external updates each, ${PAST_INCIDENTS} past incidents in 90 days of history`,
    `answered: hub ${count(hub.full)} (GET), ${count(hub.conditional)} (304); bare ${count(bare.full)}, ${count(bare.conditional)}`,
    `CPU over both windows, share of one core: hub ${pct(hub.serverCpu)}, its readers ${pct(hub.runnerCpu)}; bare server ${pct(bare.serverCpu)}, its readers ${pct(bare.runnerCpu)} (2 cores: the readers and the server share the machine)`,
    `update to new ETag: ${toEtag.polls} conditional GETs polled; the new ETag was already served at the first poll after the ack in ${toEtag.readyAtAck} of ${toEtag.samples.length} samples; the page grew to ${bytesAfter} bytes with the updates posted`,
  ];
}
