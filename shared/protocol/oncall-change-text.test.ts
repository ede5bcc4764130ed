/** On-call changes hold names, services and notes to the text rule; what is stored is read as it is. */
import { describe, expect, it } from 'vitest';
import { overrideSchema, rotationSchema } from '../oncall/rotation.js';
import { oncallChangeSchema, type OncallChange } from './oncall-wire.js';

const rotation = (name: string) => ({
  id: 'r-1',
  name,
  members: [{ id: 'u-ana', name: 'Ana' }],
  handoffTime: '09:00',
  shift: 'weekly' as const,
  timeZone: 'UTC',
  startDate: '2026-03-02',
});

const override = (note: string) => ({
  id: 'o-1',
  rotationId: 'r-1',
  replaces: 'u-ana',
  person: { id: 'u-bo', name: 'Bo' },
  start: '2026-03-01T09:00:00Z',
  end: '2026-03-02T09:00:00Z',
  note,
});

function message(change: OncallChange): string | null {
  const parsed = oncallChangeSchema.safeParse(change);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'no message');
}

describe('text in on-call changes', () => {
  it('takes ordinary names, services and notes', () => {
    expect(message({ kind: 'rotation.save', rotation: rotation('Checkout – primary') })).toBeNull();
    expect(message({ kind: 'service.route', service: 'checkout-api', rotationId: 'r-1' })).toBeNull();
    expect(message({ kind: 'override.save', override: override('Dentist') })).toBeNull();
    expect(message({ kind: 'override.save', override: override('') })).toBeNull();
  });

  it.each([
    [
      'a rotation name',
      (v: string): OncallChange => ({ kind: 'rotation.save', rotation: rotation(v) }),
      'the rotation name',
    ],
    [
      'a routed service',
      (v: string): OncallChange => ({ kind: 'service.route', service: v, rotationId: 'r-1' }),
      'the service',
    ],
    ['an override note', (v: string): OncallChange => ({ kind: 'override.save', override: override(v) }), 'the note'],
  ])('refuses direction controls, line breaks and invisible text in %s', (_, change, what) => {
    expect(message(change('Checkout \u202Eyrammirp'))).toMatch(
      new RegExp(`^Remove the text-direction control character U\\+202E .* from ${what}`),
    );
    expect(message(change('Checkout\nprimary'))).toMatch(/is one line: remove the line break/);
    expect(message(change('\u200B\u2060'))).toMatch(/needs visible characters/);
  });

  it('reads stored rotations and overrides as they are, so one saved before the rule still loads', () => {
    expect(rotationSchema.safeParse(rotation('Old \u202Ename')).success).toBe(true);
    expect(overrideSchema.safeParse(override('Old\tnote')).success).toBe(true);
  });

  it('keeps the other rules of a rotation and an override', () => {
    expect(message({ kind: 'rotation.save', rotation: { ...rotation('R'), members: [] } })).toMatch(
      /at least one person/,
    );
    expect(message({ kind: 'override.save', override: { ...override(''), end: '2026-02-01T00:00:00Z' } })).toBe(
      'must end after it starts',
    );
    expect(
      message({ kind: 'override.save', override: { ...override(''), person: { id: 'u-ana', name: 'Ana' } } }),
    ).toBe('cannot cover for themselves');
    expect(
      oncallChangeSchema.safeParse({ kind: 'rotation.save', rotation: { ...rotation('R'), extra: 1 } }).success,
    ).toBe(false);
  });
});
