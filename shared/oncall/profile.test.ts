import { describe, expect, it } from 'vitest';
import { defaultProfile, profileSchema } from './profile.js';

describe('profileSchema: newIncidents', () => {
  it('reads a profile saved before the field existed (no choice: the role decides)', () => {
    const old = { ...defaultProfile('Europe/Berlin') };
    const parsed = profileSchema.parse(old);
    expect(parsed.newIncidents).toBeUndefined();
    expect(parsed.timeZone).toBe('Europe/Berlin');
  });

  it('keeps a choice per severity, and refuses an unknown choice or severity, naming it', () => {
    const newIncidents = { 'SEV-1': 'always', 'SEV-2': 'my-rotation', 'SEV-3': 'never' } as const;
    expect(profileSchema.parse({ ...defaultProfile('UTC'), newIncidents }).newIncidents).toEqual(newIncidents);
    const wrong = profileSchema.safeParse({
      ...defaultProfile('UTC'),
      newIncidents: { ...newIncidents, 'SEV-2': 'sometimes' },
    });
    expect(wrong.success).toBe(false);
    expect(wrong.error?.issues[0]?.path).toEqual(['newIncidents', 'SEV-2']);
    const extra = profileSchema.safeParse({
      ...defaultProfile('UTC'),
      newIncidents: { ...newIncidents, 'SEV-4': 'always' },
    });
    expect(extra.success).toBe(false);
  });
});
