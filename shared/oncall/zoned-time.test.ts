import { describe, expect, it } from 'vitest';
import {
  dateToDayNumber,
  dayNumberToDate,
  isValidTimeZone,
  isoWeekday,
  localDateSchema,
  offsetAt,
  wallClock,
  zonedInstant,
} from './zoned-time.js';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const day = (date: string) => dateToDayNumber(date);
const HOUR = 3_600_000;

describe('time zones through Intl, without a library', () => {
  it('knows IANA zones and refuses made-up ones', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('America/New_York')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });

  it('reads the local date, time, weekday and offset of an instant', () => {
    const berlinWinter = wallClock('Europe/Berlin', at('2026-01-15T23:30:00Z'));
    expect(berlinWinter).toMatchObject({ date: '2026-01-16', minutes: 30, weekday: 5, offsetMs: HOUR });
    const newYorkSummer = wallClock('America/New_York', at('2026-07-01T02:00:00Z'));
    expect(newYorkSummer).toMatchObject({ date: '2026-06-30', minutes: 22 * 60, weekday: 2, offsetMs: -4 * HOUR });
  });

  it('counts days and weekdays on the calendar', () => {
    expect(dayNumberToDate(day('2026-03-29'))).toBe('2026-03-29');
    expect(isoWeekday(day('2026-03-29'))).toBe(7); // a Sunday
    expect(isoWeekday(day('2026-03-30'))).toBe(1);
    expect(localDateSchema.safeParse('2026-02-30').success).toBe(false);
    expect(localDateSchema.safeParse('2028-02-29').success).toBe(true);
  });

  describe('Europe/Berlin: clocks go forward on 29 March 2026 and back on 25 October 2026', () => {
    it('has the winter offset before and the summer offset after the spring change', () => {
      expect(offsetAt('Europe/Berlin', at('2026-03-29T00:59:59Z'))).toBe(HOUR);
      expect(offsetAt('Europe/Berlin', at('2026-03-29T01:00:00Z'))).toBe(2 * HOUR);
    });

    it('turns ordinary local times into instants on both sides', () => {
      expect(iso(zonedInstant('Europe/Berlin', day('2026-03-28'), 9 * 60))).toBe('2026-03-28T08:00:00.000Z');
      expect(iso(zonedInstant('Europe/Berlin', day('2026-03-29'), 9 * 60))).toBe('2026-03-29T07:00:00.000Z');
      expect(iso(zonedInstant('Europe/Berlin', day('2026-10-25'), 9 * 60))).toBe('2026-10-25T08:00:00.000Z');
    });

    it('moves a skipped time (02:30 on 29 March) forward by the gap, to 03:30 CEST', () => {
      expect(iso(zonedInstant('Europe/Berlin', day('2026-03-29'), 2 * 60 + 30))).toBe('2026-03-29T01:30:00.000Z');
      expect(wallClock('Europe/Berlin', at('2026-03-29T01:30:00Z')).minutes).toBe(3 * 60 + 30);
    });

    it('reads a repeated time (02:30 on 25 October) as its first occurrence, still CEST', () => {
      expect(iso(zonedInstant('Europe/Berlin', day('2026-10-25'), 2 * 60 + 30))).toBe('2026-10-25T00:30:00.000Z');
    });

    it('gives midnight at the end of a day (24:00) as the next local midnight', () => {
      expect(iso(zonedInstant('Europe/Berlin', day('2026-03-28'), 24 * 60))).toBe('2026-03-28T23:00:00.000Z');
    });
  });

  describe('America/New_York: clocks go forward on 8 March 2026 and back on 1 November 2026', () => {
    it('has -5 h before and -4 h after the spring change, -5 h again after the autumn one', () => {
      expect(offsetAt('America/New_York', at('2026-03-08T06:59:00Z'))).toBe(-5 * HOUR);
      expect(offsetAt('America/New_York', at('2026-03-08T07:00:00Z'))).toBe(-4 * HOUR);
      expect(offsetAt('America/New_York', at('2026-11-01T05:59:00Z'))).toBe(-4 * HOUR);
      expect(offsetAt('America/New_York', at('2026-11-01T06:00:00Z'))).toBe(-5 * HOUR);
    });

    it('resolves the skipped 02:30 and the repeated 01:30', () => {
      expect(iso(zonedInstant('America/New_York', day('2026-03-08'), 2 * 60 + 30))).toBe('2026-03-08T07:30:00.000Z');
      expect(iso(zonedInstant('America/New_York', day('2026-11-01'), 60 + 30))).toBe('2026-11-01T05:30:00.000Z');
    });
  });
});
