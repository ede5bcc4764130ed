import { describe, expect, it } from 'vitest';
import type { Severity } from './severity.js';
import { UPDATE_CADENCE_MINUTES, updateCadence } from './status-cadence.js';
import { T0, TestHub, minutesAfter } from './test-support.js';

const at = (minutes: number) => Date.parse(minutesAfter(T0, minutes));

function declared(severity: Severity): TestHub {
  const hub = new TestHub();
  hub.declare({ severity });
  return hub;
}

let updates = 0;
function post(hub: TestHub, audience: 'internal' | 'external' = 'internal', clientAt?: string): void {
  updates += 1;
  const title = audience === 'external' ? { publicTitle: 'Checkout' } : {};
  const payload = { updateId: `u-${updates}`, text: 'Update', audience, ...title };
  hub.ok('status_update.post', payload, clientAt ? { clientAt } : {});
}

describe('UPDATE_CADENCE_MINUTES', () => {
  it('is 30 minutes for SEV-1, an hour for SEV-2 and none for SEV-3', () => {
    expect(UPDATE_CADENCE_MINUTES).toEqual({ 'SEV-1': 30, 'SEV-2': 60, 'SEV-3': null });
  });
});

describe('updateCadence', () => {
  it('starts the clock at declaration when nothing was posted', () => {
    const hub = declared('SEV-1');
    expect(updateCadence(hub.incident(), at(10))).toEqual({
      lastUpdateAt: null,
      dueAt: minutesAfter(T0, 30),
      overdue: false,
      minutesOverdue: 0,
    });
  });

  it('restarts the clock at the last update, internal or external', () => {
    const hub = declared('SEV-2');
    hub.advance(20);
    post(hub, 'internal');
    hub.advance(25);
    post(hub, 'external');
    expect(updateCadence(hub.incident(), at(50))).toEqual({
      lastUpdateAt: minutesAfter(T0, 45),
      dueAt: minutesAfter(T0, 105),
      overdue: false,
      minutesOverdue: 0,
    });
  });

  it('uses the latest update by time, not the last one recorded (an offline update arrives late)', () => {
    const hub = declared('SEV-1');
    hub.advance(20);
    post(hub);
    hub.advance(10);
    post(hub, 'internal', minutesAfter(T0, 5));
    expect(updateCadence(hub.incident(), at(30)).lastUpdateAt).toBe(minutesAfter(T0, 20));
  });

  it('is due exactly at the cadence and overdue after it, in whole minutes', () => {
    const incident = declared('SEV-1').incident();
    expect(updateCadence(incident, at(30))).toMatchObject({ overdue: false, minutesOverdue: 0 });
    expect(updateCadence(incident, at(30) + 1)).toMatchObject({ overdue: true, minutesOverdue: 0 });
    expect(updateCadence(incident, at(42.5))).toMatchObject({ overdue: true, minutesOverdue: 12 });
    expect(updateCadence(incident, at(30 + 24 * 60))).toMatchObject({ overdue: true, minutesOverdue: 1440 });
  });

  it('follows the current severity', () => {
    const hub = declared('SEV-2');
    expect(updateCadence(hub.incident(), at(45)).overdue).toBe(false);
    hub.ok('incident.change_severity', { severity: 'SEV-1', reason: 'worse' });
    expect(updateCadence(hub.incident(), at(45))).toEqual({
      lastUpdateAt: null,
      dueAt: minutesAfter(T0, 30),
      overdue: true,
      minutesOverdue: 15,
    });
  });

  it('owes nothing for SEV-3, but still says when the last update was', () => {
    const hub = declared('SEV-3');
    hub.advance(5);
    post(hub);
    expect(updateCadence(hub.incident(), at(600))).toEqual({
      lastUpdateAt: minutesAfter(T0, 5),
      dueAt: null,
      overdue: false,
      minutesOverdue: 0,
    });
  });

  it('owes nothing once resolved, closed or declined, and again after a reopen', () => {
    const hub = declared('SEV-1');
    hub.ok('incident.change_status', { status: 'mitigated' });
    expect(updateCadence(hub.incident(), at(90)).overdue).toBe(true);
    hub.ok('incident.change_status', { status: 'resolved' });
    expect(updateCadence(hub.incident(), at(90))).toMatchObject({ dueAt: null, overdue: false, minutesOverdue: 0 });
    hub.advance(60);
    hub.ok('incident.change_status', { status: 'investigating', reason: 'errors are back' });
    expect(updateCadence(hub.incident(), at(90))).toMatchObject({ dueAt: minutesAfter(T0, 30), overdue: true });
    hub.ok('incident.change_status', { status: 'resolved' });
    // A SEV-1 closes only with its postmortem published (the review gate).
    hub.ok('postmortem.publish', { revision: 'r-1', baseRevision: null, markdown: '# Postmortem' });
    hub.ok('incident.change_status', { status: 'closed' });
    expect(updateCadence(hub.incident(), at(90)).dueAt).toBeNull();

    const triage = new TestHub();
    triage.declare({ severity: 'SEV-1', status: 'triage' });
    expect(updateCadence(triage.incident(), at(31)).overdue).toBe(true);
    triage.ok('incident.change_status', { status: 'declined', reason: 'false alarm' });
    expect(updateCadence(triage.incident(), at(31))).toMatchObject({ dueAt: null, overdue: false });
  });

  it('takes another cadence', () => {
    const incident = declared('SEV-3').incident();
    const cadence = { 'SEV-1': 15, 'SEV-2': 30, 'SEV-3': 240 };
    expect(updateCadence(incident, at(250), cadence)).toEqual({
      lastUpdateAt: null,
      dueAt: minutesAfter(T0, 240),
      overdue: true,
      minutesOverdue: 10,
    });
  });
});
