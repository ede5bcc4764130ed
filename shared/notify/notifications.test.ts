import { describe, expect, it } from 'vitest';
import { applyAll } from '../domain/apply.js';
import type { DomainEvent } from '../domain/events.js';
import { EMPTY_STATE, type IncidentsState } from '../domain/state.js';
import { DEFAULT_NOTIFICATION_PREFS } from '../ipc/settings.js';
import { notificationsFor } from './notifications.js';

const ana = { id: 'u-ana', name: 'Ana' };
const bo = { id: 'u-bo', name: 'Bo' };
const at = '2026-11-27T03:00:00.000Z';
let seq = 0;

function event(e: Pick<DomainEvent, 'type' | 'payload'>, actor = bo, incidentId = 'inc'): DomainEvent {
  seq += 1;
  return { ...e, seq, incidentId, at, clientAt: at, actor, commandId: `c${seq}` } as DomainEvent;
}

function declared(severity: 'SEV-1' | 'SEV-2' | 'SEV-3', actor = bo, incidentId = 'inc'): DomainEvent {
  return event(
    {
      type: 'incident.declared',
      payload: {
        number: seq + 1,
        title: 'Checkout errors',
        severity,
        status: 'investigating',
        summary: '',
        impact: 'Customers cannot pay',
        service: 'checkout',
        team: '',
        impactStartedAt: null,
        detectedAt: at,
      },
    },
    actor,
    incidentId,
  );
}

const after = (state: IncidentsState, ...events: DomainEvent[]) => applyAll(state, events);

describe('notificationsFor', () => {
  it('announces nothing for the first state after start', () => {
    expect(notificationsFor(null, after(EMPTY_STATE, declared('SEV-1')), ana.id, DEFAULT_NOTIFICATION_PREFS)).toEqual(
      [],
    );
  });

  it('announces a new incident declared by someone else, urgent for SEV-1', () => {
    const next = after(EMPTY_STATE, declared('SEV-1'));
    const [n] = notificationsFor(EMPTY_STATE, next, ana.id, DEFAULT_NOTIFICATION_PREFS);
    expect(n).toMatchObject({ kind: 'new-incident', incidentId: 'inc', urgent: true });
    expect(n?.title).toMatch(/INC-\d+ SEV-1: Checkout errors/);
    expect(n?.body).toMatch(/checkout/);
  });

  it('stays quiet about an incident I declared myself', () => {
    const next = after(EMPTY_STATE, declared('SEV-1', ana));
    expect(notificationsFor(EMPTY_STATE, next, ana.id, DEFAULT_NOTIFICATION_PREFS)).toEqual([]);
  });

  it('announces an escalation, but not a downgrade', () => {
    const start = after(EMPTY_STATE, declared('SEV-3'));
    const up = after(
      start,
      event({ type: 'incident.severity_changed', payload: { from: 'SEV-3', to: 'SEV-1', reason: 'x' } }),
    );
    expect(notificationsFor(start, up, ana.id, DEFAULT_NOTIFICATION_PREFS)).toEqual([
      expect.objectContaining({
        kind: 'escalation',
        title: expect.stringMatching(/escalated from SEV-3/),
        urgent: true,
      }),
    ]);
    const down = after(
      up,
      event({ type: 'incident.severity_changed', payload: { from: 'SEV-1', to: 'SEV-2', reason: 'x' } }),
    );
    expect(notificationsFor(up, down, ana.id, DEFAULT_NOTIFICATION_PREFS)).toEqual([]);
  });

  it('tells me when I am given a role', () => {
    const start = after(EMPTY_STATE, declared('SEV-2'));
    const next = after(
      start,
      event({ type: 'role.assigned', payload: { role: 'comms', person: ana, replaced: null } }),
    );
    expect(notificationsFor(start, next, ana.id, DEFAULT_NOTIFICATION_PREFS)).toEqual([
      expect.objectContaining({ kind: 'role-assigned', title: expect.stringMatching(/You are Communication Lead/) }),
    ]);
    expect(notificationsFor(start, next, bo.id, DEFAULT_NOTIFICATION_PREFS)).toEqual([]);
  });

  it('follows the preferences: kinds switched off, and a minimum severity', () => {
    const next = after(EMPTY_STATE, declared('SEV-3'));
    expect(notificationsFor(EMPTY_STATE, next, ana.id, { ...DEFAULT_NOTIFICATION_PREFS, newIncident: false })).toEqual(
      [],
    );
    expect(
      notificationsFor(EMPTY_STATE, next, ana.id, { ...DEFAULT_NOTIFICATION_PREFS, minSeverity: 'SEV-2' }),
    ).toEqual([]);
  });
});
