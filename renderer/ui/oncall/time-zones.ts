import { dayNumberToDate, localDayNumber } from '../../../shared/oncall/zoned-time.js';

/** The browser's own time zone (the default for a new profile or rotation). */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

let cached: readonly string[] | null = null;

/** Every IANA time zone the browser knows (Intl.supportedValuesOf), UTC first; `current` is always in the list. */
export function timeZoneOptions(current: string): readonly string[] {
  if (!cached) {
    const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'timeZone') => string[] };
    const known = typeof intl.supportedValuesOf === 'function' ? intl.supportedValuesOf('timeZone') : [];
    cached = ['UTC', ...known.filter((zone) => zone !== 'UTC')];
    if (!cached.includes(browserTimeZone())) cached = [...cached, browserTimeZone()];
  }
  return cached.includes(current) ? cached : [current, ...cached];
}

/** Today's date (YYYY-MM-DD) in a time zone. */
export function todayIn(timeZone: string, now: number = Date.now()): string {
  return dayNumberToDate(localDayNumber(timeZone, now));
}

/** A moment as the value of an <input type="datetime-local"> (the viewer's local time, to the minute). */
export function localInputValue(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** An <input type="datetime-local"> value (local time) as an ISO instant; null when it is not a time. */
export function isoFromLocalInput(value: string): string | null {
  const ms = new Date(value).getTime();
  return value && !Number.isNaN(ms) ? new Date(ms).toISOString() : null;
}
