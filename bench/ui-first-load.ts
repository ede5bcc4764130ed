import type { Browser, CDPSession } from 'playwright-core';
import { takeDeliveries } from './ui-desktop-host.js';
import type { Delivery } from './ui-desktop-preload.js';
import { hostContext, startUrl, type HostKind, type HubLogin } from './ui-hosts.js';
import type { LoadShown, LongFrame, PageGlobals } from './ui-page-hooks.js';
import { startProfiling, type CpuProfile } from './ui-profile.js';

/** JavaScript the page fetched, in bytes on the wire (headers included, as Chromium counts encodedDataLength). */
export interface ScriptBytes {
  /** Scripts the HTML asks for itself (its module entry and module preloads): the entry chunk(s). */
  readonly entry: number;
  /** All scripts requested before the board's row was in the document. */
  readonly beforeBoard: number;
  /** All scripts requested by the end (a second after the board's frame). */
  readonly total: number;
  readonly files: number;
  /** Each script: its file name, bytes on the wire, who asked for it, and ms from navigation start to its request. */
  readonly list: readonly { file: string; bytes: number; initiator: string; requestedAtMs: number }[];
}

/** A first load: a new window signing in, from navigation start to the board's frame. */
export interface FirstLoadMeasurement {
  readonly boardMs: number;
  readonly boardInDomMs: number;
  /** Navigation start to the end of the load event (HTML, CSS and the entry script fetched and run). */
  readonly loadEventMs: number;
  readonly longTasks: readonly { readonly startTime: number; readonly duration: number }[];
  readonly longestLongFrame: LongFrame | null;
  readonly scripts: ScriptBytes;
  /** Desktop only: the host events the host sent meanwhile, by name (some before the page listened). */
  readonly sent: Readonly<Record<string, number>>;
  /** Desktop only: the messages the page received and their cost there. */
  readonly deliveries: readonly Delivery[];
  /** The CPU profile of the whole load, when asked for (its timings are then not comparable). */
  readonly profile: CpuProfile | null;
}

interface ScriptRequest {
  readonly file: string;
  /** The DevTools protocol's initiator type: "parser" (the HTML), "script" (an import), "other". */
  readonly initiator: string;
  readonly parser: boolean;
  readonly wallMs: number;
  bytes: number;
}

/** Counts the scripts a page fetches through the DevTools protocol, with the browser's cache disabled. */
async function watchScripts(cdp: CDPSession): Promise<Map<string, ScriptRequest>> {
  const scripts = new Map<string, ScriptRequest>();
  cdp.on('Network.requestWillBeSent', (event) => {
    if (event.type !== 'Script') return;
    scripts.set(event.requestId, {
      file: event.request.url.slice(event.request.url.lastIndexOf('/') + 1),
      initiator: event.initiator.type,
      parser: event.initiator.type === 'parser',
      wallMs: event.wallTime * 1000,
      bytes: 0,
    });
  });
  cdp.on('Network.loadingFinished', (event) => {
    const script = scripts.get(event.requestId);
    if (script) script.bytes = event.encodedDataLength;
  });
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  return scripts;
}

/**
 * A person's first load with the hub's data present: a new browser context (nothing in localStorage, no service
 * worker, the HTTP cache disabled) opening the sign-in link (web) or the app's window with a freshly started engine
 * (desktop), until the board shows the incident; long tasks from navigation start to a second after that frame.
 */
export async function firstLoad(
  kind: HostKind,
  browser: Browser,
  hub: HubLogin,
  boardTitle: string,
  timeoutMs: number,
  options: { readonly profile?: boolean } = {},
): Promise<FirstLoadMeasurement> {
  const { context, desktop } = await hostContext(kind, browser, hub, boardTitle, { serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(timeoutMs);
    const cdp = await context.newCDPSession(page);
    const scripts = await watchScripts(cdp);
    const stopProfiling = options.profile ? await startProfiling(cdp) : null;
    // The desktop app starts its engine as its window opens: both race, as they do there.
    desktop?.startEngine();
    await page.goto(startUrl(kind, hub), { waitUntil: 'commit' });
    const { shown, timeOrigin, loadEventMs } = await page.evaluate(async () => {
      const g = globalThis as unknown as PageGlobals & {
        performance: { timeOrigin: number; getEntriesByType(type: string): { loadEventEnd: number }[] };
      };
      const pending = g.__uiBench?.firstLoad;
      if (!pending) throw new Error('the page did not open on the board');
      const loaded: LoadShown = await pending;
      const navigation = g.performance.getEntriesByType('navigation')[0];
      return { shown: loaded, timeOrigin: g.performance.timeOrigin, loadEventMs: navigation?.loadEventEnd ?? 0 };
    });
    const profile = stopProfiling ? await stopProfiling() : null;
    const all = [...scripts.values()];
    const sum = (list: readonly ScriptRequest[]) => list.reduce((total, s) => total + s.bytes, 0);
    return {
      boardMs: shown.paintedAt,
      boardInDomMs: shown.boardAt,
      loadEventMs,
      longTasks: shown.longTasks,
      longestLongFrame: shown.longestLongFrame,
      scripts: {
        entry: sum(all.filter((s) => s.parser)),
        beforeBoard: sum(all.filter((s) => s.wallMs < timeOrigin + shown.boardAt)),
        total: sum(all),
        files: all.length,
        list: all.map((s) => ({
          file: s.file,
          bytes: s.bytes,
          initiator: s.initiator,
          requestedAtMs: Math.round(s.wallMs - timeOrigin),
        })),
      },
      sent: Object.fromEntries(desktop?.sent ?? []),
      deliveries: desktop ? await takeDeliveries(page) : [],
      profile,
    };
  } finally {
    await desktop?.stop();
    await context.close();
  }
}

/**
 * The baseline of a cold load: the same hub's page shell (HTML and CSS, every script refused) in the same kind of
 * context, from navigation start to the end of its load event. What a first load takes beyond it is the app.
 */
export async function shellLoad(browser: Browser, hubUrl: string, timeoutMs: number): Promise<number> {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    await context.route(/\.m?js(\?|$)/, (route) => route.abort());
    const page = await context.newPage();
    page.setDefaultTimeout(timeoutMs);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await page.goto(`${hubUrl}/`, { waitUntil: 'load' });
    return await page.evaluate(() => {
      const g = globalThis as unknown as {
        performance: { getEntriesByType(type: string): { loadEventEnd: number }[] };
      };
      return g.performance.getEntriesByType('navigation')[0]?.loadEventEnd ?? 0;
    });
  } finally {
    await context.close();
  }
}
