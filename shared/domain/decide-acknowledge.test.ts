/** incident.acknowledge, plain and "Acknowledge and lead" (`lead: true`): decide and the reducer, as the hub runs them. */
import { describe, expect, it } from 'vitest';
import type { NormalizedAlert } from '../alerts/alert.js';
import type { Decision } from './decide.js';
import type { Person } from './primitives.js';
import { INC, T0, TestHub, alice, bob, carol, minutesAfter } from './test-support.js';

const WARROOM: Person = { id: 'warroom', name: 'Warroom' };

const ALERT: NormalizedAlert = {
  source: 'alertmanager',
  key: 'checkout-5xx',
  status: 'firing',
  title: 'Checkout 5xx above 5%',
  description: '',
  service: 'checkout',
  team: 'payments',
  impact: '',
  cause: '',
  runbookUrl: '',
  url: '',
  severity: 'SEV-1',
  startsAt: T0,
  endsAt: null,
  labels: {},
};

/** An incident opened by an alert: triage, nobody leads, nobody acknowledged. */
function fromAlert(): TestHub {
  const hub = new TestHub();
  hub.ok('alert.receive', { alert: ALERT }, { actor: { id: 'integration-alertmanager', name: 'Alertmanager' } });
  return hub;
}

/** The types of the events a decision would record. */
const types = (decision: Decision) => (decision.ok ? decision.events.map((e) => e.type) : decision.error.code);

describe('Acknowledge and lead', () => {
  it('acknowledges, takes the vacant lead with its checklist, and starts investigating, in one decision', () => {
    const hub = fromAlert();
    hub.advance(2);
    const decision = hub.send('incident.acknowledge', { lead: true }, { actor: bob });
    expect(types(decision)).toEqual([
      'incident.acknowledged',
      'role.assigned',
      'checklist.created',
      'incident.status_changed',
    ]);
    const incident = hub.incident();
    expect(incident.roles.lead).toEqual(bob);
    expect(incident.status).toBe('investigating');
    expect(incident.checklists.map((c) => c.templateId)).toContain('role-lead');
    expect(incident.moments.acknowledgedAt).toBe(minutesAfter(T0, 2));
    expect(incident.lastAcknowledgedBy).toEqual(bob);
    // One command, one commit: every event carries its command id.
    expect(new Set(hub.log.slice(-4).map((e) => e.commandId)).size).toBe(1);
  });

  it('only acknowledges and moves to investigating when the actor already leads', () => {
    const hub = fromAlert();
    hub.ok('role.claim', { role: 'lead' }, { actor: bob });
    const decision = hub.send('incident.acknowledge', { lead: true }, { actor: bob });
    expect(types(decision)).toEqual(['incident.acknowledged', 'incident.status_changed']);
    expect(hub.incident().roles.lead).toEqual(bob);
  });

  it('refuses the whole command with role_taken when someone else leads, changing nothing', () => {
    const hub = fromAlert();
    hub.ok('role.claim', { role: 'lead' }, { actor: carol });
    const before = hub.state;
    expect(hub.send('incident.acknowledge', { lead: true }, { actor: bob })).toEqual({
      ok: false,
      error: {
        code: 'role_taken',
        message: 'Carol already leads INC-1. Acknowledge without taking the lead, or ask Carol to hand over.',
      },
    });
    expect(hub.state).toBe(before);
    // Acknowledging without the lead is still open to Bob.
    expect(types(hub.send('incident.acknowledge', {}, { actor: bob }))).toEqual(['incident.acknowledged']);
  });

  it('takes a lead left vacant on an incident someone already acknowledged, without acknowledging twice', () => {
    const hub = new TestHub();
    hub.declare({ severity: 'SEV-2' }, { actor: alice }); // investigating: acknowledged at declaration
    hub.ok('role.release', { role: 'lead' }, { actor: alice });
    const decision = hub.send('incident.acknowledge', { lead: true }, { actor: bob });
    // The lead checklist exists already (Alice led): only the role changes hands.
    expect(types(decision)).toEqual(['role.assigned']);
    expect(hub.incident().roles.lead).toEqual(bob);
    expect(hub.incident().status).toBe('investigating');
  });

  it('says there is nothing to do when the actor leads and it was acknowledged', () => {
    const hub = new TestHub();
    hub.declare({}, { actor: alice });
    expect(hub.send('incident.acknowledge', { lead: true }, { actor: alice })).toEqual({
      ok: false,
      error: { code: 'no_change', message: 'You already lead INC-1 and it was acknowledged.' },
    });
    expect(hub.send('incident.acknowledge', {}, { actor: alice })).toEqual({
      ok: false,
      error: { code: 'no_change', message: 'INC-1 was already acknowledged.' },
    });
  });

  it('acknowledges a re-page that came after the last acknowledgement', () => {
    const hub = new TestHub();
    hub.declare({ severity: 'SEV-1' }, { actor: alice });
    hub.advance(31);
    hub.ok('page.record', page(alice, 'ack-timeout', 0, 0), { actor: WARROOM });
    hub.advance(1);
    expect(types(hub.send('incident.acknowledge', { lead: true }, { actor: alice }))).toEqual([
      'incident.acknowledged',
    ]);
    expect(hub.incident().lastAcknowledgedAt).toBe(minutesAfter(T0, 32));
  });

  it('defaults lead to false: a plain acknowledge leaves the roles and status alone', () => {
    const hub = fromAlert();
    expect(types(hub.send('incident.acknowledge', {}, { actor: bob }))).toEqual(['incident.acknowledged']);
    expect(hub.incident().roles.lead).toBeNull();
    expect(hub.incident().status).toBe('triage');
  });
});

describe('pages are acknowledged per person', () => {
  it('bob paged as backup acknowledges: his page is acknowledged, ana’s (the primary) is not', () => {
    const hub = fromAlert();
    hub.ok('page.record', page(alice, 'initial', 0, 0), { actor: WARROOM });
    hub.advance(5);
    hub.ok('page.record', page(bob, 'escalation', 1, 0), { actor: WARROOM });
    hub.advance(1);
    hub.ok('incident.acknowledge', { lead: true }, { actor: bob });
    const [ana, backup] = hub.incident().pages;
    expect(backup).toMatchObject({ person: bob, acknowledgedAt: minutesAfter(T0, 6) });
    expect(ana).toMatchObject({ person: alice, acknowledgedAt: null });
    expect(hub.incident().lastAcknowledgedBy).toEqual(bob);
  });

  it('answers no page when someone who was not paged acknowledges', () => {
    const hub = fromAlert();
    hub.ok('page.record', page(alice, 'initial', 0, 0), { actor: WARROOM });
    hub.advance(2);
    hub.ok('incident.acknowledge', {}, { actor: carol });
    expect(hub.incident().pages.map((p) => p.acknowledgedAt)).toEqual([null]);
    expect(hub.incident().moments.acknowledgedAt).toBe(minutesAfter(T0, 2));
    expect(hub.incident().lastAcknowledgedBy).toEqual(carol);
  });

  it('counts moving the incident to investigating as the paged person acknowledging', () => {
    const hub = fromAlert();
    hub.ok('page.record', page(alice, 'initial', 0, 0), { actor: WARROOM });
    hub.advance(3);
    hub.ok('incident.change_status', { status: 'investigating' }, { actor: alice });
    expect(hub.incident().pages[0]?.acknowledgedAt).toBe(minutesAfter(T0, 3));
  });

  it('does not answer a held page: it never reached the person', () => {
    const hub = fromAlert();
    hub.ok('page.record', { ...page(alice, 'initial', 0, 0), heldUntil: minutesAfter(T0, 60) }, { actor: WARROOM });
    hub.ok('incident.acknowledge', {}, { actor: alice });
    expect(hub.incident().pages[0]).toMatchObject({ status: 'held', acknowledgedAt: null });
  });
});

/** A page.record payload for `person` at a place in the chain. */
function page(
  person: Person,
  reason: 'initial' | 'escalation' | 'repeat' | 'ack-timeout',
  step: number,
  round: number,
) {
  return {
    pageId: `${INC}-${reason}-s${step}-r${round}-${person.id}`,
    person,
    reason,
    step,
    round,
    rotationId: 'checkout',
    heldUntil: null,
  };
}
