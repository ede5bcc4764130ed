import { describe, expect, it } from 'vitest';
import { COMMAND_TYPES, type CommandType } from './commands.js';
import { decide, type Decision } from './decide.js';
import type { ErrorCode } from './errors.js';
import type { EventDraft } from './events.js';
import type { Status } from './status.js';
import {
  INC,
  T0,
  TestHub,
  alice,
  bob,
  command,
  deepFreeze,
  minutesAfter,
  type PayloadInputs,
  type SendOptions,
} from './test-support.js';

/** The post-incident review goes on after closing. */
const AFTER_CLOSING: readonly CommandType[] = [
  'postmortem.publish',
  'followup.add',
  'followup.set_state',
  'followup.assign',
];

/** One valid payload per command type, for the guards every command passes through. */
const SAMPLES: PayloadInputs = {
  'incident.declare': { title: 'Another', severity: 'SEV-3' },
  'incident.update': { title: 'Renamed' },
  'incident.change_severity': { severity: 'SEV-1', reason: 'worse' },
  'incident.change_status': { status: 'investigating', reason: 'back again' },
  'incident.acknowledge': {},
  'role.assign': { role: 'comms', person: bob },
  'role.claim': { role: 'fixer' },
  'role.release': { role: 'lead' },
  'checklist.create': { checklistId: 'c-1', title: 'Mine', items: ['a'] },
  'checklist.add_item': { checklistId: 'tpl-sev-2', itemId: 'x', text: 'Roll back' },
  'checklist.set_item': { checklistId: 'tpl-sev-2', itemId: 'tpl-sev-2-1', done: true },
  'checklist.assign_item': { checklistId: 'tpl-sev-2', itemId: 'tpl-sev-2-1', owner: bob },
  'tried.add': { entryId: 'e-1', what: 'Restart' },
  'tried.set_outcome': { entryId: 'e-1', outcome: 'helped' },
  'tried.strike': { entryId: 'e-1', reason: 'wrong incident' },
  'status_update.post': { updateId: 'u-1', text: 'Looking', audience: 'internal' },
  'incident.set_public': { title: 'Checkout is slow' },
  'postmortem.publish': { revision: 'r-1', baseRevision: null, markdown: '# Postmortem' },
  'followup.add': { followupId: 'f-1', text: 'Alert on pool saturation' },
  'followup.set_state': { followupId: 'f-1', state: 'done' },
  'followup.assign': { followupId: 'f-1', owner: bob },
  'alert.receive': {
    alert: {
      source: 'generic',
      key: 'k-1',
      status: 'firing',
      title: 'Disk full',
      description: '',
      service: 'db',
      team: '',
      impact: '',
      cause: '',
      runbookUrl: '',
      url: '',
      severity: 'SEV-2',
      startsAt: T0,
      endsAt: null,
      labels: {},
    },
  },
  'page.record': {
    pageId: 'p-1',
    person: bob,
    reason: 'initial',
    step: 0,
    round: 0,
    rotationId: null,
    heldUntil: null,
  },
  'page.report_unrouted': { severity: 'SEV-1', service: 'search', reason: 'no rotation covers search' },
  'page.choose_rotation': { rotationId: 'checkout' },
  'page.record_delivery': {
    pageId: 'p-1',
    methodId: 'm-1',
    method: 'email',
    target: 'a•••@example.com',
    result: 'sent',
    attempt: 1,
    detail: '250 OK',
    nextAttemptAt: null,
  },
};

function sendSample<T extends CommandType>(hub: TestHub, type: T, options: SendOptions = {}): Decision {
  return hub.send(type, SAMPLES[type], options);
}

function refused(decision: Decision): { code: ErrorCode; message: string } {
  if (decision.ok) throw new Error(`expected a refusal, got ${decision.events.map((e) => e.type).join(', ')}`);
  return decision.error;
}

function accepted(decision: Decision): EventDraft[] {
  if (!decision.ok) throw new Error(`expected acceptance, got ${decision.error.code}: ${decision.error.message}`);
  return decision.events;
}

/** A hub with one declared incident (SEV-2, investigating, Alice leads), walked along `path`. */
function hubWith(path: readonly Status[] = [], declare: Parameters<TestHub['declare']>[0] = {}): TestHub {
  const hub = new TestHub();
  hub.declare(declare);
  for (const status of path) hub.ok('incident.change_status', { status, reason: 'because' });
  return hub;
}

describe('incident.declare', () => {
  it('declares, makes the declarer lead, and adds the severity and lead checklists', () => {
    const hub = new TestHub();
    const decision = hub.send('incident.declare', { title: 'Search is slow', severity: 'SEV-3', service: 'search' });
    expect(decision).toEqual({
      ok: true,
      events: [
        {
          type: 'incident.declared',
          incidentId: INC,
          payload: {
            number: 1,
            title: 'Search is slow',
            severity: 'SEV-3',
            status: 'investigating',
            summary: '',
            impact: '',
            service: 'search',
            team: '',
            impactStartedAt: null,
            detectedAt: T0,
          },
        },
        { type: 'role.assigned', incidentId: INC, payload: { role: 'lead', person: alice, replaced: null } },
        {
          type: 'checklist.created',
          incidentId: INC,
          payload: {
            checklistId: 'tpl-sev-3',
            title: 'SEV-3 follow-up',
            templateId: 'sev-3',
            items: [
              { id: 'tpl-sev-3-1', text: 'Confirm the owning team knows' },
              { id: 'tpl-sev-3-2', text: 'Decide whether this needs escalation' },
            ],
          },
        },
        {
          type: 'checklist.created',
          incidentId: INC,
          payload: {
            checklistId: 'tpl-role-lead',
            title: 'Incident Lead',
            templateId: 'role-lead',
            items: [
              { id: 'tpl-role-lead-1', text: 'Confirm the severity' },
              { id: 'tpl-role-lead-2', text: 'Make sure every role is filled' },
              { id: 'tpl-role-lead-3', text: 'Set the next status update time' },
            ],
          },
        },
      ],
    });
    expect(hub.incident()).toMatchObject({ number: 1, declaredBy: alice, roles: { lead: alice, comms: null } });
  });

  it.each([
    ['SEV-1', 'tpl-sev-1', 5],
    ['SEV-2', 'tpl-sev-2', 3],
    ['SEV-3', 'tpl-sev-3', 2],
  ] as const)('adds the %s checklist', (severity, checklistId, count) => {
    const hub = new TestHub();
    hub.declare({ severity });
    expect(hub.incident().checklists.map((c) => [c.id, c.items.length])).toEqual([
      [checklistId, count],
      ['tpl-role-lead', 3],
    ]);
  });

  it('hands the lead to someone else at once, while the declarer stays the declarer', () => {
    const hub = new TestHub();
    const events = accepted(
      hub.send('incident.declare', { title: 'T', severity: 'SEV-1', lead: bob }, { actor: alice }),
    );
    expect(events[1]).toEqual({
      type: 'role.assigned',
      incidentId: INC,
      payload: { role: 'lead', person: bob, replaced: null },
    });
    expect(hub.incident()).toMatchObject({ declaredBy: alice, roles: { lead: bob } });
  });

  it('starts an alert in triage', () => {
    const hub = new TestHub();
    hub.declare({ status: 'triage' });
    expect(hub.incident()).toMatchObject({ status: 'triage', moments: { acknowledgedAt: null } });
  });

  it('numbers incidents in declaration order', () => {
    const hub = new TestHub();
    hub.declare();
    hub.declare({}, { incidentId: 'inc-2' });
    expect(hub.incident('inc-2').number).toBe(2);
    expect(hub.state.nextNumber).toBe(3);
  });

  it('takes detection from the client clock, but never later than the hub clock', () => {
    const hub = new TestHub(minutesAfter(T0, 10));
    const early = accepted(hub.send('incident.declare', SAMPLES['incident.declare'], { clientAt: T0 }));
    expect(early[0]).toMatchObject({ payload: { detectedAt: T0 } });
    const late = accepted(
      hub.send('incident.declare', SAMPLES['incident.declare'], {
        incidentId: 'inc-2',
        clientAt: minutesAfter(T0, 60),
      }),
    );
    expect(late[0]).toMatchObject({ payload: { detectedAt: hub.now } });
  });

  it('keeps given impact and detection times', () => {
    const hub = new TestHub(minutesAfter(T0, 10));
    const [declared] = accepted(
      hub.send('incident.declare', { title: 'T', severity: 'SEV-2', impactStartedAt: T0, detectedAt: T0 }),
    );
    expect(declared).toMatchObject({ payload: { impactStartedAt: T0, detectedAt: T0 } });
  });

  it('refuses an id that is taken, even by a closed incident', () => {
    const hub = hubWith(['resolved', 'closed']);
    expect(refused(hub.send('incident.declare', SAMPLES['incident.declare'])).code).toBe('already_exists');
  });

  it('refuses detection in the future', () => {
    const hub = new TestHub();
    const error = refused(
      hub.send('incident.declare', { title: 'T', severity: 'SEV-1', detectedAt: minutesAfter(T0, 1) }),
    );
    expect(error).toEqual({ code: 'invalid_time', message: 'Detection time is in the future.' });
  });

  it('refuses impact that starts after detection, whether detection is given or defaulted', () => {
    const hub = new TestHub(minutesAfter(T0, 10));
    const given = { title: 'T', severity: 'SEV-1', detectedAt: T0, impactStartedAt: minutesAfter(T0, 1) } as const;
    expect(refused(hub.send('incident.declare', given)).code).toBe('invalid_time');
    const defaulted = { title: 'T', severity: 'SEV-1', impactStartedAt: minutesAfter(T0, 5) } as const;
    expect(refused(hub.send('incident.declare', defaulted, { clientAt: T0 })).message).toBe(
      'Impact cannot start after it was detected.',
    );
    expect(hub.state.seq).toBe(0);
  });

  it('takes "impact started just now" from a clock running ahead of the hub as the detection time', () => {
    const hub = new TestHub(T0);
    const ahead = minutesAfter(T0, 2);
    const declared = { title: 'T', severity: 'SEV-1', impactStartedAt: ahead } as const;
    expect(hub.send('incident.declare', declared, { clientAt: ahead }).ok).toBe(true);
    const incident = Object.values(hub.state.incidents)[0];
    expect(incident?.moments).toMatchObject({ detectedAt: T0, impactStartedAt: T0 });
  });
});

describe('guards every command passes', () => {
  // alert.receive may declare, so it has no incident to guard (decide-alerts.test.ts covers it).
  const others = COMMAND_TYPES.filter((t) => t !== 'incident.declare' && t !== 'alert.receive');

  it.each(others)('%s on an unknown incident is not_found', (type) => {
    const hub = hubWith();
    const error = refused(sendSample(hub, type, { incidentId: 'ghost' }));
    expect(error).toEqual({ code: 'not_found', message: 'No incident with id ghost.' });
  });

  it.each(others.filter((t) => !AFTER_CLOSING.includes(t)))('%s on a closed incident is incident_closed', (type) => {
    const hub = hubWith(['resolved', 'closed']);
    expect(refused(sendSample(hub, type))).toEqual({
      code: 'incident_closed',
      message: 'INC-1 is closed; declare a new incident instead.',
    });
  });

  it.each(others.filter((t) => t !== 'incident.change_status'))(
    '%s on a declined incident is incident_closed',
    (type) => {
      const hub = hubWith(['declined'], { status: 'triage' });
      expect(refused(sendSample(hub, type))).toEqual({
        code: 'incident_closed',
        message: 'INC-1 was declined; reopen it first.',
      });
    },
  );

  it('lets a declined incident be reopened, with a reason', () => {
    const hub = hubWith(['declined'], { status: 'triage' });
    expect(refused(hub.send('incident.change_status', { status: 'investigating' })).code).toBe('reason_required');
    expect(accepted(sendSample(hub, 'incident.change_status'))).toHaveLength(1);
    expect(hub.incident()).toMatchObject({ status: 'investigating', reopenCount: 1 });
  });

  it.each(['constructor', 'toString', '__proto__'])('treats %j as an unknown incident, not an inherited one', (id) => {
    const hub = hubWith();
    const ack = { ...command('incident.acknowledge', {}), incidentId: id };
    expect(refused(decide(hub.state, ack, alice, T0)).code).toBe('not_found');
    const declare = { ...command('incident.declare', SAMPLES['incident.declare']), incidentId: id };
    expect(accepted(decide(hub.state, declare, alice, T0))).toHaveLength(4);
  });

  it('does not touch the state it decides on', () => {
    const hub = hubWith();
    const state = deepFreeze(hub.state);
    const snapshot = structuredClone(state);
    for (const type of COMMAND_TYPES) decide(state, command(type, SAMPLES[type]), alice, T0);
    expect(state).toEqual(snapshot);
  });
});

describe('incident.update', () => {
  it('sends only the fields that change', () => {
    const hub = hubWith([], { team: 'payments' });
    const decision = hub.send('incident.update', {
      title: 'Checkout slow',
      team: 'payments',
      summary: 'Half the carts',
    });
    expect(decision).toEqual({
      ok: true,
      events: [
        {
          type: 'incident.updated',
          incidentId: INC,
          payload: { changes: { title: 'Checkout slow', summary: 'Half the carts' } },
        },
      ],
    });
    expect(hub.incident()).toMatchObject({ title: 'Checkout slow', summary: 'Half the carts' });
  });

  it('moves the moments, and clears the impact start', () => {
    const hub = hubWith([], { impactStartedAt: minutesAfter(T0, -20) });
    hub.advance(5);
    hub.ok('incident.update', { detectedAt: minutesAfter(T0, -10), impactStartedAt: minutesAfter(T0, -15) });
    expect(hub.incident().moments).toMatchObject({
      detectedAt: minutesAfter(T0, -10),
      impactStartedAt: minutesAfter(T0, -15),
    });
    const [event] = hub.ok('incident.update', { impactStartedAt: null });
    expect(event?.payload).toEqual({ changes: { impactStartedAt: null } });
    expect(hub.incident().moments.impactStartedAt).toBeNull();
  });

  it('refuses when nothing changes', () => {
    const hub = hubWith([], { service: 'checkout' });
    const error = refused(hub.send('incident.update', { title: 'Checkout is failing', service: 'checkout' }));
    expect(error).toEqual({ code: 'no_change', message: 'Nothing to change: the values are the same.' });
  });

  it('refuses detection in the future', () => {
    const hub = hubWith();
    expect(refused(hub.send('incident.update', { detectedAt: minutesAfter(T0, 1) })).code).toBe('invalid_time');
  });

  it('refuses impact after detection, checked against the stored detection time too', () => {
    const hub = hubWith([], { impactStartedAt: minutesAfter(T0, -20) });
    expect(refused(hub.send('incident.update', { impactStartedAt: minutesAfter(T0, 1) })).code).toBe('invalid_time');
    expect(refused(hub.send('incident.update', { detectedAt: minutesAfter(T0, -30) })).code).toBe('invalid_time');
  });
});

describe('incident.change_severity', () => {
  it('records from, to and why', () => {
    const hub = hubWith();
    expect(hub.send('incident.change_severity', { severity: 'SEV-1', reason: 'All regions' })).toEqual({
      ok: true,
      events: [
        {
          type: 'incident.severity_changed',
          incidentId: INC,
          payload: { from: 'SEV-2', to: 'SEV-1', reason: 'All regions' },
        },
      ],
    });
    expect(hub.incident().severity).toBe('SEV-1');
  });

  it('refuses the severity it already has', () => {
    const hub = hubWith();
    expect(refused(hub.send('incident.change_severity', { severity: 'SEV-2', reason: 'x' }))).toEqual({
      code: 'no_change',
      message: 'INC-1 is already SEV-2.',
    });
  });
});

describe('incident.change_status', () => {
  it('records a forward move, reason optional', () => {
    const hub = hubWith();
    expect(hub.send('incident.change_status', { status: 'mitigated' })).toEqual({
      ok: true,
      events: [
        {
          type: 'incident.status_changed',
          incidentId: INC,
          payload: { from: 'investigating', to: 'mitigated', reason: '' },
        },
      ],
    });
  });

  it('walks the whole way to closed', () => {
    const hub = hubWith(['mitigated', 'resolved', 'closed']);
    expect(hub.incident().status).toBe('closed');
  });

  it('refuses the status it already has', () => {
    const hub = hubWith();
    expect(refused(hub.send('incident.change_status', { status: 'investigating' }))).toEqual({
      code: 'no_change',
      message: 'INC-1 is already investigating.',
    });
  });

  it('refuses to resolve an incident in triage, and says where it can go', () => {
    const hub = hubWith([], { status: 'triage' });
    expect(refused(hub.send('incident.change_status', { status: 'resolved' }))).toEqual({
      code: 'illegal_transition',
      message: 'INC-1 cannot go from triage to resolved. From triage it can go to: investigating, declined.',
    });
  });

  it('refuses to close an incident that is not resolved', () => {
    const hub = hubWith(['mitigated']);
    expect(refused(hub.send('incident.change_status', { status: 'closed' }))).toEqual({
      code: 'illegal_transition',
      message: 'INC-1 cannot go from mitigated to closed. From mitigated it can go to: resolved, investigating.',
    });
    expect(refused(hubWith().send('incident.change_status', { status: 'closed' })).code).toBe('illegal_transition');
  });

  it('refuses to decline once work has started', () => {
    const hub = hubWith();
    expect(refused(hub.send('incident.change_status', { status: 'declined', reason: 'false alarm' })).code).toBe(
      'illegal_transition',
    );
  });

  it('asks why an incident is declined', () => {
    const hub = hubWith([], { status: 'triage' });
    expect(refused(hub.send('incident.change_status', { status: 'declined', reason: '   ' }))).toEqual({
      code: 'reason_required',
      message: 'Say why INC-1 goes from triage to declined.',
    });
    const [event] = hub.ok('incident.change_status', { status: 'declined', reason: 'Known noisy alert' });
    expect(event?.payload).toEqual({ from: 'triage', to: 'declined', reason: 'Known noisy alert' });
  });

  it.each<[Status[]]>([[['mitigated']], [['resolved']], [['mitigated', 'resolved']]])(
    'asks why an incident is reopened (after %j)',
    (path) => {
      const hub = hubWith(path);
      expect(refused(hub.send('incident.change_status', { status: 'investigating' })).code).toBe('reason_required');
      hub.ok('incident.change_status', { status: 'investigating', reason: 'Errors are back' });
      expect(hub.incident()).toMatchObject({ status: 'investigating', reopenCount: 1 });
    },
  );
});

describe('incident.acknowledge', () => {
  it('acknowledges an incident in triage once', () => {
    const hub = hubWith([], { status: 'triage' });
    expect(hub.send('incident.acknowledge', {})).toEqual({
      ok: true,
      events: [{ type: 'incident.acknowledged', incidentId: INC, payload: {} }],
    });
    expect(refused(hub.send('incident.acknowledge', {}))).toEqual({
      code: 'no_change',
      message: 'INC-1 was already acknowledged.',
    });
  });

  it('finds an investigating incident already acknowledged', () => {
    expect(refused(hubWith().send('incident.acknowledge', {})).code).toBe('no_change');
  });
});
