/**
 * The arithmetic of the UI benchmark, apart from the browser: how much it does, and what its long tasks add up to.
 * Pure, so it is unit-tested without Chromium.
 */

/** Rounds to 0.1 ms (the browser's clock is coarser than that anyway). */
export function tenth(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * What the 'longtask' entries of one phase add up to. The browser reports a task as long from 50 ms (its durations
 * are whole milliseconds), never a shorter one.
 */
export interface LongTaskSummary {
  /** The longest, in ms; 0 when there was none, i.e. every task was under 50 ms. */
  readonly longestMs: number;
  /** How many long tasks (50 ms or more) the browser reported. */
  readonly count: number;
  /** How many took over 100 ms, the limit for scrolling without a visible stall. */
  readonly over100: number;
}

export function summarizeLongTasks(durations: readonly number[]): LongTaskSummary {
  return {
    longestMs: tenth(Math.max(0, ...durations)),
    count: durations.length,
    over100: durations.filter((d) => d > 100).length,
  };
}

/** How much the UI benchmark does: a full run, or `--quick` (fewer entries, repetitions and scroll steps). */
export interface UiBenchPlan {
  /** Attempts in the long incident (each also a timeline event). */
  readonly entries: number;
  /** Attempts in the baseline incident. */
  readonly baselineEntries: number;
  /** Opens (and cold loads) of each incident; the figure is their median. */
  readonly repetitions: number;
  /** Scroll passes over each incident's two lists; the figure is the longest over all. */
  readonly scrollPasses: number;
  /** Steps from top to bottom of each list in one pass. */
  readonly scrollSteps: number;
  /** First loads (sign-in, cache disabled) of each incident on each host. */
  readonly firstLoads: number;
}

export function uiBenchPlan(quick: boolean): UiBenchPlan {
  return quick
    ? { entries: 2_000, baselineEntries: 10, repetitions: 3, scrollPasses: 1, scrollSteps: 60, firstLoads: 2 }
    : { entries: 10_000, baselineEntries: 10, repetitions: 7, scrollPasses: 2, scrollSteps: 200, firstLoads: 3 };
}
