import { dayNumberToDate, localDayNumber, zonedInstant } from '../oncall/zoned-time.js';
import { serviceStateRank, type ServiceState } from './service-state.js';

/** How many days the page's history shows, today included. */
export const HISTORY_DAYS = 90;

/** A span of time a service spent in a state other than operational (an incident's, a maintenance window's). */
export interface StateSpan {
  readonly from: number;
  /** Exclusive; null: still going. */
  readonly to: number | null;
  readonly state: ServiceState;
  /** What it belongs to (the incident's or the maintenance's public id), listed on the day's bar. */
  readonly ref: string;
}

export interface HistoryDay {
  /** The local date, `YYYY-MM-DD`, in the page's time zone. */
  readonly date: string;
  /** The worst state of the day (operational when nothing happened). */
  readonly state: ServiceState;
  /** The incidents and maintenance windows that touched the day, in the order they started. */
  readonly refs: readonly string[];
}

/**
 * One bar per local day for the last `days` days (oldest first, today last): the worst state of the spans that
 * touch the day. Days are local days in `timeZone`, so a day may last 23 or 25 hours (DST), and a span crossing
 * midnight counts on both days. A span ending exactly at midnight does not touch the next day.
 */
export function dailyHistory(
  spans: readonly StateSpan[],
  timeZone: string,
  nowMs: number,
  days: number = HISTORY_DAYS,
): HistoryDay[] {
  const sorted = [...spans].filter((s) => s.state !== 'operational').sort((a, b) => a.from - b.from);
  return localDays(timeZone, nowMs, days).map(({ date, start, end }) => {
    let state: ServiceState = 'operational';
    const refs: string[] = [];
    for (const span of sorted) {
      const to = span.to ?? nowMs;
      if (span.from >= end || to <= start || to <= span.from) continue;
      if (serviceStateRank(span.state) > serviceStateRank(state)) state = span.state;
      if (!refs.includes(span.ref)) refs.push(span.ref);
    }
    return { date, state, refs };
  });
}

interface LocalDay {
  readonly date: string;
  readonly start: number;
  readonly end: number;
}

/**
 * The last `days` local days' bounds, the same for every service of a page: computed once per zone and day, not
 * once per service and rebuild (each bound asks Intl several times, which made a page rebuild cost tens of
 * milliseconds on the hub's only thread: docs/benchmarks.md). The result depends only on the arguments' zone, local
 * date and count, so remembering the last one changes nothing but the time it takes.
 */
let lastDays: { key: string; days: readonly LocalDay[] } | null = null;

function localDays(timeZone: string, nowMs: number, days: number): readonly LocalDay[] {
  const today = localDayNumber(timeZone, nowMs);
  const key = `${timeZone}|${today}|${days}`;
  if (lastDays?.key === key) return lastDays.days;
  const result: LocalDay[] = [];
  let start = zonedInstant(timeZone, today - days + 1, 0);
  for (let day = today - days + 1; day <= today; day += 1) {
    const end = zonedInstant(timeZone, day + 1, 0);
    result.push({ date: dayNumberToDate(day), start, end });
    start = end;
  }
  lastDays = { key, days: result };
  return result;
}

/** The next local midnight after `nowMs`: the history gains a day then, so the page is rebuilt. */
export function nextLocalMidnight(timeZone: string, nowMs: number): number {
  return zonedInstant(timeZone, localDayNumber(timeZone, nowMs) + 1, 0);
}
