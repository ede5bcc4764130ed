import { describe, expect, it } from 'vitest';
import { TestHub, alice, bob, carol } from '../domain/test-support.js';
import { draftStatusUpdate, eventsSinceLastUpdate, minutesInWords } from './draft-update.js';

let ids = 0;
const nextId = (prefix: string) => `${prefix}-${(ids += 1)}`;

function postUpdate(hub: TestHub, audience: 'internal' | 'external' = 'internal'): void {
  if (audience === 'internal') {
    hub.ok('status_update.post', { updateId: nextId('u'), text: 'Update', audience }, { actor: bob });
    return;
  }
  // The publish policy: the Communication Lead, or the Incident Lead while no one holds Comms.
  const { comms, lead } = hub.incident().roles;
  const actor = comms ?? lead ?? bob;
  hub.ok('status_update.post', { updateId: nextId('u'), text: 'Update', audience, publicTitle: 'Checkout' }, { actor });
}

/**
 * SEV-2 declared by Alice (who leads), Bob takes comms and posts an update; then, since that update:
 * escalation to SEV-1, Carol joins as Fixer and tries two things (one helps), Alice starts a third.
 */
function checkoutIncident(): TestHub {
  const hub = new TestHub();
  hub.declare({ severity: 'SEV-2', impact: 'Some customers cannot pay.' });
  hub.advance(5).ok('role.assign', { role: 'comms', person: bob });
  hub.advance(1);
  postUpdate(hub);
  hub.advance(4).ok('incident.change_severity', { severity: 'SEV-1', reason: 'checkout errors at 40%' });
  hub.advance(2).ok('role.claim', { role: 'fixer' }, { actor: carol });
  hub
    .advance(3)
    .ok('tried.add', { entryId: 't-1', what: 'Restarted payment workers', hypothesis: 'stuck pool' }, { actor: carol });
  hub
    .advance(3)
    .ok('tried.add', { entryId: 't-2', what: 'Rolled back deploy 4812', hypothesis: 'bad config' }, { actor: carol });
  hub.advance(2).ok('tried.set_outcome', { entryId: 't-1', outcome: 'no-effect' }, { actor: carol });
  hub
    .advance(5)
    .ok('tried.set_outcome', { entryId: 't-2', outcome: 'helped', note: 'errors back to baseline' }, { actor: carol });
  hub.advance(1).ok('tried.add', { entryId: 't-3', what: 'Raised the DB pool size' }, { actor: alice });
  return hub;
}

function draft(hub: TestHub, audience: 'internal' | 'external'): string {
  return draftStatusUpdate(hub.incident(), hub.log, audience);
}

const NAMES = [alice.name, bob.name, carol.name];

function expectCustomerFacing(text: string): void {
  for (const secret of [...NAMES, 'hypothesis', 'stuck pool', 'bad config', '4812', 'SEV', 'checkout errors at 40%'])
    expect(text).not.toContain(secret);
}

describe('draftStatusUpdate: a SEV-1 being worked on', () => {
  it('internal: what changed and was tried since the last update, who holds the roles, when next', () => {
    expect(draft(checkoutIncident(), 'internal')).toBe(
      [
        'INC-1 Checkout is failing',
        'SEV-1 (Critical) · Investigating',
        'Impact: Some customers cannot pay.',
        'Since the last update:',
        '- Alice escalated to SEV-1: checkout errors at 40%',
        'What we tried:',
        '- Helped: Rolled back deploy 4812 (hypothesis: bad config) — errors back to baseline',
        '- No effect: Restarted payment workers (hypothesis: stuck pool)',
        '- Pending: Raised the DB pool size',
        'Incident Lead: Alice · Communication Lead: Bob · Fixers: Carol',
        'Next update within 30 minutes.',
      ].join('\n'),
    );
  });

  it('external: impact, what is being done and the next update, without names or internals', () => {
    const text = draft(checkoutIncident(), 'external');
    expect(text).toBe(
      [
        'We are investigating a major disruption.',
        'Impact: Some customers cannot pay.',
        'The impact has grown since our last update.',
        'A change we made has improved things, and we are working on a full fix.',
        'We will post another update within 30 minutes.',
      ].join('\n'),
    );
    expectCustomerFacing(text);
  });

  it('once mitigated', () => {
    const hub = checkoutIncident();
    hub.advance(2).ok('incident.change_status', { status: 'mitigated', reason: 'rollback holding' }, { actor: bob });
    const internal = draft(hub, 'internal').split('\n');
    expect(internal.slice(1, 6)).toEqual([
      'SEV-1 (Critical) · Mitigated, monitoring',
      'Impact: Some customers cannot pay.',
      'Since the last update:',
      '- Alice escalated to SEV-1: checkout errors at 40%',
      '- Bob moved it from investigating to mitigated: rollback holding',
    ]);
    const external = draft(hub, 'external');
    expect(external).toBe(
      [
        'A fix is in place and we are monitoring the results.',
        'Impact: Some customers cannot pay.',
        'We will post another update within 30 minutes.',
      ].join('\n'),
    );
  });

  it('starts afresh after the next update is posted', () => {
    const hub = checkoutIncident();
    postUpdate(hub, 'external');
    expect(draft(hub, 'internal')).toBe(
      [
        'INC-1 Checkout is failing',
        'SEV-1 (Critical) · Investigating',
        'Impact: Some customers cannot pay.',
        'No change in status or severity since the last update.',
        'Incident Lead: Alice · Communication Lead: Bob · Fixers: Carol',
        'Next update within 30 minutes.',
      ].join('\n'),
    );
    expect(draft(hub, 'external')).toBe(
      [
        'We are investigating a major disruption.',
        'Impact: Some customers cannot pay.',
        'We are testing a possible fix.',
        'We will post another update within 30 minutes.',
      ].join('\n'),
    );
  });

  it('an outcome set after the update brings the attempt back, as it stands now', () => {
    const hub = checkoutIncident();
    postUpdate(hub);
    hub.advance(5).ok('tried.set_outcome', { entryId: 't-3', outcome: 'made-worse', note: 'p99 doubled' });
    expect(draft(hub, 'internal')).toContain(
      'What we tried:\n- Made it worse: Raised the DB pool size — p99 doubled\n',
    );
  });

  it('is the same for the same input, whatever order the events come in', () => {
    const hub = checkoutIncident();
    const shuffled = [...hub.log].reverse();
    expect(draftStatusUpdate(hub.incident(), shuffled, 'internal')).toBe(draft(hub, 'internal'));
    expect(draftStatusUpdate(hub.incident(), shuffled, 'external')).toBe(draft(hub, 'external'));
  });

  it('with the timeline not loaded, still knows an update was posted', () => {
    const text = draftStatusUpdate(checkoutIncident().incident(), [], 'internal');
    expect(text).toContain('No change in status or severity since the last update.');
    expect(text).not.toContain('What we tried');
  });

  it('ignores events of other incidents', () => {
    const hub = checkoutIncident();
    hub.declare({ title: 'Search is slow' }, { incidentId: 'inc-2' });
    hub.ok('status_update.post', { updateId: 'u-other', text: 'x', audience: 'internal' }, { incidentId: 'inc-2' });
    expect(draftStatusUpdate(hub.incident(), hub.log, 'internal')).toBe(draft(checkoutIncident(), 'internal'));
  });
});

describe('draftStatusUpdate: before the first update', () => {
  it('covers everything since declaration', () => {
    const hub = new TestHub();
    hub.declare({ severity: 'SEV-2' });
    expect(draft(hub, 'internal')).toBe(
      [
        'INC-1 Checkout is failing',
        'SEV-2 (Degraded) · Investigating',
        'No change in status or severity since it was declared.',
        'Incident Lead: Alice · Communication Lead: not assigned',
        'Next update within 1 hour.',
      ].join('\n'),
    );
    expect(draft(hub, 'external')).toBe(
      [
        'We are investigating degraded service.',
        'We are working to find the cause.',
        'We will post another update within 1 hour.',
      ].join('\n'),
    );
  });

  it('lists changes since declaration, but tells customers no "since our last update"', () => {
    const hub = new TestHub();
    hub.declare({ severity: 'SEV-3', status: 'triage' });
    hub.advance(3).ok('incident.change_status', { status: 'investigating' });
    hub.advance(3).ok('incident.change_severity', { severity: 'SEV-2', reason: 'spreading' }, { actor: bob });
    expect(draft(hub, 'internal')).toContain(
      [
        'Since it was declared:',
        '- Alice moved it from triage to investigating',
        '- Bob escalated to SEV-2: spreading',
      ].join('\n'),
    );
    expect(draft(hub, 'external')).not.toContain('since our last update');
  });

  it('triage and SEV-3: no fixed cadence', () => {
    const hub = new TestHub();
    hub.declare({ severity: 'SEV-3', status: 'triage', lead: null });
    expect(draft(hub, 'internal').split('\n').slice(-2)).toEqual([
      'Incident Lead: Alice · Communication Lead: not assigned',
      'Next update when there is news.',
    ]);
    expect(draft(hub, 'external')).toBe(
      [
        'We are looking into reports of a minor issue.',
        'We are working to find the cause.',
        'We will post another update when we know more.',
      ].join('\n'),
    );
  });
});

describe('draftStatusUpdate: changes customers hear about', () => {
  it('a downgrade since the last update', () => {
    const hub = new TestHub();
    hub.declare({ severity: 'SEV-1' });
    postUpdate(hub);
    hub.ok('incident.change_severity', { severity: 'SEV-2', reason: 'only EU affected' });
    expect(draft(hub, 'external').split('\n')).toContain('The impact has lessened since our last update.');
  });

  it('an escalation undone before the next update is no change', () => {
    const hub = new TestHub();
    hub.declare({ severity: 'SEV-2' });
    postUpdate(hub);
    hub.ok('incident.change_severity', { severity: 'SEV-1', reason: 'spike' });
    hub.ok('incident.change_severity', { severity: 'SEV-2', reason: 'spike over' });
    expect(draft(hub, 'external')).not.toContain('The impact has');
    expect(draft(hub, 'internal')).toContain(
      '- Alice escalated to SEV-1: spike\n- Alice downgraded to SEV-2: spike over',
    );
  });

  it('a reopen', () => {
    const hub = new TestHub();
    hub.declare({ severity: 'SEV-1' });
    hub.ok('incident.change_status', { status: 'mitigated' });
    postUpdate(hub, 'external');
    hub.advance(20).ok('incident.change_status', { status: 'investigating', reason: 'errors are back' });
    const external = draft(hub, 'external');
    expect(external).toBe(
      [
        'We are investigating a major disruption.',
        'The issue came back after our earlier fix, and we are investigating again.',
        'We are working to find the cause.',
        'We will post another update within 30 minutes.',
      ].join('\n'),
    );
    expectCustomerFacing(external);
    expect(draft(hub, 'internal')).toContain('- Alice reopened it (investigating): errors are back');
  });

  it('resolved: the final update', () => {
    const hub = checkoutIncident();
    hub.ok('incident.change_status', { status: 'resolved', reason: 'fixed config shipped' });
    const external = draft(hub, 'external');
    expect(external).toBe(
      [
        'This issue has been resolved.',
        'Impact: Some customers cannot pay.',
        'This is our final update on this issue.',
      ].join('\n'),
    );
    expectCustomerFacing(external);
    expect(draft(hub, 'internal').split('\n').slice(1, 2)).toEqual(['SEV-1 (Critical) · Resolved']);
    expect(draft(hub, 'internal').split('\n').at(-1)).toBe('No further updates planned.');
  });

  it('declined: no issue, no impact line', () => {
    const hub = new TestHub();
    hub.declare({ severity: 'SEV-3', status: 'triage', impact: 'Maybe slow search' });
    hub.ok('incident.change_status', { status: 'declined', reason: 'false alarm from a test monitor' });
    expect(draft(hub, 'external')).toBe(
      ['We looked into this and found no ongoing issue.', 'This is our final update on this issue.'].join('\n'),
    );
    expect(draft(hub, 'internal')).toContain('SEV-3 (Early warning) · Declined (not an incident)');
  });

  it('follows a given cadence', () => {
    const hub = new TestHub();
    hub.declare({ severity: 'SEV-3' });
    const cadence = { 'SEV-1': 15, 'SEV-2': 30, 'SEV-3': 120 };
    expect(draftStatusUpdate(hub.incident(), hub.log, 'internal', cadence).split('\n').at(-1)).toBe(
      'Next update within 2 hours.',
    );
  });
});

describe('eventsSinceLastUpdate', () => {
  it('is every event of the incident until the first update, then those after the last', () => {
    const hub = checkoutIncident();
    const all = eventsSinceLastUpdate('inc-1', hub.log);
    expect(all.first).toBe(false);
    expect(all.events[0]?.type).toBe('incident.severity_changed');
    const fresh = new TestHub();
    fresh.declare();
    expect(eventsSinceLastUpdate('inc-1', fresh.log)).toEqual({ first: true, events: fresh.log });
    postUpdate(fresh);
    expect(eventsSinceLastUpdate('inc-1', fresh.log)).toEqual({ first: false, events: [] });
  });
});

describe('minutesInWords', () => {
  it.each([
    [1, '1 minute'],
    [30, '30 minutes'],
    [60, '1 hour'],
    [90, '90 minutes'],
    [120, '2 hours'],
  ])('%i → %s', (minutes, words) => {
    expect(minutesInWords(minutes)).toBe(words);
  });
});
