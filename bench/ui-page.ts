import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import {
  installBenchHooks,
  type LongFrame,
  type PageGlobals,
  type Recording,
  type RoomShown,
} from './ui-page-hooks.js';

/** The window every measurement runs in (as the e2e tests). */
export const VIEWPORT = { width: 1200, height: 800 } as const;

/*
 * The callbacks given to evaluate below run in the page, serialized: they reach the hooks through globalThis and may
 * not call anything of this module.
 */

/**
 * One person's browser on one hub: a context of its own (its own localStorage) with the benchmark's hooks, signed in
 * with the hub's sign-in link and showing the board with `boardTitle` on it.
 */
export async function signedInContext(
  browser: Browser,
  hubUrl: string,
  token: string,
  boardTitle: string,
  timeoutMs: number,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: VIEWPORT, colorScheme: 'dark' });
  await context.addInitScript(installBenchHooks, { boardTitle });
  const page = await context.newPage();
  page.setDefaultTimeout(timeoutMs);
  await page.goto(`${hubUrl}/#token=${encodeURIComponent(token)}`);
  await page.locator('[data-testid="connection-banner"][data-connection="online"]').waitFor();
  await boardButton(page, boardTitle).waitFor();
  return { context, page };
}

export function boardButton(page: Page, title: string): Locator {
  return page.locator('.app[data-screen="board"]').getByRole('button', { name: title, exact: true });
}

/** Lets the page go quiet (two frames, then an idle moment) so one measurement does not pay for the last. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const g = globalThis as unknown as PageGlobals;
    const idle = globalThis as unknown as {
      requestIdleCallback(callback: () => void, options: { timeout: number }): number;
    };
    await new Promise<void>((resolve) => g.requestAnimationFrame(() => g.requestAnimationFrame(() => resolve())));
    await new Promise<void>((resolve) => idle.requestIdleCallback(() => resolve(), { timeout: 1_000 }));
    await new Promise<void>((resolve) => g.setTimeout(resolve, 200));
  });
}

export interface OpenMeasurement {
  /** From the click on the board's row to the frame with the room's first rows (RoomShown.paintedAt). */
  readonly firstRenderMs: number;
  /** From the click until those rows were in the document. */
  readonly inDomMs: number;
  /** From the click until the heading and the tried log's first row were (the timeline maybe still loading). */
  readonly triedMs: number;
  /** Long tasks (50 ms or more) between the click and that frame. */
  readonly longTasks: readonly number[];
  /** Chromium's account of the longest animation frame meanwhile, with its scripts' sources. */
  readonly longestLongFrame: LongFrame | null;
}

/**
 * Opens the incident from the board, as a person clicks its title, timing it with the page's own clock from just
 * before the click to the frame showing the room's first rows. The room stays open.
 */
export async function openFromBoard(
  page: Page,
  title: string,
  incidentId: string,
  timeoutMs: number,
): Promise<OpenMeasurement> {
  await settle(page);
  return boardButton(page, title).evaluate(
    async (button, args) => {
      const g = globalThis as unknown as PageGlobals;
      const bench = g.__uiBench;
      if (!bench) throw new Error('the benchmark hooks are not installed in this page');
      bench.startRecording();
      const clickedAt = g.performance.now();
      const shown = bench.waitForRoom(args.incidentId, args.timeoutMs);
      (button as unknown as { click(): void }).click();
      const { triedAt, inDomAt, paintedAt } = await shown;
      const { longTasks, longestLongFrame } = await bench.stopRecording();
      return {
        firstRenderMs: paintedAt - clickedAt,
        inDomMs: inDomAt - clickedAt,
        triedMs: triedAt - clickedAt,
        longTasks,
        longestLongFrame,
      };
    },
    { incidentId, timeoutMs },
  );
}

/** Leaves the room for the board (which forgets the room's timeline, so the next open loads it again). */
export async function backToBoard(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: 'Back to board' }).click();
  await boardButton(page, title).waitFor();
}

/** From the navigation's start (the page's time origin) to the frame showing the room's first rows. */
export interface ColdMeasurement {
  readonly firstRenderMs: number;
  readonly inDomMs: number;
  readonly triedMs: number;
}

/**
 * Loads the incident's address in a new tab of a signed-in context (its token in localStorage, the page shell maybe
 * in the service worker's cache, as for a person who opens a link to it), timed from the navigation's start.
 */
export async function coldLoad(
  context: BrowserContext,
  hubUrl: string,
  incidentId: string,
  timeoutMs: number,
): Promise<ColdMeasurement> {
  const page = await context.newPage();
  try {
    page.setDefaultTimeout(timeoutMs);
    await page.goto(`${hubUrl}/#/incident/${incidentId}`, { waitUntil: 'commit' });
    const shown: RoomShown = await page.evaluate(async () => {
      const pending = (globalThis as unknown as PageGlobals).__uiBench?.coldLoad;
      if (!pending) throw new Error('the page did not open on an incident address');
      return pending;
    });
    return { firstRenderMs: shown.paintedAt, inDomMs: shown.inDomAt, triedMs: shown.triedAt };
  } finally {
    await page.close();
  }
}

export interface ScrollMeasurement extends Recording {
  /** Whether the last row of each list was rendered at the end of its pass (the pass went through it all). */
  readonly reachedEnd: { readonly tried: boolean; readonly timeline: boolean };
  readonly rows: { readonly tried: number; readonly timeline: number };
}

/**
 * With the incident's room open: scrolls the tried log, then the timeline, from top to bottom in `steps` equal steps
 * (each to a fraction of the current scroll height, as rows measure themselves) two animation frames apart, then to
 * the middle and back to the top, recording long tasks and frame intervals throughout.
 */
export async function scrollThroughRoom(page: Page, steps: number): Promise<ScrollMeasurement> {
  const tried = page.getByRole('group', { name: "What we've tried (scrolls)", exact: true });
  const timeline = page.getByRole('group', { name: 'Timeline (scrolls)', exact: true });
  await page.locator('section.timeline[data-status="ready"]').waitFor();
  await settle(page);
  await page.evaluate(() => (globalThis as unknown as PageGlobals).__uiBench?.startRecording());
  const triedPass = await tried.evaluate(scrollBox, steps);
  const timelinePass = await timeline.evaluate(scrollBox, steps);
  const recording = await page.evaluate(async () => {
    const bench = (globalThis as unknown as PageGlobals).__uiBench;
    if (!bench) throw new Error('the benchmark hooks are not installed in this page');
    return bench.stopRecording();
  });
  return {
    ...recording,
    reachedEnd: { tried: triedPass.reachedEnd, timeline: timelinePass.reachedEnd },
    rows: { tried: triedPass.rows, timeline: timelinePass.rows },
  };
}

/** Runs in the page on a virtual list's scroll box. Self-contained: serialized by evaluate. */
async function scrollBox(element: unknown, steps: number): Promise<{ reachedEnd: boolean; rows: number }> {
  interface ListItem {
    getAttribute(name: string): string | null;
  }
  const box = element as {
    scrollTop: number;
    readonly scrollHeight: number;
    readonly clientHeight: number;
    querySelectorAll(selector: string): ArrayLike<ListItem>;
  };
  const g = globalThis as unknown as { requestAnimationFrame(callback: () => void): number };
  const frame = () => new Promise<void>((resolve) => g.requestAnimationFrame(() => resolve()));
  const twoFrames = async () => {
    await frame();
    await frame();
  };
  const bottom = () => Math.max(0, box.scrollHeight - box.clientHeight);
  for (let i = 1; i <= steps; i++) {
    box.scrollTop = (bottom() * i) / steps;
    await twoFrames();
  }
  // Measured rows change the height: land on the true end before checking that the last row is there.
  box.scrollTop = bottom();
  await twoFrames();
  const items = Array.from(box.querySelectorAll('li[aria-posinset]'));
  const rows = Number(items[0]?.getAttribute('aria-setsize') ?? 0);
  const reachedEnd = items.some((item) => Number(item.getAttribute('aria-posinset')) === rows);
  box.scrollTop = bottom() / 2;
  await twoFrames();
  box.scrollTop = 0;
  await twoFrames();
  return { reachedEnd, rows };
}
