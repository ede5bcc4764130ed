import { describe, expect, it } from 'vitest';
import { isoWeekOf, isoWeeksBetween } from './iso-week.js';

describe('isoWeekOf', () => {
  it.each([
    ['2025-03-01T10:00:00.000Z', '2025-W09', '2025-02-24'], // a Saturday
    ['2025-03-03T00:00:00.000Z', '2025-W10', '2025-03-03'], // Monday, midnight UTC
    ['2025-03-09T23:59:59.999Z', '2025-W10', '2025-03-03'], // Sunday, last moment
    ['2024-12-30T12:00:00.000Z', '2025-W01', '2024-12-30'], // late December in next year's week 1
    ['2021-01-03T12:00:00.000Z', '2020-W53', '2020-12-28'], // early January in last year's week 53
    ['2026-12-31T12:00:00.000Z', '2026-W53', '2026-12-28'],
  ])('%s is in %s, starting %s', (iso, week, startsOn) => {
    expect(isoWeekOf(iso)).toEqual({ week, startsOn });
  });

  it('reads offsets as UTC', () => {
    expect(isoWeekOf('2025-03-03T00:30:00+02:00').week).toBe('2025-W09');
  });

  it('refuses what is not a time', () => {
    expect(() => isoWeekOf('soon')).toThrow(RangeError);
  });
});

describe('isoWeeksBetween', () => {
  it('lists every week overlapping [from, to)', () => {
    expect(isoWeeksBetween('2025-03-01T00:00:00.000Z', '2025-03-17T00:00:00.000Z').map((w) => w.week)).toEqual([
      '2025-W09',
      '2025-W10',
      '2025-W11',
    ]);
  });

  it('is empty for an empty period', () => {
    expect(isoWeeksBetween('2025-03-05T00:00:00.000Z', '2025-03-05T00:00:00.000Z')).toEqual([]);
  });
});
