import { describe, expect, it } from 'vitest';
import {
  overrideSchema,
  rotationSchema,
  rotationWarnings,
  shiftAt,
  whoIsOnCall,
  type Override,
  type Rotation,
} from './rotation.js';

const ana = { id: 'u-ana', name: 'Ana' };
const bo = { id: 'u-bo', name: 'Bo' };
const cy = { id: 'u-cy', name: 'Cy' };
const dan = { id: 'u-dan', name: 'Dan' };

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const HOUR = 3_600_000;

function rotation(overrides: Partial<Rotation> = {}): Rotation {
  return rotationSchema.parse({
    id: 'rot-checkout',
    name: 'Checkout',
    members: [ana, bo, cy],
    handoffTime: '09:00',
    shift: 'daily',
    timeZone: 'Europe/Berlin',
    startDate: '2026-03-27',
    ...overrides,
  });
}

let overrideCount = 0;
function override(fields: Partial<Override> & Pick<Override, 'replaces' | 'person' | 'start' | 'end'>): Override {
  return overrideSchema.parse({ id: `ov-${++overrideCount}`, rotationId: 'rot-checkout', ...fields });
}

const names = (o: { primary: { name: string }; backup: { name: string } | null }) =>
  `${o.primary.name}/${o.backup?.name ?? '-'}`;

describe('rotation schema', () => {
  it('accepts a rotation and refuses bad times, zones, dates and repeated people', () => {
    expect(rotation().members).toHaveLength(3);
    const bad = (fields: object) => rotationSchema.safeParse({ ...rotation(), ...fields }).success;
    expect(bad({ handoffTime: '9:00' })).toBe(false);
    expect(bad({ handoffTime: '24:00' })).toBe(false);
    expect(bad({ timeZone: 'Europe/Atlantis' })).toBe(false);
    expect(bad({ startDate: '2026-02-31' })).toBe(false);
    expect(bad({ members: [] })).toBe(false);
    expect(bad({ members: [ana, ana] })).toBe(false);
  });

  it('warns below three people, and says why', () => {
    expect(rotationWarnings(rotation())).toEqual([]);
    expect(rotationWarnings(rotation({ members: [ana, bo] }))[0]).toMatch(/2 people.*at least 3/);
    expect(rotationWarnings(rotation({ members: [ana] }))[0]).toMatch(/one person.*backup/);
  });

  it('refuses an override that ends before it starts or covers for oneself', () => {
    const base = { id: 'o1', rotationId: 'r', replaces: ana.id, person: bo, start: '2026-03-27T00:00:00Z' };
    expect(overrideSchema.safeParse({ ...base, end: '2026-03-26T00:00:00Z' }).success).toBe(false);
    expect(overrideSchema.safeParse({ ...base, person: ana, end: '2026-03-28T00:00:00Z' }).success).toBe(false);
  });
});

describe('whoIsOnCall: a daily rotation in Europe/Berlin across the spring change (29 March 2026)', () => {
  const daily = rotation();

  it('starts with the first member as primary and the next as backup at the first handoff', () => {
    expect(names(whoIsOnCall(daily, [], at('2026-03-27T08:00:00Z')))).toBe('Ana/Bo'); // 09:00 CET
    expect(names(whoIsOnCall(daily, [], at('2026-03-27T07:59:59Z')))).toBe('Cy/Ana'); // the shift before
    expect(names(whoIsOnCall(daily, [], at('2026-03-28T08:00:00Z')))).toBe('Bo/Cy');
  });

  it('hands off at 09:00 local on both sides of the change, so the shift across it lasts 23 hours', () => {
    const across = shiftAt(daily, at('2026-03-28T12:00:00Z'));
    expect(iso(across.start)).toBe('2026-03-28T08:00:00.000Z'); // 09:00 CET
    expect(iso(across.end)).toBe('2026-03-29T07:00:00.000Z'); // 09:00 CEST
    expect(across.end - across.start).toBe(23 * HOUR);
    expect(names(whoIsOnCall(daily, [], at('2026-03-29T06:59:00Z')))).toBe('Bo/Cy'); // 08:59 CEST
    expect(names(whoIsOnCall(daily, [], at('2026-03-29T07:00:00Z')))).toBe('Cy/Ana'); // 09:00 CEST
  });

  it('hands off at 03:30 CEST when the handoff time (02:30) is skipped', () => {
    const night = rotation({ handoffTime: '02:30' });
    expect(shiftAt(night, at('2026-03-29T01:10:00Z')).index).toBe(1); // 03:10 CEST: not yet
    const shift = shiftAt(night, at('2026-03-29T01:30:00Z'));
    expect(shift.index).toBe(2);
    expect(iso(shift.start)).toBe('2026-03-29T01:30:00.000Z');
  });
});

describe('whoIsOnCall across the autumn changes', () => {
  it('Europe/Berlin, 25 October 2026: a repeated handoff time (02:30) hands off once, at its first occurrence', () => {
    const night = rotation({ handoffTime: '02:30', startDate: '2026-10-24' });
    const first = shiftAt(night, at('2026-10-25T00:30:00Z')); // 02:30 CEST
    expect(first.index).toBe(1);
    // An hour later it is 02:30 again (CET): still the same shift, no second handoff, no flip back.
    expect(shiftAt(night, at('2026-10-25T01:15:00Z')).index).toBe(1);
    expect(shiftAt(night, at('2026-10-25T01:45:00Z')).index).toBe(1);
    expect(first.end - first.start).toBe(25 * HOUR);
  });

  it('America/New_York, 1 November 2026: a weekly shift handing off Monday 10:00 lasts 169 hours across the change', () => {
    const weekly = rotation({
      shift: 'weekly',
      handoffTime: '10:00',
      timeZone: 'America/New_York',
      startDate: '2026-10-26',
    });
    const shift = shiftAt(weekly, at('2026-10-30T12:00:00Z'));
    expect(iso(shift.start)).toBe('2026-10-26T14:00:00.000Z'); // Monday 10:00 EDT
    expect(iso(shift.end)).toBe('2026-11-02T15:00:00.000Z'); // Monday 10:00 EST
    expect(shift.end - shift.start).toBe(169 * HOUR);
    expect(names(whoIsOnCall(weekly, [], at('2026-11-02T14:30:00Z')))).toBe('Ana/Bo'); // 09:30 EST
    expect(names(whoIsOnCall(weekly, [], at('2026-11-02T15:00:00Z')))).toBe('Bo/Cy');
    expect(names(whoIsOnCall(weekly, [], at('2026-11-09T15:00:00Z')))).toBe('Cy/Ana');
    expect(names(whoIsOnCall(weekly, [], at('2026-11-16T15:00:00Z')))).toBe('Ana/Bo');
  });

  it('America/New_York, 8 March 2026: a daily 09:00 handoff lasts 23 hours across the spring change', () => {
    const daily = rotation({ timeZone: 'America/New_York', startDate: '2026-03-01' });
    const shift = shiftAt(daily, at('2026-03-07T20:00:00Z'));
    expect(iso(shift.start)).toBe('2026-03-07T14:00:00.000Z'); // 09:00 EST
    expect(iso(shift.end)).toBe('2026-03-08T13:00:00.000Z'); // 09:00 EDT
  });

  it('counts backwards before the start date', () => {
    expect(names(whoIsOnCall(rotation(), [], at('2026-03-25T12:00:00Z')))).toBe('Bo/Cy');
  });
});

describe('overrides: holidays and swaps', () => {
  const daily = rotation();
  const day0 = at('2026-03-27T12:00:00Z'); // Ana primary, Bo backup

  it('puts the cover in the place of the member on holiday, primary or backup', () => {
    const holiday = override({
      replaces: ana.id,
      person: dan,
      start: '2026-03-27T00:00:00Z',
      end: '2026-03-30T00:00:00Z',
    });
    expect(names(whoIsOnCall(daily, [holiday], day0))).toBe('Dan/Bo');
    expect(names(whoIsOnCall(daily, [holiday], at('2026-03-28T12:00:00Z')))).toBe('Bo/Cy');
    // Two days later Ana would be backup: Dan still covers her.
    expect(names(whoIsOnCall(daily, [holiday], at('2026-03-29T12:00:00Z')))).toBe('Cy/Dan');
    // After the override nothing changes.
    expect(names(whoIsOnCall(daily, [holiday], at('2026-03-30T12:00:00Z')))).toBe('Ana/Bo');
  });

  it('makes the next in line backup when the cover is the backup already (a swap)', () => {
    const swap = override({ replaces: ana.id, person: bo, start: '2026-03-27T08:00:00Z', end: '2026-03-28T08:00:00Z' });
    expect(names(whoIsOnCall(daily, [swap], day0))).toBe('Bo/Cy');
  });

  it('starts and ends mid-shift, and a narrower override inside a longer one wins', () => {
    const week = override({
      replaces: ana.id,
      person: dan,
      start: '2026-03-27T00:00:00Z',
      end: '2026-04-03T00:00:00Z',
    });
    const evening = override({
      replaces: ana.id,
      person: cy,
      start: '2026-03-27T17:00:00Z',
      end: '2026-03-27T20:00:00Z',
    });
    expect(names(whoIsOnCall(daily, [week, evening], at('2026-03-27T16:59:00Z')))).toBe('Dan/Bo');
    expect(names(whoIsOnCall(daily, [week, evening], at('2026-03-27T17:00:00Z')))).toBe('Cy/Bo');
    expect(names(whoIsOnCall(daily, [week, evening], at('2026-03-27T20:00:00Z')))).toBe('Dan/Bo');
  });

  it('ignores overrides of other rotations', () => {
    const other = {
      ...override({ replaces: ana.id, person: dan, start: '2026-03-27T00:00:00Z', end: '2026-03-28T00:00:00Z' }),
      rotationId: 'rot-other',
    };
    expect(names(whoIsOnCall(daily, [other], day0))).toBe('Ana/Bo');
  });

  it('has no backup in a one-person rotation', () => {
    expect(whoIsOnCall(rotation({ members: [ana] }), [], day0)).toEqual({ primary: ana, backup: null });
  });
});
