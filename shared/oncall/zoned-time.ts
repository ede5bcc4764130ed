import { z } from 'zod';

/**
 * Wall-clock time in IANA time zones without a library: `Intl.DateTimeFormat` (ES2022, full ICU in Node and
 * browsers) tells the local date and time of an instant; everything else is arithmetic on civil day numbers.
 *
 * A local time that does not exist (the hour skipped when clocks go forward) or exists twice (the hour repeated
 * when they go back) is resolved like Temporal's `disambiguation: 'compatible'`: a skipped time moves forward by
 * the length of the gap (02:30 on the night Berlin skips 02:00-03:00 is 03:30 CEST), a repeated time means its
 * first occurrence.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** Whether the runtime knows this IANA time zone (e.g. `Europe/Berlin`, `UTC`). */
export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone.length === 0 || timeZone.length > 64) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z
  .string()
  .trim()
  .refine(isValidTimeZone, 'must be an IANA time zone such as "Europe/Berlin" or "UTC"');

/** `HH:MM`, 00:00-23:59. */
export const clockTimeSchema = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'must be a time as HH:MM (00:00-23:59)');
/** `HH:MM`, 00:00-24:00: the end of a daily window may be midnight at the end of the day. */
export const clockEndSchema = z
  .string()
  .regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be a time as HH:MM (00:00-24:00)');

/** `YYYY-MM-DD`, a real calendar date. */
export const localDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((date) => dayNumberToDate(dateToDayNumber(date)) === date, 'must be a real calendar date');

/** Minutes after midnight of `HH:MM`. */
export function clockMinutes(clock: string): number {
  const [hours = 0, minutes = 0] = clock.split(':').map(Number);
  return hours * 60 + minutes;
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` date (the proleptic Gregorian calendar, no time zone). */
export function dateToDayNumber(date: string): number {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

export function dayNumberToDate(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a day number: 1 = Monday ... 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

export interface WallClock {
  /** Days since 1970-01-01 of the local date. */
  readonly dayNumber: number;
  /** `YYYY-MM-DD` of the local date. */
  readonly date: string;
  /** Minutes after local midnight. */
  readonly minutes: number;
  /** 1 = Monday ... 7 = Sunday. */
  readonly weekday: number;
  /** Local time minus UTC, in ms (e.g. +3 600 000 for CET). */
  readonly offsetMs: number;
}

/** The local date and time of an instant in a time zone. */
export function wallClock(timeZone: string, instantMs: number): WallClock {
  const seconds = Math.floor(instantMs / 1000) * 1000;
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(seconds))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const { year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  const localAsUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const dayNumber = Math.floor(localAsUtc / DAY_MS);
  return {
    dayNumber,
    date: dayNumberToDate(dayNumber),
    minutes: hour * 60 + minute,
    weekday: isoWeekday(dayNumber),
    offsetMs: localAsUtc - seconds,
  };
}

/** Local time minus UTC at an instant, in ms. */
export function offsetAt(timeZone: string, instantMs: number): number {
  return wallClock(timeZone, instantMs).offsetMs;
}

/**
 * The instant at which a local date (as a day number) reaches `minutes` after midnight (may be 1440, the next
 * midnight) in a time zone. Skipped times move forward by the gap; repeated times mean the first occurrence.
 */
export function zonedInstant(timeZone: string, dayNumber: number, minutes: number): number {
  const local = dayNumber * DAY_MS + minutes * MINUTE_MS;
  const before = offsetAt(timeZone, local - DAY_MS);
  const after = offsetAt(timeZone, local + DAY_MS);
  const candidates = [local - before, local - after]
    .filter((instant) => instant + offsetAt(timeZone, instant) === local)
    .sort((a, b) => a - b);
  // No candidate: the local time falls in a gap. Reading it with the offset from before the gap moves it forward.
  return candidates[0] ?? local - before;
}

/** The local date (as a day number) of an instant in a time zone. */
export function localDayNumber(timeZone: string, instantMs: number): number {
  return wallClock(timeZone, instantMs).dayNumber;
}
