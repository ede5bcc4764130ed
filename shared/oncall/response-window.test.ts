import { describe, expect, it } from 'vitest';
import { DEFAULT_ESCALATION_POLICY } from './policy.js';
import { defaultProfile, profileSchema, type Profile } from './profile.js';
import { nextWindowOpening, responseWindowOpen } from './response-window.js';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const berlin = defaultProfile('Europe/Berlin');

describe('response windows, in the person’s time zone', () => {
  it('pages SEV-1 at any hour: nights, weekends and holidays', () => {
    const holiday: Profile = { ...berlin, holidays: ['2026-03-29'] };
    const sundayNight = at('2026-03-29T01:30:00Z'); // 03:30 CEST, the night clocks go forward
    expect(responseWindowOpen('SEV-1', holiday, sundayNight)).toBe(true);
    expect(iso(nextWindowOpening('SEV-1', holiday, sundayNight))).toBe('2026-03-29T01:30:00.000Z');
  });

  it('pages SEV-2 in extended hours (08:00-22:00), weekends included', () => {
    expect(responseWindowOpen('SEV-2', berlin, at('2026-03-28T06:59:00Z'))).toBe(false); // Sat 07:59 CET
    expect(responseWindowOpen('SEV-2', berlin, at('2026-03-28T07:00:00Z'))).toBe(true); // Sat 08:00
    expect(responseWindowOpen('SEV-2', berlin, at('2026-03-28T20:59:00Z'))).toBe(true); // Sat 21:59
    expect(responseWindowOpen('SEV-2', berlin, at('2026-03-28T21:00:00Z'))).toBe(false); // Sat 22:00
    // Saturday 23:00 CET: opens Sunday 08:00, which is CEST after the change.
    expect(iso(nextWindowOpening('SEV-2', berlin, at('2026-03-28T22:00:00Z')))).toBe('2026-03-29T06:00:00.000Z');
  });

  it('pages SEV-3 only in working hours (Mon-Fri 09:00-17:00), holidays excluded', () => {
    expect(responseWindowOpen('SEV-3', berlin, at('2026-03-27T08:00:00Z'))).toBe(true); // Fri 09:00 CET
    expect(responseWindowOpen('SEV-3', berlin, at('2026-03-27T16:00:00Z'))).toBe(false); // Fri 17:00
    expect(responseWindowOpen('SEV-3', berlin, at('2026-03-28T10:00:00Z'))).toBe(false); // Saturday
    // Friday evening: Monday 09:00 CEST.
    expect(iso(nextWindowOpening('SEV-3', berlin, at('2026-03-27T17:00:00Z')))).toBe('2026-03-30T07:00:00.000Z');
    // Easter Monday off: Tuesday; SEV-2 still pages on the holiday.
    const easter: Profile = { ...berlin, holidays: ['2026-04-06'] };
    expect(iso(nextWindowOpening('SEV-3', easter, at('2026-04-03T16:00:00Z')))).toBe('2026-04-07T07:00:00.000Z');
    expect(responseWindowOpen('SEV-2', easter, at('2026-04-06T10:00:00Z'))).toBe(true);
  });

  it('reads the window in the person’s zone, not the hub’s or the rotation’s', () => {
    const newYork = defaultProfile('America/New_York');
    const lateEvening = at('2026-03-27T03:00:00Z'); // Thu 23:00 EDT, Fri 04:00 CET
    expect(responseWindowOpen('SEV-2', newYork, lateEvening)).toBe(false);
    expect(iso(nextWindowOpening('SEV-2', newYork, lateEvening))).toBe('2026-03-27T12:00:00.000Z'); // 08:00 EDT
  });

  it('follows a person’s own hours and the policy’s choice of window', () => {
    const sundayToThursday = profileSchema.parse({
      ...defaultProfile('Asia/Jerusalem'),
      workingHours: { days: [7, 1, 2, 3, 4], start: '08:00', end: '16:00' },
    });
    expect(responseWindowOpen('SEV-3', sundayToThursday, at('2026-03-29T06:00:00Z'))).toBe(true); // Sun 09:00 IDT
    expect(responseWindowOpen('SEV-3', sundayToThursday, at('2026-03-27T08:00:00Z'))).toBe(false); // Friday
    const sev3Anytime = {
      ...DEFAULT_ESCALATION_POLICY,
      'SEV-3': { ...DEFAULT_ESCALATION_POLICY['SEV-3'], window: 'always' as const },
    };
    expect(responseWindowOpen('SEV-3', berlin, at('2026-03-28T02:00:00Z'), sev3Anytime)).toBe(true);
  });

  it('refuses hours that cross midnight or name no working day', () => {
    const bad = (fields: object) => profileSchema.safeParse({ ...berlin, ...fields }).success;
    expect(bad({ extendedHours: { start: '22:00', end: '06:00' } })).toBe(false);
    expect(bad({ workingHours: { days: [], start: '09:00', end: '17:00' } })).toBe(false);
    expect(bad({ extendedHours: { start: '00:00', end: '24:00' } })).toBe(true);
    expect(bad({ timeZone: 'Nowhere/Land' })).toBe(false);
  });
});
