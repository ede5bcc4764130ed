import { describe, expect, it } from 'vitest';
import { dailyHistory, nextLocalMidnight, type StateSpan } from './history.js';

const at = (iso: string) => Date.parse(iso);
const span = (from: string, to: string | null, state: StateSpan['state'], ref = 'i-1'): StateSpan => ({
  from: at(from),
  to: to === null ? null : at(to),
  state,
  ref,
});

describe('dailyHistory', () => {
  it('has one bar per local day, today last, for the number of days asked', () => {
    const days = dailyHistory([], 'UTC', at('2026-12-03T15:00:00Z'));
    expect(days).toHaveLength(90);
    expect(days[0]?.date).toBe('2026-09-05');
    expect(days.at(-1)).toEqual({ date: '2026-12-03', state: 'operational', refs: [] });
  });

  it('counts an incident spanning midnight on both local days, with the worst state of each day', () => {
    const spans = [
      span('2026-12-01T22:30:00Z', '2026-12-01T23:30:00Z', 'partial_outage'),
      span('2026-12-01T23:30:00Z', '2026-12-02T01:00:00Z', 'major_outage'),
      span('2026-12-02T01:00:00Z', '2026-12-02T02:00:00Z', 'degraded_performance'),
    ];
    const days = dailyHistory(spans, 'UTC', at('2026-12-03T12:00:00Z'), 3);
    expect(days).toEqual([
      { date: '2026-12-01', state: 'major_outage', refs: ['i-1'] },
      { date: '2026-12-02', state: 'major_outage', refs: ['i-1'] },
      { date: '2026-12-03', state: 'operational', refs: [] },
    ]);
  });

  it('uses local midnight in the page time zone, not UTC', () => {
    // 23:30 UTC on 1 Dec is 00:30 on 2 Dec in Berlin (CET, UTC+1).
    const spans = [span('2026-12-01T23:30:00Z', '2026-12-01T23:50:00Z', 'partial_outage')];
    const berlin = dailyHistory(spans, 'Europe/Berlin', at('2026-12-03T12:00:00Z'), 3);
    expect(berlin.map((d) => [d.date, d.state])).toEqual([
      ['2026-12-01', 'operational'],
      ['2026-12-02', 'partial_outage'],
      ['2026-12-03', 'operational'],
    ]);
    const utc = dailyHistory(spans, 'UTC', at('2026-12-03T12:00:00Z'), 3);
    expect(utc.map((d) => d.state)).toEqual(['partial_outage', 'operational', 'operational']);
  });

  it('is right across the spring-forward day (23 hours) and the fall-back day (25 hours)', () => {
    // Berlin, 29 March 2026: clocks go 02:00 -> 03:00; the local day runs 28 Mar 23:00Z .. 29 Mar 22:00Z.
    const spring = [
      span('2026-03-29T21:30:00Z', '2026-03-29T21:59:00Z', 'major_outage', 'late'), // 23:30 CEST on the 29th
      span('2026-03-29T22:00:00Z', '2026-03-29T22:30:00Z', 'degraded_performance', 'next'), // 00:00 CEST on the 30th
    ];
    const springDays = dailyHistory(spring, 'Europe/Berlin', at('2026-03-30T12:00:00Z'), 2);
    expect(springDays).toEqual([
      { date: '2026-03-29', state: 'major_outage', refs: ['late'] },
      { date: '2026-03-30', state: 'degraded_performance', refs: ['next'] },
    ]);
    // 25 October 2026: clocks go 03:00 -> 02:00; the local day runs 24 Oct 22:00Z .. 25 Oct 23:00Z.
    const autumn = [
      span('2026-10-25T22:30:00Z', '2026-10-25T22:45:00Z', 'partial_outage', 'late'), // 23:30 CET on the 25th
      span('2026-10-24T22:10:00Z', '2026-10-24T22:20:00Z', 'degraded_performance', 'early'), // 00:10 CEST on the 25th
    ];
    const autumnDays = dailyHistory(autumn, 'Europe/Berlin', at('2026-10-26T12:00:00Z'), 3);
    expect(autumnDays).toEqual([
      { date: '2026-10-24', state: 'operational', refs: [] },
      { date: '2026-10-25', state: 'partial_outage', refs: ['early', 'late'] },
      { date: '2026-10-26', state: 'operational', refs: [] },
    ]);
  });

  it('runs an open span up to now, and a span ending exactly at midnight stays on its own day', () => {
    const spans = [
      span('2026-12-01T20:00:00Z', '2026-12-02T00:00:00Z', 'partial_outage', 'ended'),
      span('2026-12-03T08:00:00Z', null, 'major_outage', 'open'),
    ];
    const days = dailyHistory(spans, 'UTC', at('2026-12-03T09:00:00Z'), 3);
    expect(days.map((d) => [d.date, d.state, d.refs])).toEqual([
      ['2026-12-01', 'partial_outage', ['ended']],
      ['2026-12-02', 'operational', []],
      ['2026-12-03', 'major_outage', ['open']],
    ]);
  });
});

describe('nextLocalMidnight', () => {
  it('is the next local midnight, 23 hours after the one before on the spring-forward day', () => {
    expect(new Date(nextLocalMidnight('Europe/Berlin', at('2026-03-29T12:00:00Z'))).toISOString()).toBe(
      '2026-03-29T22:00:00.000Z',
    );
    expect(new Date(nextLocalMidnight('Europe/Berlin', at('2026-03-28T12:00:00Z'))).toISOString()).toBe(
      '2026-03-28T23:00:00.000Z',
    );
  });
});
