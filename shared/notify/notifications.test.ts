import { describe, expect, it } from 'vitest';
import { alice, bob, carol, TestHub } from '../domain/test-support.js';
import { DEFAULT_NOTIFICATION_PREFS } from '../ipc/settings.js';
import { PAGING_ACTOR } from '../oncall/paging.js';
import { defaultNewIncidentNotices } from './new-incident-audience.js';
import { notificationsFor, withoutPagedIncidents, type NoticeContext } from './notifications.js';

const responder = (id = bob.id): NoticeContext => ({
  me: { id, role: 'responder' },
  notices: defaultNewIncidentNotices('responder'),
  routes: null,
  prefs: DEFAULT_NOTIFICATION_PREFS,
});

describe('notificationsFor', () => {
  it('announces a SEV-1 declared by someone else to a responder, urgent, with its service', () => {
    const hub = new TestHub();
    const events = hub.declare({ title: 'Checkout down', severity: 'SEV-1', service: 'checkout' }, { actor: alice });
    const [notice, ...rest] = notificationsFor(events, hub.state, responder());
    expect(rest).toEqual([]);
    expect(notice).toMatchObject({ kind: 'new-incident', incidentId: 'inc-1', urgent: true, source: 'Alice' });
    expect(notice?.title).toBe('INC-1 SEV-1: Checkout down');
    expect(notice?.body).toMatch(/Service: checkout/);
  });

  it('stays quiet about my own actions: an incident I declared, a role I gave myself, an escalation I made', () => {
    const hub = new TestHub();
    const events = [
      ...hub.declare({ severity: 'SEV-3' }, { actor: bob }),
      ...hub.ok('role.assign', { role: 'comms', person: bob }, { actor: bob }),
      ...hub.ok('incident.change_severity', { severity: 'SEV-1', reason: 'worse' }, { actor: bob }),
    ];
    expect(notificationsFor(events, hub.state, responder())).toEqual([]);
  });

  it('gives viewers nothing by default, and SEV-3 nothing to anyone by default', () => {
    const hub = new TestHub();
    const sev1 = hub.declare({ severity: 'SEV-1' }, { actor: alice, incidentId: 'inc-1' });
    const sev3 = hub.declare({ severity: 'SEV-3' }, { actor: alice, incidentId: 'inc-2' });
    const viewer: NoticeContext = {
      ...responder(carol.id),
      me: { id: carol.id, role: 'viewer' },
      notices: defaultNewIncidentNotices('viewer'),
    };
    expect(notificationsFor([...sev1, ...sev3], hub.state, viewer)).toEqual([]);
    expect(notificationsFor(sev3, hub.state, responder())).toEqual([]);
  });

  it('announces a SEV-2 only to members of the rotation that covers its service', () => {
    const hub = new TestHub();
    const events = hub.declare({ severity: 'SEV-2', service: 'Checkout' }, { actor: alice });
    const routes = {
      rotations: [{ id: 'rot-checkout', members: [bob] }],
      services: [{ service: 'checkout', rotationId: 'rot-checkout' }],
      defaultRotationId: null,
    };
    expect(notificationsFor(events, hub.state, { ...responder(), routes })).toHaveLength(1);
    expect(notificationsFor(events, hub.state, { ...responder(carol.id), routes })).toEqual([]);
    // Routes not known: counted as "not on it".
    expect(notificationsFor(events, hub.state, responder())).toEqual([]);
  });

  it("follows the person's own choice per severity: a viewer who opts in to SEV-1, a responder who opts out", () => {
    const hub = new TestHub();
    const events = hub.declare({ severity: 'SEV-1' }, { actor: alice });
    const optIn: NoticeContext = {
      ...responder(carol.id),
      me: { id: carol.id, role: 'viewer' },
      notices: { 'SEV-1': 'always', 'SEV-2': 'never', 'SEV-3': 'never' },
    };
    expect(notificationsFor(events, hub.state, optIn)).toHaveLength(1);
    const optOut = { ...responder(), notices: { 'SEV-1': 'never', 'SEV-2': 'never', 'SEV-3': 'never' } as const };
    expect(notificationsFor(events, hub.state, optOut)).toEqual([]);
  });

  it('announces an escalation made by someone else to those the new severity concerns, not a downgrade', () => {
    const hub = new TestHub();
    hub.declare({ severity: 'SEV-3' }, { actor: alice });
    const up = hub.ok('incident.change_severity', { severity: 'SEV-1', reason: 'spreading' }, { actor: alice });
    expect(notificationsFor(up, hub.state, responder())).toEqual([
      expect.objectContaining({ kind: 'escalation', title: 'INC-1 SEV-1: escalated from SEV-3', urgent: true }),
    ]);
    const down = hub.ok('incident.change_severity', { severity: 'SEV-2', reason: 'contained' }, { actor: alice });
    expect(notificationsFor(down, hub.state, responder())).toEqual([]);
  });

  it('announces a new incident once even when a batch escalates it too', () => {
    const hub = new TestHub();
    const events = [
      ...hub.declare({ severity: 'SEV-3' }, { actor: alice }),
      ...hub.ok('incident.change_severity', { severity: 'SEV-1', reason: 'spreading' }, { actor: alice }),
    ];
    expect(notificationsFor(events, hub.state, responder()).map((n) => n.kind)).toEqual(['new-incident']);
  });

  it('tells me when someone else gives me a role, whatever my new-incident choice', () => {
    const hub = new TestHub();
    hub.declare({ severity: 'SEV-3' }, { actor: alice });
    const events = hub.ok('role.assign', { role: 'comms', person: bob }, { actor: alice });
    expect(notificationsFor(events, hub.state, responder())).toEqual([
      expect.objectContaining({ kind: 'role-assigned', title: 'You are Communication Lead on INC-1' }),
    ]);
    expect(notificationsFor(events, hub.state, responder(carol.id))).toEqual([]);
  });

  it("follows this device's switches: kinds switched off, and a minimum severity", () => {
    const hub = new TestHub();
    const events = hub.declare({ severity: 'SEV-1' }, { actor: alice });
    const prefs = DEFAULT_NOTIFICATION_PREFS;
    expect(notificationsFor(events, hub.state, { ...responder(), prefs: { ...prefs, newIncident: false } })).toEqual(
      [],
    );
    hub.ok('incident.change_severity', { severity: 'SEV-2', reason: 'contained' }, { actor: alice });
    expect(notificationsFor(events, hub.state, { ...responder(), prefs: { ...prefs, minSeverity: 'SEV-1' } })).toEqual(
      [],
    );
  });

  it('ignores incidents that are no longer active', () => {
    const hub = new TestHub();
    const events = hub.declare({ severity: 'SEV-1' }, { actor: alice });
    hub.ok('incident.change_status', { status: 'resolved', reason: 'fixed' }, { actor: alice });
    expect(notificationsFor(events, hub.state, responder())).toEqual([]);
  });
});

describe('withoutPagedIncidents', () => {
  it('drops the new-incident notice of an incident that pages me (sent or held), keeps roles and other incidents', () => {
    const hub = new TestHub();
    const declared = [
      ...hub.declare({ severity: 'SEV-1' }, { actor: alice, incidentId: 'inc-1' }),
      ...hub.declare({ severity: 'SEV-1' }, { actor: alice, incidentId: 'inc-2' }),
    ];
    hub.ok(
      'page.record',
      {
        pageId: 'inc-1-s0-r0-u-bob',
        person: bob,
        reason: 'initial',
        step: 0,
        round: 0,
        rotationId: 'checkout',
        heldUntil: null,
      },
      { incidentId: 'inc-1', actor: PAGING_ACTOR },
    );
    const role = hub.ok('role.assign', { role: 'comms', person: bob }, { actor: alice, incidentId: 'inc-1' });
    const notices = notificationsFor([...declared, ...role], hub.state, responder());
    expect(notices.map((n) => `${n.kind}:${n.incidentId}`)).toEqual([
      'new-incident:inc-1',
      'new-incident:inc-2',
      'role-assigned:inc-1',
    ]);
    expect(withoutPagedIncidents(notices, hub.state, bob.id).map((n) => `${n.kind}:${n.incidentId}`)).toEqual([
      'new-incident:inc-2',
      'role-assigned:inc-1',
    ]);
    // A page pushed by the hub before its event arrived counts too.
    expect(withoutPagedIncidents(notices, hub.state, carol.id, new Set(['inc-2'])).map((n) => n.incidentId)).toEqual([
      'inc-1',
      'inc-1',
    ]);
  });
});
