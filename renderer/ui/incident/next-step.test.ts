import { describe, expect, it } from 'vitest';
import { TestHub } from '../../../shared/domain/test-support.js';
import { latestHelped, mitigationState, nextStep } from './next-step.js';

describe('the next step, mitigation and what helped', () => {
  it('asks for a lead first, then follows the status', () => {
    const hub = new TestHub();
    hub.declare({ title: 'x', severity: 'SEV-2', status: 'triage' });
    expect(nextStep(hub.incident())).toBe('Next: investigate or decline');
    hub.ok('role.release', { role: 'lead' });
    expect(nextStep(hub.incident())).toBe('Next: assign a lead');
    hub.ok('role.claim', { role: 'lead' });
    hub.ok('incident.change_status', { status: 'investigating' });
    expect(nextStep(hub.incident())).toBe('Next: mitigate');
    hub.ok('incident.change_status', { status: 'mitigated' });
    expect(nextStep(hub.incident())).toBe('Next: resolve');
    hub.ok('incident.change_status', { status: 'resolved' });
    expect(nextStep(hub.incident())).toBe('Next: review and close');
    hub.ok('role.release', { role: 'lead' });
    expect(nextStep(hub.incident())).toBe('Next: review and close'); // a finished incident needs no lead
    hub.ok('incident.change_status', { status: 'closed' });
    expect(nextStep(hub.incident())).toBe('Closed: nothing next');
  });

  it('says how long ago the impact was mitigated, and forgets it on a reopen', () => {
    const hub = new TestHub();
    hub.declare({ title: 'x', severity: 'SEV-2' });
    expect(mitigationState(hub.incident(), Date.parse(hub.now))).toBe('Not mitigated');
    hub.advance(5).ok('incident.change_status', { status: 'mitigated' });
    expect(mitigationState(hub.incident(), Date.parse(hub.now) + 12 * 60_000)).toBe('Mitigated 12m ago');
    hub.ok('incident.change_status', { status: 'investigating', reason: 'It came back' });
    expect(mitigationState(hub.incident(), Date.parse(hub.now))).toBe('Not mitigated');
  });

  it('picks the latest attempt that helped, never a struck-out one', () => {
    const hub = new TestHub();
    hub.declare({ title: 'x', severity: 'SEV-2' });
    expect(latestHelped(hub.incident())).toBeNull();
    hub.ok('tried.add', { entryId: 'a', what: 'Restarted pods' });
    hub.ok('tried.add', { entryId: 'b', what: 'Raised the pool' });
    hub.advance(1).ok('tried.set_outcome', { entryId: 'b', outcome: 'helped' });
    hub.advance(1).ok('tried.set_outcome', { entryId: 'a', outcome: 'helped' });
    expect(latestHelped(hub.incident())?.what).toBe('Restarted pods');
    hub.ok('tried.strike', { entryId: 'a', reason: 'Logged on the wrong incident' });
    expect(latestHelped(hub.incident())?.what).toBe('Raised the pool');
  });
});
