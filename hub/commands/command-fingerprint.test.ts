import { describe, expect, it } from 'vitest';
import type { Command } from '../../shared/domain/commands.js';
import { commandFingerprint } from './command-fingerprint.js';

const base = {
  commandId: 'c-1',
  type: 'tried.add',
  incidentId: 'inc-1',
  clientAt: '2026-11-27T03:09:00.000Z',
  payload: { entryId: 'e-1', what: 'Rolled back', hypothesis: '', outcome: 'pending' },
} as Command;

describe('commandFingerprint', () => {
  it('is what the command asks for: not its id, its moment or the order of its keys', () => {
    const reordered = {
      ...base,
      commandId: 'c-2',
      clientAt: '2026-11-27T04:00:00.000Z',
      payload: { outcome: 'pending', hypothesis: '', what: 'Rolled back', entryId: 'e-1' },
    } as Command;
    expect(commandFingerprint(reordered)).toBe(commandFingerprint(base));
  });

  it('differs when the type, the incident or the payload differ', () => {
    const prints = new Set([
      commandFingerprint(base),
      commandFingerprint({ ...base, incidentId: 'inc-2' }),
      commandFingerprint({ ...base, payload: { ...base.payload, what: 'Restarted' } } as Command),
      commandFingerprint({
        ...base,
        type: 'followup.add',
        payload: { followupId: 'e-1', text: 'Rolled back', owner: null },
      }),
    ]);
    expect(prints.size).toBe(4);
  });
});
