import { describe, expect, it } from 'vitest';
import { alice, bob, TestHub } from '../domain/test-support.js';
import { nextOverdueAt, overduePeriodKey, overdueUpdateNotices, updateOwner } from './overdue-updates.js';

const MINUTE = 60_000;

/** A SEV-1 (updates every 30 min) declared at T0 by Alice, who leads it. */
function sev1(): TestHub {
  const hub = new TestHub();
  hub.declare({ title: 'Checkout down', severity: 'SEV-1' }, { actor: alice });
  return hub;
}

const at = (hub: TestHub, minutes: number) => Date.parse(hub.incident().moments.declaredAt) + minutes * MINUTE;

describe('updateOwner', () => {
  it('is the Communication Lead, or the Incident Lead while nobody holds Comms', () => {
    const hub = sev1();
    expect(updateOwner(hub.incident())).toBe(alice.id);
    hub.ok('role.assign', { role: 'comms', person: bob });
    expect(updateOwner(hub.incident())).toBe(bob.id);
  });
});

describe('overdueUpdateNotices', () => {
  it('tells the Incident Lead once the cadence has passed without an update, and nobody else', () => {
    const hub = sev1();
    expect(overdueUpdateNotices(hub.state, alice.id, at(hub, 30), new Set())).toEqual([]);
    const due = overdueUpdateNotices(hub.state, alice.id, at(hub, 31), new Set());
    expect(due).toEqual([
      {
        key: overduePeriodKey('inc-1', new Date(at(hub, 30)).toISOString()),
        notice: expect.objectContaining({
          kind: 'update-overdue',
          incidentId: 'inc-1',
          title: 'INC-1 SEV-1: status update overdue',
          urgent: true,
        }),
      },
    ]);
    expect(due[0]?.notice.body).toMatch(/As Incident Lead you owe the next one/);
    expect(overdueUpdateNotices(hub.state, bob.id, at(hub, 31), new Set())).toEqual([]);
  });

  it('tells the Communication Lead instead when someone holds Comms', () => {
    const hub = sev1();
    hub.ok('role.assign', { role: 'comms', person: bob });
    expect(overdueUpdateNotices(hub.state, alice.id, at(hub, 45), new Set())).toEqual([]);
    const [due] = overdueUpdateNotices(hub.state, bob.id, at(hub, 45), new Set());
    expect(due?.notice.body).toMatch(/As Communication Lead/);
  });

  it('tells once per overdue period: not again while it stays overdue, again after an update falls overdue', () => {
    const hub = sev1();
    const [first] = overdueUpdateNotices(hub.state, alice.id, at(hub, 31), new Set());
    const told = new Set([first?.key ?? '']);
    expect(overdueUpdateNotices(hub.state, alice.id, at(hub, 90), told)).toEqual([]);
    hub
      .advance(40)
      .ok('status_update.post', { updateId: 'u1', text: 'Still down, failing over', audience: 'internal' });
    expect(overdueUpdateNotices(hub.state, alice.id, at(hub, 60), told)).toEqual([]);
    const [second] = overdueUpdateNotices(hub.state, alice.id, at(hub, 71), told);
    expect(second?.key).not.toBe(first?.key);
  });

  it('asks nothing of SEV-3 incidents or incidents no longer active', () => {
    const hub = new TestHub();
    hub.declare({ severity: 'SEV-3' }, { actor: alice });
    expect(overdueUpdateNotices(hub.state, alice.id, at(hub, 600), new Set())).toEqual([]);
    const resolved = sev1();
    resolved.ok('incident.change_status', { status: 'resolved', reason: 'fixed' });
    expect(overdueUpdateNotices(resolved.state, alice.id, at(resolved, 600), new Set())).toEqual([]);
  });
});

describe('nextOverdueAt', () => {
  it('is just after the next due time of an update I owe; null when I owe none', () => {
    const hub = sev1();
    expect(nextOverdueAt(hub.state, alice.id, at(hub, 5))).toBe(at(hub, 30) + 1);
    expect(nextOverdueAt(hub.state, alice.id, at(hub, 31))).toBe(null);
    expect(nextOverdueAt(hub.state, bob.id, at(hub, 5))).toBe(null);
  });
});
