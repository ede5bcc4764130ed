import { describe, expect, it } from 'vitest';
import { TestHub } from '../../../shared/domain/test-support.js';
import { attentionFirst, attentionOf, boardCounts } from './board-order.js';

/** A SEV-2, a led SEV-1, then SEV-1s: unled, unacknowledged (triage), and both; a declined SEV-1 with nobody. */
function hub(): TestHub {
  const h = new TestHub();
  h.declare({ title: 'SEV-2', severity: 'SEV-2' }, { incidentId: 'sev2' });
  h.advance(1).declare({ title: 'Led SEV-1', severity: 'SEV-1' }, { incidentId: 'led' });
  h.advance(1).declare({ title: 'Unled', severity: 'SEV-1' }, { incidentId: 'unled' });
  h.ok('role.release', { role: 'lead' }, { incidentId: 'unled' });
  h.advance(1).declare({ title: 'Unacked', severity: 'SEV-1', status: 'triage' }, { incidentId: 'unacked' });
  h.advance(1).declare({ title: 'Both', severity: 'SEV-1', status: 'triage' }, { incidentId: 'both' });
  h.ok('role.release', { role: 'lead' }, { incidentId: 'both' });
  h.advance(1).declare({ title: 'Declined', severity: 'SEV-1', status: 'triage' }, { incidentId: 'declined' });
  h.ok('role.release', { role: 'lead' }, { incidentId: 'declined' });
  h.ok('incident.change_status', { status: 'declined', reason: 'a test alert' }, { incidentId: 'declined' });
  return h;
}

describe('the board order and counts', () => {
  it('says what an active SEV-1 lacks, and nothing for the others', () => {
    const { incidents } = hub().state;
    expect(attentionOf(incidents.both!)).toEqual({ unacknowledged: true, unled: true });
    expect(attentionOf(incidents.unacked!)).toEqual({ unacknowledged: true, unled: false });
    expect(attentionOf(incidents.unled!)).toEqual({ unacknowledged: false, unled: true });
    expect(attentionOf(incidents.led!)).toBeNull();
    expect(attentionOf(incidents.declined!)).toBeNull(); // finished: nothing to call anyone for
  });

  it('moves those SEV-1s to the top, both-missing first, keeping the given order otherwise', () => {
    const { incidents } = hub().state;
    const given = ['led', 'unled', 'unacked', 'both', 'sev2', 'declined'];
    expect(attentionFirst(given, incidents)).toEqual(['both', 'unled', 'unacked', 'led', 'sev2', 'declined']);
    const calm = ['led', 'sev2'];
    expect(attentionFirst(calm, incidents)).toBe(calm); // nothing to move: the same array
  });

  it('counts active incidents per severity and those without a lead', () => {
    expect(boardCounts(hub().state.incidents)).toEqual({
      bySeverity: { 'SEV-1': 4, 'SEV-2': 1, 'SEV-3': 0 },
      noLead: 2,
      active: 5,
    });
    expect(boardCounts({})).toEqual({ bySeverity: { 'SEV-1': 0, 'SEV-2': 0, 'SEV-3': 0 }, noLead: 0, active: 0 });
  });
});
