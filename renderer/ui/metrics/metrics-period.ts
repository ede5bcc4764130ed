import type { Period } from '../../../shared/metrics/aggregate.js';

/**
 * The period the person chooses: two UTC days, `YYYY-MM-DD`, both included (as date inputs give them). The hub
 * takes `[from, to)`, so the day after `through` is what it is sent as `to`.
 */
export interface PeriodInput {
  readonly from: string;
  readonly through: string;
}

/** The presets offered, in days ending today (UTC). */
export const PERIOD_PRESETS = [7, 30, 90, 365] as const;
export const DEFAULT_PERIOD_DAYS = 30;
/** More than this is refused before asking: the hub would compute (and the chart draw) a week per bar for decades. */
export const MAX_PERIOD_DAYS = 3 * 365 + 1;

const DAY_MS = 24 * 60 * 60 * 1000;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** The UTC day of an instant, `YYYY-MM-DD`. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** A `YYYY-MM-DD` day moved by whole days. */
export function addDays(day: string, days: number): string {
  return utcDay(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS);
}

/** The last `days` days, today (UTC) included. */
export function presetPeriod(days: number, now: number): PeriodInput {
  const today = utcDay(now);
  return { from: addDays(today, -(days - 1)), through: today };
}

/** Which preset the input is, if any (the preset buttons show it as pressed). */
export function matchingPreset(input: PeriodInput, now: number): number | null {
  return (
    PERIOD_PRESETS.find((days) => {
      const preset = presetPeriod(days, now);
      return preset.from === input.from && preset.through === input.through;
    }) ?? null
  );
}

export type PeriodCheck =
  | { readonly ok: true; readonly query: { readonly from: string; readonly to: string }; readonly days: number }
  | { readonly ok: false; readonly message: string };

/** A real calendar day (not 2025-02-30), or null. */
function dayMs(day: string): number | null {
  if (!DAY_PATTERN.test(day)) return null;
  const ms = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(ms) || utcDay(ms) !== day ? null : ms;
}

/** The query for the hub, or why there is none (then nothing is asked). */
export function checkPeriod(input: PeriodInput): PeriodCheck {
  const from = dayMs(input.from);
  const through = dayMs(input.through);
  if (from === null)
    return { ok: false, message: input.from === '' ? 'Choose a start date.' : `"${input.from}" is not a date.` };
  if (through === null)
    return { ok: false, message: input.through === '' ? 'Choose an end date.' : `"${input.through}" is not a date.` };
  if (from > through)
    return {
      ok: false,
      message: `The start (${input.from}) is after the end (${input.through}): choose a start on or before the end. Nothing was loaded.`,
    };
  const days = (through - from) / DAY_MS + 1;
  if (days > MAX_PERIOD_DAYS)
    return {
      ok: false,
      message: `That is ${days} days: choose at most ${MAX_PERIOD_DAYS} (three years) at a time. Nothing was loaded.`,
    };
  return { ok: true, query: { from: input.from, to: addDays(input.through, 1) }, days };
}

/** The first and last day a period covers (the hub's `to` is excluded), e.g. "2025-03-01 to 2025-03-31". */
export function periodDays(period: Period): { readonly first: string; readonly last: string } {
  return { first: utcDay(Date.parse(period.from)), last: utcDay(Date.parse(period.to) - 1) };
}
