/**
 * Code that runs inside the benchmarked page (installed with addInitScript before the app's own scripts), and the
 * shapes it answers with. The hub has no DOM lib, so the page's globals are described here as far as they are used.
 * Everything in installBenchHooks is serialized into the page: it may not refer to anything outside itself.
 */

/** What a room's first render took, in ms of the page's clock (performance.now). */
export interface RoomShown {
  /** When the heading and a first row of the tried log were in the document (the timeline maybe still loading). */
  readonly triedAt: number;
  /** When the room's heading and the first rows of both lists were in the document with a layout box. */
  readonly inDomAt: number;
  /** When the frame showing them had been produced: a task queued from the next animation frame's callback. */
  readonly paintedAt: number;
}

/** What a recording (long tasks and animation frames) saw between its start and stop. */
export interface Recording {
  /** Durations of the 'longtask' entries: each a task of 50 ms or more (the browser reports no shorter ones). */
  readonly longTasks: number[];
  /** The longest interval between two animation frames, in ms (about 16.7 at 60 frames a second). */
  readonly longestFrameMs: number;
  readonly frames: number;
  /** Chromium's account of the longest animation frame of 50 ms or more ('long-animation-frame'), or null for none. */
  readonly longestLongFrame: LongFrame | null;
}

/** Where the time of one long animation frame went, in ms. */
export interface LongFrame {
  readonly durationMs: number;
  /** Scripts (event handlers, observers' callbacks, timers) run in it. */
  readonly scriptMs: number;
  /** From the start of style and layout to the end of the frame. */
  readonly styleAndLayoutMs: number;
  /** The scripts' invokers, e.g. "DIV.onscroll", "ResizeObserverCallback", with their ms. */
  readonly scripts: readonly string[];
  /** Where each script's entry point is: mapped to the sources with the bundle's source map in the benchmark. */
  readonly sources: readonly ScriptSource[];
  /** When the frame started, on the page's clock (ms from navigation start). */
  readonly startTime: number;
}

/** One script of a long animation frame, as Chromium attributes it (PerformanceScriptTiming). */
export interface ScriptSource {
  readonly invoker: string;
  readonly durationMs: number;
  readonly sourceURL: string;
  readonly functionName: string;
  /** Offset of the entry point's function in its script, or -1 when unknown. */
  readonly charPosition: number;
}

/** A first load (sign-in): from navigation start to the board's frame, then a second more of whatever follows. */
export interface LoadShown {
  /** The first animation frame in which the board's row of the incident had a layout box (ms from navigation start). */
  readonly boardAt: number;
  /** When the frame showing it had been produced. */
  readonly paintedAt: number;
  /** Long tasks (50 ms or more) from navigation start to a second after that frame: start and duration. */
  readonly longTasks: readonly { readonly startTime: number; readonly duration: number }[];
  /** Chromium's account of the longest animation frame in that time, or null for none of 50 ms or more. */
  readonly longestLongFrame: LongFrame | null;
}

export interface BenchHooks {
  /** Resolves when the incident's room shows its heading and a first row in each list (the timeline loaded). */
  waitForRoom(incidentId: string, timeoutMs: number): Promise<RoomShown>;
  /** Started by itself when the page opens on `#/incident/<id>`: a cold load's first render. */
  readonly coldLoad: Promise<RoomShown> | null;
  /** Started by itself when the page opens on the board (`#token=…` or no fragment): a first load's figures. */
  readonly firstLoad: Promise<LoadShown> | null;
  startRecording(): void;
  stopRecording(): Promise<Recording>;
}

interface PageElement {
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  readonly textContent: string | null;
  getBoundingClientRect(): { readonly height: number };
}

interface PerformanceEntryLike {
  readonly startTime: number;
  readonly duration: number;
}

/** A 'long-animation-frame' entry, as far as it is read. */
interface LongAnimationFrameEntry extends PerformanceEntryLike {
  readonly styleAndLayoutStart: number;
  readonly scripts: readonly {
    readonly invoker: string;
    readonly duration: number;
    readonly sourceURL?: string;
    readonly sourceFunctionName?: string;
    readonly sourceCharPosition?: number;
  }[];
}

export interface PageGlobals {
  document: PageElement;
  location: { hash: string };
  performance: { now(): number };
  requestAnimationFrame(callback: (time: number) => void): number;
  setTimeout(callback: () => void, ms: number): number;
  clearTimeout(id: number): void;
  MutationObserver: new (callback: () => void) => {
    observe(target: unknown, options: Record<string, unknown>): void;
    disconnect(): void;
  };
  MessageChannel: new () => {
    port1: { onmessage: (() => void) | null };
    port2: { postMessage(message: unknown): void };
  };
  PerformanceObserver: new (callback: (list: { getEntries(): PerformanceEntryLike[] }) => void) => {
    observe(options: { type: string; buffered: boolean }): void;
    takeRecords(): PerformanceEntryLike[];
    disconnect(): void;
  };
  __uiBench?: BenchHooks;
}

/** What the hooks need to know of the page under test. */
export interface HookOptions {
  /** The incident title whose row on the board ends a first load. */
  readonly boardTitle: string;
}

/** Installs globalThis.__uiBench in the page. Serialized by addInitScript: self-contained on purpose. */
export function installBenchHooks(options: HookOptions): void {
  const g = globalThis as unknown as PageGlobals;

  const boxed = (element: PageElement): boolean => element.getBoundingClientRect().height > 0;

  /**
   * How far the incident's room is: its heading and a tried row, then a timeline row once the hub's timeline came.
   * Layout boxes are read (which forces a layout) only for elements just found, not on every look.
   */
  const roomProgress = (incidentId: string, triedSeen: boolean): 'none' | 'tried' | 'all' => {
    const room = g.document.querySelector(`article[data-incident-id="${incidentId}"]`);
    if (!room) return 'none';
    if (!triedSeen) {
      const heading = room.querySelector('#incident-title');
      const tried = room.querySelector('ol[aria-label="What we\'ve tried"] > li');
      if (heading === null || tried === null || !boxed(heading) || !boxed(tried)) return 'none';
    }
    const timeline = room.querySelector('section[data-status="ready"] ol[aria-label="Timeline"] > li');
    return timeline !== null && boxed(timeline) ? 'all' : 'tried';
  };

  /** After the animation frame that follows `inDomAt`: the frame with the room is then out of the main thread. */
  const afterNextFrame = (triedAt: number, inDomAt: number, resolve: (shown: RoomShown) => void): void => {
    g.requestAnimationFrame(() => {
      const channel = new g.MessageChannel();
      channel.port1.onmessage = () => resolve({ triedAt, inDomAt, paintedAt: g.performance.now() });
      channel.port2.postMessage(null);
    });
  };

  const waitForRoom = (incidentId: string, timeoutMs: number): Promise<RoomShown> =>
    new Promise((resolve, reject) => {
      let done = false;
      let triedAt = -1;
      const look = (): void => {
        if (done) return;
        const progress = roomProgress(incidentId, triedAt >= 0);
        if (progress === 'none') return;
        const now = g.performance.now();
        if (triedAt < 0) triedAt = now;
        if (progress === 'tried') return;
        done = true;
        observer.disconnect();
        g.clearTimeout(timer);
        afterNextFrame(triedAt, now, resolve);
      };
      const observer = new g.MutationObserver(look);
      const timer = g.setTimeout(() => {
        done = true;
        observer.disconnect();
        reject(new Error(`the room of ${incidentId} was not shown within ${timeoutMs} ms`));
      }, timeoutMs);
      observer.observe(g.document, {
        childList: true,
        subtree: true,
        attributes: true,
        attributeFilter: ['data-status'],
      });
      look();
    });

  interface Recorder {
    readonly taskObserver: InstanceType<PageGlobals['PerformanceObserver']>;
    readonly frameObserver: InstanceType<PageGlobals['PerformanceObserver']>;
    readonly longTasks: number[];
    longestFrameMs: number;
    frames: number;
    longestLongFrame: LongFrame | null;
    running: boolean;
  }
  let recorder: Recorder | null = null;

  const keepLongFrame = (into: Recorder, entry: PerformanceEntryLike): void => {
    if (entry.duration <= (into.longestLongFrame?.durationMs ?? 0)) return;
    const frame = entry as LongAnimationFrameEntry;
    into.longestLongFrame = {
      durationMs: frame.duration,
      scriptMs: frame.scripts.reduce((sum, script) => sum + script.duration, 0),
      // 0 when the frame rendered nothing.
      styleAndLayoutMs:
        frame.styleAndLayoutStart > 0 ? frame.startTime + frame.duration - frame.styleAndLayoutStart : 0,
      scripts: frame.scripts.map((script) => `${script.invoker} ${Math.round(script.duration)} ms`),
      sources: frame.scripts.map((script) => ({
        invoker: script.invoker,
        durationMs: script.duration,
        sourceURL: script.sourceURL ?? '',
        functionName: script.sourceFunctionName ?? '',
        charPosition: script.sourceCharPosition ?? -1,
      })),
      startTime: frame.startTime,
    };
  };

  const startRecording = (): void => {
    const current: Recorder = {
      taskObserver: new g.PerformanceObserver((list) => {
        for (const entry of list.getEntries()) current.longTasks.push(entry.duration);
      }),
      frameObserver: new g.PerformanceObserver((list) => {
        for (const entry of list.getEntries()) keepLongFrame(current, entry);
      }),
      longTasks: [],
      longestFrameMs: 0,
      frames: 0,
      longestLongFrame: null,
      running: true,
    };
    current.taskObserver.observe({ type: 'longtask', buffered: false });
    current.frameObserver.observe({ type: 'long-animation-frame', buffered: false });
    let last = -1;
    const tick = (time: number): void => {
      if (!current.running) return;
      if (last >= 0) {
        current.longestFrameMs = Math.max(current.longestFrameMs, time - last);
        current.frames += 1;
      }
      last = time;
      g.requestAnimationFrame(tick);
    };
    g.requestAnimationFrame(tick);
    recorder = current;
  };

  const stopRecording = async (): Promise<Recording> => {
    const current = recorder;
    if (!current) throw new Error('not recording');
    // Entries are queued after their task or frame: give them a moment, then take what is still queued.
    await new Promise<void>((resolve) => g.setTimeout(resolve, 100));
    current.running = false;
    for (const entry of current.taskObserver.takeRecords()) current.longTasks.push(entry.duration);
    for (const entry of current.frameObserver.takeRecords()) keepLongFrame(current, entry);
    current.taskObserver.disconnect();
    current.frameObserver.disconnect();
    recorder = null;
    const { longTasks, longestFrameMs, frames, longestLongFrame } = current;
    return { longTasks, longestFrameMs, frames, longestLongFrame };
  };

  const opened = /^#\/incident\/([^/]+)$/.exec(g.location.hash)?.[1];
  const coldLoad = opened ? waitForRoom(decodeURIComponent(opened), 60_000) : null;
  // Nobody may ever ask for it (a page opened on an incident for another reason): do not report it as unhandled.
  coldLoad?.catch(() => undefined);
  /** The board's row of the incident, found by its text alone (no layout forced). */
  const boardRow = (): PageElement | undefined =>
    Array.from(g.document.querySelectorAll('.app[data-screen="board"] button.board__title')).find(
      (button) => button.textContent?.trim() === options.boardTitle,
    );

  /** Records from navigation start (this script runs before the app's): the first load's long tasks and frames. */
  const watchFirstLoad = (timeoutMs: number): Promise<LoadShown> => {
    const tasks: { startTime: number; duration: number }[] = [];
    const into: Recorder = {
      taskObserver: new g.PerformanceObserver((list) => {
        for (const e of list.getEntries()) tasks.push({ startTime: e.startTime, duration: e.duration });
      }),
      frameObserver: new g.PerformanceObserver((list) => {
        for (const entry of list.getEntries()) keepLongFrame(into, entry);
      }),
      longTasks: [],
      longestFrameMs: 0,
      frames: 0,
      longestLongFrame: null,
      running: true,
    };
    into.taskObserver.observe({ type: 'longtask', buffered: true });
    into.frameObserver.observe({ type: 'long-animation-frame', buffered: true });
    return new Promise<LoadShown>((resolve, reject) => {
      const finish = async (boardAt: number): Promise<void> => {
        const shown = await new Promise<RoomShown>((done) => afterNextFrame(boardAt, boardAt, done));
        // What follows the board's first frame (the rest of the first view, chunks loaded later) counts too.
        await new Promise<void>((done) => g.setTimeout(done, 1_000));
        for (const e of into.taskObserver.takeRecords()) tasks.push({ startTime: e.startTime, duration: e.duration });
        for (const entry of into.frameObserver.takeRecords()) keepLongFrame(into, entry);
        into.taskObserver.disconnect();
        into.frameObserver.disconnect();
        resolve({ boardAt, paintedAt: shown.paintedAt, longTasks: tasks, longestLongFrame: into.longestLongFrame });
      };
      let checking = false;
      // Its layout box is read in the next animation frame, where the page lays out anyway: read from the observer,
      // the first layout of the app would be forced into the task that rendered the board and lengthen it.
      const look = (): void => {
        if (checking || boardRow() === undefined) return;
        checking = true;
        g.requestAnimationFrame(() => {
          checking = false;
          const row = boardRow();
          if (row === undefined) return;
          if (!boxed(row)) return look(); // not laid out yet: look again next frame
          observer.disconnect();
          g.clearTimeout(timer);
          void finish(g.performance.now());
        });
      };
      const observer = new g.MutationObserver(look);
      const timer = g.setTimeout(() => {
        observer.disconnect();
        reject(new Error(`the board did not show "${options.boardTitle}" within ${timeoutMs} ms`));
      }, timeoutMs);
      observer.observe(g.document, { childList: true, subtree: true });
    });
  };

  const onBoard = g.location.hash === '' || g.location.hash.startsWith('#token=');
  const firstLoad = onBoard ? watchFirstLoad(120_000) : null;
  firstLoad?.catch(() => undefined);
  g.__uiBench = { waitForRoom, coldLoad, firstLoad, startRecording, stopRecording };
}
