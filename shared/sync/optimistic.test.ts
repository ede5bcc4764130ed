import { describe, expect, it } from 'vitest';
import { EMPTY_STATE } from '../domain/state.js';
import { withPending } from './optimistic.js';
import { queuedCommandSchema, type QueuedCommand } from './outbox.js';

const ana = { id: 'u-ana', name: 'Ana' };
const now = '2026-11-27T03:10:00.000Z';
/** A command as the outbox keeps it: parsed once, when queued. */
const queued = (commandId: string, type: string, payload: object): QueuedCommand =>
  queuedCommandSchema.parse({ commandId, type, incidentId: 'inc', payload, clientAt: '2026-11-27T03:09:00.000Z' });

describe('withPending', () => {
  it('shows pending commands on top of confirmed state, in order, through decide and apply', () => {
    const pending = [
      queued('c1', 'incident.declare', { title: 'Checkout down', severity: 'SEV-1' }),
      queued('c2', 'tried.add', { entryId: 'e1', what: 'Restart workers' }),
    ];
    const { state, applied } = withPending(EMPTY_STATE, pending, ana, now);
    expect([...applied]).toEqual(['c1', 'c2']);
    expect(state.incidents.inc?.tried.map((t) => t.what)).toEqual(['Restart workers']);
    expect(state.incidents.inc?.tried[0]?.at).toBe('2026-11-27T03:09:00.000Z');
  });

  it('leaves out what the rules refuse on this state, and keeps going', () => {
    const pending = [
      queued('c1', 'tried.add', { entryId: 'e1', what: 'On an unknown incident' }),
      queued('c2', 'incident.declare', { title: 'Checkout down', severity: 'SEV-2' }),
      queued('c3', 'incident.change_status', { status: 'closed' }),
    ];
    const { state, applied } = withPending(EMPTY_STATE, pending, ana, now);
    expect([...applied]).toEqual(['c2']);
    expect(state.incidents.inc?.status).toBe('investigating');
  });

  it('returns the confirmed state itself when nothing is pending or nobody is signed in', () => {
    expect(withPending(EMPTY_STATE, [], ana, now).state).toBe(EMPTY_STATE);
    const declare = queued('c', 'incident.declare', { title: 'Checkout down', severity: 'SEV-2' });
    expect(withPending(EMPTY_STATE, [declare], null, now).state).toBe(EMPTY_STATE);
  });
});
