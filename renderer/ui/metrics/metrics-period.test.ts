import { describe, expect, it } from 'vitest';
import { saveFileRequestSchema } from '../../../shared/ipc/files.js';
import { metricsCsvName } from '../../../shared/metrics/csv.js';
import { addDays, checkPeriod, matchingPreset, MAX_PERIOD_DAYS, periodDays, presetPeriod } from './metrics-period.js';

// 2025-03-31, late evening UTC: still the 31st there, whatever the local day is.
const NOW = Date.parse('2025-03-31T23:30:00Z');

describe('presets', () => {
  it('end today (UTC) and count today as a day', () => {
    expect(presetPeriod(7, NOW)).toEqual({ from: '2025-03-25', through: '2025-03-31' });
    expect(presetPeriod(30, NOW)).toEqual({ from: '2025-03-02', through: '2025-03-31' });
    expect(presetPeriod(365, NOW)).toEqual({ from: '2024-04-01', through: '2025-03-31' });
  });

  it('are recognised, and a period chosen by hand is none of them', () => {
    expect(matchingPreset({ from: '2025-01-01', through: '2025-03-31' }, NOW)).toBe(90);
    expect(matchingPreset({ from: '2025-03-01', through: '2025-03-31' }, NOW)).toBeNull();
  });

  it('cross month and year ends', () => {
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});

describe('checkPeriod', () => {
  it('asks the hub for [from, the day after through)', () => {
    expect(checkPeriod({ from: '2025-03-01', through: '2025-03-31' })).toEqual({
      ok: true,
      query: { from: '2025-03-01', to: '2025-04-01' },
      days: 31,
    });
    // One day is a period: from that day to the next.
    expect(checkPeriod({ from: '2025-03-05', through: '2025-03-05' })).toMatchObject({
      query: { from: '2025-03-05', to: '2025-03-06' },
      days: 1,
    });
  });

  it('refuses a start after the end, saying nothing was loaded', () => {
    expect(checkPeriod({ from: '2025-03-10', through: '2025-03-01' })).toEqual({
      ok: false,
      message:
        'The start (2025-03-10) is after the end (2025-03-01): choose a start on or before the end. Nothing was loaded.',
    });
  });

  it.each([
    [{ from: '', through: '2025-03-01' }, 'Choose a start date.'],
    [{ from: '2025-03-01', through: '' }, 'Choose an end date.'],
    [{ from: '2025-02-30', through: '2025-03-01' }, '"2025-02-30" is not a date.'],
    [{ from: '2025-03-01', through: 'tomorrow' }, '"tomorrow" is not a date.'],
  ])('refuses %o: %s', (input, message) => {
    expect(checkPeriod(input)).toEqual({ ok: false, message });
  });

  it('refuses more than three years (a year typed as 0002 would be two thousand)', () => {
    expect(checkPeriod({ from: '2022-04-01', through: '2025-03-31' })).toMatchObject({
      ok: true,
      days: MAX_PERIOD_DAYS,
    });
    expect(checkPeriod({ from: '2022-03-31', through: '2025-03-31' })).toMatchObject({ ok: false });
    const tooLong = checkPeriod({ from: '0002-03-01', through: '2025-03-31' });
    expect(tooLong).toMatchObject({ ok: false });
    expect(!tooLong.ok && tooLong.message).toContain(`choose at most ${MAX_PERIOD_DAYS} (three years)`);
  });
});

describe('what a report covers', () => {
  it('gives its first and last day, the hub excluding `to`', () => {
    expect(periodDays({ from: '2025-03-01T00:00:00.000Z', to: '2025-04-01T00:00:00.000Z' })).toEqual({
      first: '2025-03-01',
      last: '2025-03-31',
    });
    // The hub's default period ends now, mid-day: that day is included.
    expect(periodDays({ from: '2025-03-01T10:00:00.000Z', to: '2025-03-31T10:00:00.000Z' }).last).toBe('2025-03-31');
  });

  it('names the CSV as the hub does, a name the host accepts', () => {
    const name = metricsCsvName({ from: '2025-03-01T00:00:00.000Z', to: '2025-04-01T00:00:00.000Z' });
    expect(name).toBe('warroom-metrics-2025-03-01-2025-04-01.csv');
    expect(saveFileRequestSchema.safeParse({ suggestedName: name, kind: 'csv', text: '' }).success).toBe(true);
  });
});
