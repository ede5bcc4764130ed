import type { Page } from 'playwright-core';
import type { HubClient } from './bench-client.js';
import { settle } from './ui-page.js';
import type { LongFrame, PageGlobals, Recording } from './ui-page-hooks.js';
import { seededAttempt } from './ui-seed-incident.js';

/** One live event applied in the open room: another person's attempt, from the hub to the frame showing it. */
export interface LiveMeasurement {
  /** From just before the other person's client sent the command to the frame with both lists one row longer. */
  readonly appliedMs: number;
  readonly longTasks: readonly number[];
  readonly longestLongFrame: LongFrame | null;
}

/** The page's clock as wall time (performance.timeOrigin + now): comparable with Date.now() in this process. */
interface LiveWaiter {
  __uiLive?: Promise<{ paintedWallMs: number }>;
}

/**
 * With the room open: another person (`other`, a client of the same hub) adds an attempt, which is also a timeline
 * event; timed with the wall clock (this process and the page share it) from just before the send to the frame in
 * which the tried log and the timeline both count one more row (their aria-setsize), long tasks recorded meanwhile.
 * The hub's round trip is in it for both hosts alike; the baseline incident's figure shows its size.
 */
export async function applyLiveEvent(
  page: Page,
  other: HubClient,
  incidentId: string,
  n: number,
  timeoutMs: number,
): Promise<LiveMeasurement> {
  await settle(page);
  await page.evaluate(armLiveWaiter, timeoutMs);
  const sentAt = Date.now();
  const acked = other.accepted(seededAttempt(incidentId, n));
  const { paintedWallMs, recording } = await page.evaluate(async () => {
    const g = globalThis as unknown as PageGlobals & LiveWaiter;
    const pending = g.__uiLive;
    if (!pending || !g.__uiBench) throw new Error('the live waiter is not armed');
    const shown = await pending;
    const recorded: Recording = await g.__uiBench.stopRecording();
    return { paintedWallMs: shown.paintedWallMs, recording: recorded };
  });
  await acked;
  return {
    appliedMs: paintedWallMs - sentAt,
    longTasks: recording.longTasks,
    longestLongFrame: recording.longestLongFrame,
  };
}

/** Runs in the page: starts recording and waits for both lists to grow by one. Self-contained: serialized. */
function armLiveWaiter(timeoutMs: number): void {
  interface Node {
    querySelector(selector: string): Node | null;
    getAttribute(name: string): string | null;
  }
  const g = globalThis as unknown as PageGlobals & LiveWaiter & { performance: { timeOrigin: number } };
  const doc = g.document as unknown as Node;
  const rows = (label: string): number =>
    Number(
      doc
        .querySelector(`[role="group"][aria-label="${label} (scrolls)"] li[aria-setsize]`)
        ?.getAttribute('aria-setsize') ?? -1,
    );
  const tried = rows("What we've tried");
  const timeline = rows('Timeline');
  if (tried < 0 || timeline < 0) throw new Error('the room with both lists is not open');
  g.__uiBench?.startRecording();
  g.__uiLive = new Promise((resolve, reject) => {
    const look = (): void => {
      if (rows("What we've tried") <= tried || rows('Timeline') <= timeline) return;
      observer.disconnect();
      g.clearTimeout(timer);
      // The frame that shows them, then a task after it: as for a first render (ui-page-hooks.ts).
      g.requestAnimationFrame(() => {
        const channel = new g.MessageChannel();
        channel.port1.onmessage = () => resolve({ paintedWallMs: g.performance.timeOrigin + g.performance.now() });
        channel.port2.postMessage(null);
      });
    };
    const observer = new g.MutationObserver(look);
    const timer = g.setTimeout(() => {
      observer.disconnect();
      reject(new Error(`the live attempt did not show within ${timeoutMs} ms`));
    }, timeoutMs);
    observer.observe(g.document, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['aria-setsize'],
    });
  });
  g.__uiLive.catch(() => undefined);
}
