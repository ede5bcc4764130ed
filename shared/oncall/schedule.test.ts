import { describe, expect, it } from 'vitest';
import { overrideSchema, rotationSchema } from './rotation.js';
import { earliestShift, nextShiftOf, onCallSchedule } from './schedule.js';

const ana = { id: 'u-ana', name: 'Ana' };
const bo = { id: 'u-bo', name: 'Bo' };
const cy = { id: 'u-cy', name: 'Cy' };
const dan = { id: 'u-dan', name: 'Dan' };

const daily = rotationSchema.parse({
  id: 'rot-checkout',
  name: 'Checkout',
  members: [ana, bo, cy],
  handoffTime: '09:00',
  shift: 'daily',
  timeZone: 'Europe/Berlin',
  startDate: '2026-03-27',
});

const brief = (segments: ReturnType<typeof onCallSchedule>) =>
  segments.map((s) => `${s.start.slice(5, 16)} ${s.primary.name}/${s.backup?.name ?? '-'}`);

describe('onCallSchedule: the on-call screen’s next days', () => {
  it('lists each shift with its handoff instants, across the spring change', () => {
    const segments = onCallSchedule(daily, [], Date.parse('2026-03-27T12:00:00Z'), 3);
    expect(brief(segments)).toEqual([
      '03-27T12:00 Ana/Bo',
      '03-28T08:00 Bo/Cy',
      '03-29T07:00 Cy/Ana', // 09:00 CEST
      '03-30T07:00 Ana/Bo',
    ]);
    expect(segments.at(-1)?.end).toBe('2026-03-30T12:00:00.000Z');
    for (const [a, b] of segments.slice(1).map((s, i) => [segments[i], s] as const)) expect(a?.end).toBe(b.start);
  });

  it('splits at the edges of an override and merges stretches that do not change', () => {
    const evening = overrideSchema.parse({
      id: 'ov1',
      rotationId: 'rot-checkout',
      replaces: ana.id,
      person: dan,
      start: '2026-03-27T17:00:00Z',
      end: '2026-03-27T20:00:00Z',
    });
    const segments = onCallSchedule(daily, [evening], Date.parse('2026-03-27T12:00:00Z'), 1);
    expect(brief(segments)).toEqual([
      '03-27T12:00 Ana/Bo',
      '03-27T17:00 Dan/Bo',
      '03-27T20:00 Ana/Bo',
      '03-28T08:00 Bo/Cy',
    ]);
    // Covering someone who is neither primary nor backup changes nothing shown: its edges merge away.
    const quiet = { ...evening, replaces: cy.id };
    expect(brief(onCallSchedule(daily, [quiet], Date.parse('2026-03-27T12:00:00Z'), 1))).toEqual([
      '03-27T12:00 Ana/Bo',
      '03-28T08:00 Bo/Cy',
    ]);
  });

  it('finds a person’s next shift, extended over the segments where they keep the role', () => {
    const from = Date.parse('2026-03-27T12:00:00Z');
    const segments = onCallSchedule(daily, [], from, 14);
    expect(nextShiftOf('rot-checkout', segments, cy.id)).toEqual({
      rotationId: 'rot-checkout',
      role: 'backup',
      start: '2026-03-28T08:00:00.000Z',
      end: '2026-03-29T07:00:00.000Z',
    });
    expect(nextShiftOf('rot-checkout', segments, ana.id)?.role).toBe('primary');
    expect(nextShiftOf('rot-checkout', segments, dan.id)).toBeNull();
    const later = {
      rotationId: 'b',
      role: 'primary' as const,
      start: '2026-04-01T00:00:00.000Z',
      end: '2026-04-02T00:00:00.000Z',
    };
    expect(earliestShift([later, nextShiftOf('rot-checkout', segments, cy.id), null])?.rotationId).toBe('rot-checkout');
  });
});
