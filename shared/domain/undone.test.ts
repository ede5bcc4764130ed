/** What is still undone on an incident (undoneWork) and what resolving would leave open (leftOpenByResolving). */
import { describe, expect, it } from 'vitest';
import { T0, TestHub, bob, minutesAfter } from './test-support.js';
import { leftOpenByResolving, undoneWork } from './undone.js';

const at = (minutes: number) => Date.parse(minutesAfter(T0, minutes));

/** A SEV-1 declared at T0 (Alice leads) with a checklist of two items and two attempts. */
function busy(): TestHub {
  const hub = new TestHub();
  hub.declare({ severity: 'SEV-1' });
  for (const c of hub.incident().checklists)
    for (const item of c.items) hub.ok('checklist.set_item', { checklistId: c.id, itemId: item.id, done: true });
  hub.ok('checklist.create', { checklistId: 'db', title: 'Database', items: ['Fail over', 'Vacuum'] });
  hub.ok('tried.add', { entryId: 'e1', what: 'Restarted the workers' });
  hub.ok('tried.add', { entryId: 'e2', what: 'Rolled back 4812' });
  return hub;
}

describe('undoneWork', () => {
  it('lists open checklist items, attempts without an outcome and the roles nobody holds, and counts them', () => {
    const hub = busy();
    const work = undoneWork(hub.incident(), at(10));
    expect(work.openItems.map((o) => `${o.checklistTitle}: ${o.item.text}`)).toEqual([
      'Database: Fail over',
      'Database: Vacuum',
    ]);
    expect(work.pendingAttempts.map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(work.emptyRoles).toEqual(['comms', 'fixer']);
    expect(work.update).toMatchObject({ overdue: false, dueAt: minutesAfter(T0, 30) });
    expect(work.count).toBe(2 + 2 + 2);
  });

  it('drops what is done: a ticked item, an attempt with an outcome, a struck-out attempt, a filled role', () => {
    const hub = busy();
    hub.ok('checklist.set_item', { checklistId: 'db', itemId: 'db-1', done: true });
    hub.ok('tried.set_outcome', { entryId: 'e1', outcome: 'no-effect' });
    hub.ok('tried.strike', { entryId: 'e2', reason: 'Logged on the wrong incident' });
    hub.ok('role.assign', { role: 'comms', person: bob });
    const work = undoneWork(hub.incident(), at(10));
    // Giving Bob Comms Lead adds that role's checklist: its items are open work too.
    expect(work.openItems.filter((o) => o.checklistId === 'db').map((o) => o.item.id)).toEqual(['db-2']);
    expect(work.pendingAttempts).toEqual([]);
    expect(work.emptyRoles).toEqual(['fixer']);
    expect(work.count).toBe(work.openItems.length + 1);
  });

  it('counts an overdue status update once (SEV-1: every 30 minutes)', () => {
    const hub = busy();
    const work = undoneWork(hub.incident(), at(31));
    expect(work.update).toMatchObject({ overdue: true, minutesOverdue: 1 });
    expect(work.count).toBe(2 + 2 + 2 + 1);
    hub.advance(31).ok('status_update.post', { updateId: 'u1', text: 'We are on it', audience: 'internal' });
    expect(undoneWork(hub.incident(), at(32)).update.overdue).toBe(false);
  });

  it('names the lead first among empty roles when the lead is released', () => {
    const hub = busy();
    hub.ok('role.release', { role: 'lead' });
    expect(undoneWork(hub.incident(), at(1)).emptyRoles).toEqual(['lead', 'comms', 'fixer']);
  });
});

describe('leftOpenByResolving', () => {
  it('is the open items and pending attempts only: roles and updates end with the incident', () => {
    const hub = busy();
    const left = leftOpenByResolving(undoneWork(hub.incident(), at(45)));
    expect(left.items.map((o) => o.item.text)).toEqual(['Fail over', 'Vacuum']);
    expect(left.attempts.map((e) => e.what)).toEqual(['Restarted the workers', 'Rolled back 4812']);
    expect(Object.keys(left)).toEqual(['items', 'attempts']);
  });
});
