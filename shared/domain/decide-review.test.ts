import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, decide, type Decision } from './decide.js';
import { policyFromReviewGate, reviewGateFileSchema, type DecidePolicy } from './decide-policy.js';
import type { EventDraft } from './events.js';
import type { Severity } from './severity.js';
import type { Status } from './status.js';
import { LIMITS } from './primitives.js';
import { INC, T0, TestHub, alice, bob, carol, command, minutesAfter } from './test-support.js';

function refused(decision: Decision) {
  if (decision.ok) throw new Error(`expected a refusal, got ${decision.events.map((e) => e.type).join(', ')}`);
  return decision.error;
}

function accepted(decision: Decision): EventDraft[] {
  if (!decision.ok) throw new Error(`expected acceptance, got ${decision.error.code}: ${decision.error.message}`);
  return decision.events;
}

/** A hub with one incident (Alice leads) at `severity`, walked along `path`. */
function hubWith(severity: Severity, path: readonly Status[]): TestHub {
  const hub = new TestHub();
  hub.declare({ severity });
  for (const status of path) hub.ok('incident.change_status', { status, reason: 'because' });
  return hub;
}

const publish = (revision: string, baseRevision: string | null, markdown = `# Postmortem ${revision}`) =>
  ({ revision, baseRevision, markdown }) as const;

describe('postmortem.publish', () => {
  it('publishes the first revision of a resolved incident', () => {
    const hub = hubWith('SEV-2', ['resolved']);
    hub.advance(30);
    expect(accepted(hub.send('postmortem.publish', publish('r-1', null, '# What happened\n')))).toEqual([
      {
        type: 'postmortem.published',
        incidentId: INC,
        payload: { revision: 'r-1', baseRevision: null, markdown: '# What happened\n' },
      },
    ]);
    expect(hub.incident().postmortem).toEqual({
      revision: 'r-1',
      markdown: '# What happened\n',
      publishedBy: alice,
      publishedAt: minutesAfter(T0, 30),
      revisions: 1,
      recentAt: [minutesAfter(T0, 30)],
    });
  });

  it('publishes revisions on top of each other, on closed incidents too', () => {
    const hub = hubWith('SEV-2', ['resolved']);
    hub.ok('postmortem.publish', publish('r-1', null));
    hub.ok('incident.change_status', { status: 'closed' });
    hub.advance(5);
    hub.ok('postmortem.publish', publish('r-2', 'r-1'), { actor: bob });
    expect(hub.incident().postmortem).toMatchObject({ revision: 'r-2', publishedBy: bob, revisions: 2 });
  });

  it.each<[string, Status[]]>([
    ['investigating', []],
    ['mitigated', ['mitigated']],
    ['reopened', ['resolved', 'investigating']],
  ])('is refused while the incident is %s', (_, path) => {
    const hub = hubWith('SEV-2', path);
    expect(refused(hub.send('postmortem.publish', publish('r-1', null)))).toEqual({
      code: 'not_resolved',
      message: `INC-1 is ${hub.incident().status}; publish its postmortem once it is resolved (the draft can wait until then).`,
    });
  });

  it('refuses a stale base with conflict, naming who published meanwhile and when', () => {
    const hub = hubWith('SEV-1', ['resolved']);
    hub.ok('postmortem.publish', publish('r-1', null));
    hub.advance(65);
    // Bob published r-2 on top of r-1 while Carol was still editing r-1.
    hub.ok('postmortem.publish', publish('r-2', 'r-1'), { actor: bob });
    const before = hub.state;
    expect(refused(hub.send('postmortem.publish', publish('r-3', 'r-1'), { actor: carol }))).toEqual({
      code: 'conflict',
      message:
        'Bob published revision r-2 of the postmortem of INC-1 at 2025-03-01 11:05 UTC, after revision r-1 that ' +
        'yours is based on. Compare both versions, merge them, and publish again on top of revision r-2.',
    });
    expect(hub.state).toBe(before);
    expect(hub.incident().postmortem?.markdown).toBe('# Postmortem r-2');
  });

  it('refuses a first publish when someone published first, and a base that never existed', () => {
    const hub = hubWith('SEV-2', ['resolved']);
    expect(refused(hub.send('postmortem.publish', publish('r-1', 'r-0'))).code).toBe('conflict');
    hub.ok('postmortem.publish', publish('r-1', null), { actor: bob });
    const error = refused(hub.send('postmortem.publish', publish('r-9', null)));
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/^Bob published revision r-1 .* while you were writing yours\./);
  });

  it('refuses a revision id that is already published, and a publish that changes nothing', () => {
    const hub = hubWith('SEV-2', ['resolved']);
    hub.ok('postmortem.publish', publish('r-1', null, '# Same'));
    expect(refused(hub.send('postmortem.publish', publish('r-1', 'r-1'))).code).toBe('already_exists');
    expect(refused(hub.send('postmortem.publish', publish('r-2', 'r-1', '# Same'))).code).toBe('no_change');
  });

  it('is refused on a declined incident like everything but a reopen', () => {
    const hub = new TestHub();
    hub.declare({ status: 'triage' });
    hub.ok('incident.change_status', { status: 'declined', reason: 'noise' });
    expect(refused(hub.send('postmortem.publish', publish('r-1', null))).code).toBe('incident_closed');
  });
});

describe('follow-up actions', () => {
  it('adds, assigns and moves a follow-up through its states, on a closed incident too', () => {
    const hub = hubWith('SEV-3', ['resolved', 'closed']);
    hub.advance(10);
    expect(accepted(hub.send('followup.add', { followupId: 'f-1', text: 'Alert on pool saturation' }))).toEqual([
      {
        type: 'followup.added',
        incidentId: INC,
        payload: { followupId: 'f-1', text: 'Alert on pool saturation', owner: null },
      },
    ]);
    expect(accepted(hub.send('followup.assign', { followupId: 'f-1', owner: bob }))).toEqual([
      { type: 'followup.assigned', incidentId: INC, payload: { followupId: 'f-1', from: null, to: bob } },
    ]);
    expect(accepted(hub.send('followup.set_state', { followupId: 'f-1', state: 'in-progress' }))).toEqual([
      { type: 'followup.state_set', incidentId: INC, payload: { followupId: 'f-1', from: 'open', to: 'in-progress' } },
    ]);
    hub.ok('followup.set_state', { followupId: 'f-1', state: 'done' }, { actor: bob });
    expect(hub.incident().followups).toEqual([
      {
        id: 'f-1',
        text: 'Alert on pool saturation',
        owner: bob,
        state: 'done',
        addedBy: alice,
        addedAt: minutesAfter(T0, 10),
      },
    ]);
  });

  it('works during the incident as well', () => {
    const hub = hubWith('SEV-2', []);
    hub.ok('followup.add', { followupId: 'f-1', text: 'Add a runbook', owner: carol });
    expect(hub.incident().followups[0]).toMatchObject({ owner: carol, state: 'open' });
  });

  it('refuses a taken id, an unknown follow-up and changes that change nothing', () => {
    const hub = hubWith('SEV-2', []);
    hub.ok('followup.add', { followupId: 'f-1', text: 'Add a runbook', owner: carol });
    expect(refused(hub.send('followup.add', { followupId: 'f-1', text: 'Again' })).code).toBe('already_exists');
    expect(refused(hub.send('followup.set_state', { followupId: 'f-9', state: 'done' }))).toEqual({
      code: 'not_found',
      message: 'No follow-up f-9 on INC-1.',
    });
    expect(refused(hub.send('followup.assign', { followupId: 'f-9', owner: null })).code).toBe('not_found');
    expect(refused(hub.send('followup.set_state', { followupId: 'f-1', state: 'open' }))).toEqual({
      code: 'no_change',
      message: '“Add a runbook” is already open.',
    });
    expect(refused(hub.send('followup.assign', { followupId: 'f-1', owner: carol })).message).toBe(
      'Carol already owns “Add a runbook”.',
    );
    hub.ok('followup.assign', { followupId: 'f-1', owner: null });
    expect(refused(hub.send('followup.assign', { followupId: 'f-1', owner: null })).message).toBe(
      '“Add a runbook” has no owner.',
    );
  });

  it(`holds at most ${LIMITS.followups} follow-ups per incident`, () => {
    const hub = hubWith('SEV-2', []);
    for (let i = 0; i < LIMITS.followups; i += 1) hub.ok('followup.add', { followupId: `f-${i}`, text: 'Do it' });
    expect(refused(hub.send('followup.add', { followupId: 'f-x', text: 'One more' })).code).toBe('limit_reached');
  });
});

describe('the review gate', () => {
  it('refuses to close a SEV-1 without a published postmortem, and closes it once published', () => {
    const hub = hubWith('SEV-1', ['resolved']);
    expect(refused(hub.send('incident.change_status', { status: 'closed' }))).toEqual({
      code: 'review_required',
      message: 'INC-1 is SEV-1, so it needs a post-incident review: publish its postmortem, then close it.',
    });
    hub.ok('postmortem.publish', publish('r-1', null));
    expect(accepted(hub.send('incident.change_status', { status: 'closed' }))).toHaveLength(1);
  });

  it('goes by the highest severity reached: a downgrade once mitigated does not skip the review', () => {
    const hub = hubWith('SEV-2', []);
    hub.ok('incident.change_severity', { severity: 'SEV-1', reason: 'all regions' });
    hub.ok('incident.change_status', { status: 'mitigated' });
    hub.ok('incident.change_severity', { severity: 'SEV-3', reason: 'mitigated' });
    hub.ok('incident.change_status', { status: 'resolved' });
    expect(hub.incident()).toMatchObject({ severity: 'SEV-3', highestSeverity: 'SEV-1' });
    expect(refused(hub.send('incident.change_status', { status: 'closed' })).message).toBe(
      'INC-1 reached SEV-1 (now SEV-3), so it needs a post-incident review: publish its postmortem, then close it.',
    );
  });

  it('lets SEV-2 and SEV-3 close without a review by default', () => {
    for (const severity of ['SEV-2', 'SEV-3'] as const) {
      const hub = hubWith(severity, ['resolved']);
      expect(accepted(hub.send('incident.change_status', { status: 'closed' }))).toHaveLength(1);
    }
  });

  it('takes a policy that gates SEV-2 too, or nothing at all', () => {
    const hub = hubWith('SEV-2', ['resolved']);
    const close = command('incident.change_status', { status: 'closed' });
    const withGate = (policy: DecidePolicy) => decide(hub.state, close, alice, T0, policy);
    expect(refused(withGate({ reviewGate: ['SEV-1', 'SEV-2'] })).code).toBe('review_required');
    expect(accepted(withGate({ reviewGate: [] }))).toHaveLength(1);
    expect(accepted(decide(hub.state, close, alice, T0))).toHaveLength(1);
    const sev1 = hubWith('SEV-1', ['resolved']);
    expect(accepted(decide(sev1.state, close, alice, T0, { reviewGate: [] }))).toHaveLength(1);
  });

  it('is checked after the status table: an illegal move still says what is allowed', () => {
    const hub = hubWith('SEV-1', ['mitigated']);
    expect(refused(hub.send('incident.change_status', { status: 'closed' })).code).toBe('illegal_transition');
  });
});

describe('review-gate.json', () => {
  it('reads as a policy in severity order, and refuses anything but the documented shape', () => {
    expect(DEFAULT_POLICY.reviewGate).toEqual(['SEV-1']);
    const file = reviewGateFileSchema.parse({ severities: ['SEV-2', 'SEV-1', 'SEV-2'] });
    expect(policyFromReviewGate(file)).toEqual({ reviewGate: ['SEV-1', 'SEV-2'] });
    expect(policyFromReviewGate({ severities: [] })).toEqual({ reviewGate: [] });
    expect(reviewGateFileSchema.safeParse({ severities: ['SEV-4'] }).success).toBe(false);
    expect(reviewGateFileSchema.safeParse({ severities: 'SEV-1' }).success).toBe(false);
    expect(reviewGateFileSchema.safeParse({ severities: [], extra: true }).success).toBe(false);
  });
});
