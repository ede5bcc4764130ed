import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { connectHubClient } from './bench-client.js';
import type { BenchOptions, BenchOutcome } from './bench-result.js';
import { Deadline } from './deadline.js';
import { startBenchHub } from './hub-under-test.js';
import { uiBenchPlan } from './ui-measure.js';
import { launchChromium } from '../e2e/support/chromium.js';
import { takeDeliveries } from './ui-desktop-host.js';
import type { Delivery } from './ui-desktop-preload.js';
import { firstLoad, shellLoad } from './ui-first-load.js';
import { HOST_KINDS, openApp, type HostKind, type HubLogin } from './ui-hosts.js';
import { applyLiveEvent } from './ui-live.js';
import { uiOutcome } from './ui-outcome.js';
import { backToBoard, coldLoad, openFromBoard, scrollThroughRoom } from './ui-page.js';
import { busiestStretch, profilePage, wholeProfile } from './ui-profile.js';
import { seedIncident } from './ui-seed-incident.js';
import { RendererSourceMaps } from './ui-source-map.js';
import { newSubject, type Subject } from './ui-subject.js';

/** No single page step (a wait for the room, a scroll pass) may take longer than this, deadline or not. */
const STEP_TIMEOUT_MS = 90_000;
/** Profiled runs are extra: they are left out when less than this is left of the benchmark's time. */
const PROFILE_RESERVE_MS = 90_000;

export const TITLE = 'Checkout latency after the datacenter move';
const USERS = [
  { name: 'bench', role: 'responder' },
  { name: 'seeder', role: 'responder' },
] as const;

/** The built renderer's scripts and maps, beside this file's build (dist/bench/bench → dist/renderer/assets). */
const ASSETS = new URL('../../renderer/assets', import.meta.url);

/**
 * Benchmark 6: the incident room in Chromium with 10,000 attempts and timeline entries (2,000 with --quick), against
 * the same room with 10 (the baseline), in the same browser and run, on both hosts of the renderer: the web client
 * (the page runs the sync engine) and the desktop app (the engine in main, here in this process, the page fed
 * through the preload's API: ui-desktop-host.ts). Each incident lives on its own hub, so the baseline's app carries
 * no trace of the long incident.
 */
export async function runUiBench(options: BenchOptions): Promise<BenchOutcome> {
  const plan = uiBenchPlan(options.quick);
  const loadAtStart = loadavg()[0] ?? 0;
  const deadline = new Deadline(options.deadlineMs, 'ui');
  const stepTimeout = () => Math.max(1, Math.min(STEP_TIMEOUT_MS, deadline.remaining()));
  const subjects: Subject[] = [];
  let browser: Browser | null = null;
  try {
    for (const entries of [plan.baselineEntries, plan.entries]) {
      const hub = await raceOwned(deadline, 'starting a hub', startBenchHub(USERS), (late) => late.dispose());
      subjects.push(newSubject(entries, hub));
    }
    for (const subject of subjects) {
      subject.seedMs = await bounded(
        deadline,
        `seeding ${subject.entries} attempts`,
        seedIncident(subject.hub.url, subject.hub.token('seeder'), {
          id: subject.incidentId,
          title: TITLE,
          entries: subject.entries,
        }),
      );
      subject.other = await bounded(
        deadline,
        'connecting the other person',
        connectHubClient(subject.hub.url, subject.hub.token('seeder')),
      );
    }
    const login = (subject: Subject): HubLogin => ({ url: subject.hub.url, token: subject.hub.token('bench') });

    const launched = await raceOwned(deadline, 'launching Chromium', launchChromium(), (late) => late.close());
    browser = launched;

    // First loads (sign-in with the incident on the hub), cache disabled; in turns, baseline first in each round.
    for (let round = 0; round < plan.firstLoads; round++) {
      const long = subjects[1] as Subject;
      long.shells.push(
        await bounded(deadline, 'loading the page shell', shellLoad(launched, long.hub.url, stepTimeout())),
      );
      for (const kind of HOST_KINDS)
        for (const subject of subjects)
          subject.by[kind].firstLoads.push(
            await bounded(
              deadline,
              `first load (${kind}) with ${subject.entries} attempts`,
              firstLoad(kind, launched, login(subject), TITLE, stepTimeout()),
            ),
          );
    }

    for (const kind of HOST_KINDS)
      for (const subject of subjects)
        subject.sessions.set(
          kind,
          await bounded(
            deadline,
            `signing in (${kind})`,
            openApp(kind, launched, login(subject), TITLE, stepTimeout()),
          ),
        );

    // Hosts and incidents in turns, so that neither always runs on a warmer browser or a quieter machine.
    for (let round = 0; round < plan.repetitions; round++)
      for (const kind of HOST_KINDS)
        for (const subject of subjects)
          await runRound(deadline, subject, kind, round < plan.scrollPasses, plan.scrollSteps, stepTimeout);

    const maps = new RendererSourceMaps(ASSETS.pathname);
    const long = subjects[1] as Subject;
    if (deadline.remaining() > PROFILE_RESERVE_MS)
      for (const kind of HOST_KINDS) await profileLong(deadline, long, kind, launched, login(long), maps, stepTimeout);

    // Cold loads of the incident's address in new tabs of the web client's signed-in contexts (the running app's
    // tab closed first, so that one client of each person is connected, as in the opens above).
    for (const subject of subjects) for (const session of subject.sessions.values()) await closePage(session);
    for (let round = 0; round < plan.repetitions; round++)
      for (const subject of subjects) {
        const context = subject.sessions.get('web')?.context as BrowserContext;
        const loaded = await bounded(
          deadline,
          `loading the address of the incident with ${subject.entries} attempts`,
          coldLoad(context, subject.hub.url, subject.incidentId, stepTimeout()),
        );
        subject.colds.push(loaded.firstRenderMs);
        subject.coldInDom.push(loaded.inDomMs);
        subject.coldTried.push(loaded.triedMs);
      }

    const load = { start: loadAtStart, end: loadavg()[0] ?? 0 };
    return uiOutcome(options, plan, load, subjects[0] as Subject, long, maps);
  } finally {
    for (const subject of subjects) {
      subject.other?.close();
      for (const session of subject.sessions.values()) await session.close().catch(() => undefined);
    }
    await browser?.close().catch(() => undefined);
    await Promise.all(subjects.map((subject) => subject.hub.dispose().catch(() => undefined)));
  }
}

/** One round on one host and incident: open from the board, maybe scroll, a live attempt, back to the board. */
async function runRound(
  deadline: Deadline,
  subject: Subject,
  kind: HostKind,
  scroll: boolean,
  scrollSteps: number,
  stepTimeout: () => number,
): Promise<void> {
  const page = subject.sessions.get(kind)?.page as Page;
  const figures = subject.by[kind];
  const what = `the incident with ${subject.entries} attempts (${kind})`;
  const deliveries = async (into: Delivery[]) => {
    if (kind === 'desktop') into.push(...(await takeDeliveries(page)));
  };
  await deliveries([]);
  const opened = await bounded(
    deadline,
    `opening ${what}`,
    openFromBoard(page, TITLE, subject.incidentId, stepTimeout()),
  );
  figures.opens.push(opened.firstRenderMs);
  figures.openInDom.push(opened.inDomMs);
  figures.openTried.push(opened.triedMs);
  figures.openLongTasks.push(...opened.longTasks);
  figures.openFrames.push(opened.longestLongFrame);
  await deliveries(figures.deliveries.open);
  if (scroll) figures.scrolls.push(await bounded(deadline, `scrolling ${what}`, scrollThroughRoom(page, scrollSteps)));
  await deliveries([]);
  const other = subject.other;
  if (!other) throw new Error('the other person is not connected');
  const live = await bounded(
    deadline,
    `a live attempt in ${what}`,
    applyLiveEvent(page, other, subject.incidentId, subject.entries + subject.liveAdded++, stepTimeout()),
  );
  figures.lives.push(live.appliedMs);
  figures.liveLongTasks.push(...live.longTasks);
  figures.liveFrames.push(live.longestLongFrame);
  await deliveries(figures.deliveries.live);
  await bounded(deadline, 'going back to the board', backToBoard(page, TITLE));
}

/** Extra runs of the long incident under the CPU profiler (a first load, an open), for where their time goes. */
async function profileLong(
  deadline: Deadline,
  subject: Subject,
  kind: HostKind,
  browser: Browser,
  login: HubLogin,
  maps: RendererSourceMaps,
  stepTimeout: () => number,
): Promise<void> {
  const loaded = await bounded(
    deadline,
    `profiling a first load (${kind})`,
    firstLoad(kind, browser, login, TITLE, stepTimeout(), { profile: true }),
  );
  const profiles = subject.by[kind].profiles;
  profiles.firstLoad = loaded.profile ? busiestStretch(loaded.profile, maps) : null;
  profiles.firstLoadWhole = loaded.profile ? wholeProfile(loaded.profile, maps) : null;
  const page = subject.sessions.get(kind)?.page as Page;
  const stop = await profilePage(page);
  await bounded(deadline, `profiling an open (${kind})`, openFromBoard(page, TITLE, subject.incidentId, stepTimeout()));
  const profile = await stop();
  profiles.open = busiestStretch(profile, maps);
  profiles.openWhole = wholeProfile(profile, maps);
  await bounded(deadline, 'going back to the board', backToBoard(page, TITLE));
}

async function closePage(session: { page: Page | null }): Promise<void> {
  await session.page?.close();
  session.page = null;
}

/** `work`, or a DeadlineError naming `stage` once the benchmark's time is up (the work is left to the cleanup). */
function bounded<T>(deadline: Deadline, stage: string, work: Promise<T>): Promise<T> {
  return deadline.bound(work, deadline.remaining(), stage);
}

/**
 * bounded() for work that yields something to clean up (a hub process, a browser): if it arrives after the
 * deadline, it is released as soon as it does rather than left running.
 */
async function raceOwned<T>(
  deadline: Deadline,
  stage: string,
  work: Promise<T>,
  release: (late: T) => Promise<void>,
): Promise<T> {
  try {
    return await bounded(deadline, stage, work);
  } catch (error) {
    work.then(release).catch(() => undefined);
    throw error;
  }
}

/** `node dist/bench/bench/ui-bench.js [--quick] [--deadline-ms N]`: runs this benchmark alone, prints its outcome. */
async function main(args: readonly string[]): Promise<void> {
  const at = args.indexOf('--deadline-ms');
  const deadlineMs = at >= 0 ? Number(args[at + 1]) : 600_000;
  if (!Number.isInteger(deadlineMs) || deadlineMs <= 0) throw new Error('--deadline-ms needs a positive integer');
  const result = await runUiBench({ quick: args.includes('--quick'), clients: 0, deadlineMs });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href)
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
