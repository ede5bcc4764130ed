/** What became of each page (pageState) and how long the paged person took (timeToAcknowledge), from real events. */
import { describe, expect, it } from 'vitest';
import { pageState, timeToAcknowledge } from './page-state.js';
import type { Person } from './primitives.js';
import { T0, TestHub, alice, bob, carol, minutesAfter } from './test-support.js';

const WARROOM: Person = { id: 'warroom', name: 'Warroom' };

/** A triaged incident (nobody acknowledged) whose chain paged ana (primary) at T0 and bob (backup) at T0+5. */
function escalated(): TestHub {
  const hub = new TestHub();
  hub.declare({ severity: 'SEV-1', status: 'triage' });
  hub.ok('role.release', { role: 'lead' });
  record(hub, alice, 0, 0);
  hub.advance(5);
  record(hub, bob, 1, 0);
  return hub;
}

function record(hub: TestHub, person: Person, step: number, round: number, heldUntil: string | null = null): void {
  const reason = round > 0 ? 'repeat' : step > 0 ? 'escalation' : 'initial';
  hub.ok(
    'page.record',
    { pageId: `p-s${step}-r${round}-${person.id}`, person, reason, step, round, rotationId: 'checkout', heldUntil },
    { actor: WARROOM },
  );
}

const states = (hub: TestHub) =>
  hub.incident().pages.map((p) => [p.person.name, pageState(hub.incident(), p)] as const);

describe('pageState', () => {
  it('bob acknowledges after the escalation: his page acknowledged (with his time), ana’s superseded', () => {
    const hub = escalated();
    hub.advance(2).ok('incident.acknowledge', { lead: true }, { actor: bob });
    expect(states(hub)).toEqual([
      ['Alice', { kind: 'superseded' }],
      ['Bob', { kind: 'acknowledged', at: minutesAfter(T0, 7), afterMs: 2 * 60_000 }],
    ]);
  });

  it('the last page sent, unanswered, is "not answered", even when someone else acknowledged', () => {
    const hub = escalated();
    expect(states(hub).map(([, s]) => s.kind)).toEqual(['superseded', 'not-answered']);
    hub.advance(1).ok('incident.acknowledge', {}, { actor: carol });
    expect(states(hub).map(([, s]) => s.kind)).toEqual(['superseded', 'not-answered']);
  });

  it('the primary acknowledging before the escalation: acknowledged, and nothing superseded', () => {
    const hub = new TestHub();
    hub.declare({ severity: 'SEV-1', status: 'triage' });
    record(hub, alice, 0, 0);
    hub.advance(3).ok('incident.acknowledge', {}, { actor: alice });
    expect(states(hub)).toEqual([['Alice', { kind: 'acknowledged', at: minutesAfter(T0, 3), afterMs: 3 * 60_000 }]]);
  });

  it('a page of a later round supersedes an unanswered one of an earlier round', () => {
    const hub = escalated();
    hub.advance(5);
    record(hub, alice, 0, 1);
    expect(states(hub).map(([name, s]) => `${name} ${s.kind}`)).toEqual([
      'Alice superseded',
      'Bob superseded',
      'Alice not-answered',
    ]);
  });

  it('a held page is held, with the time it waits for', () => {
    const hub = new TestHub();
    hub.declare({ severity: 'SEV-3', status: 'triage' });
    record(hub, alice, 0, 0, minutesAfter(T0, 600));
    expect(states(hub)).toEqual([['Alice', { kind: 'held', until: minutesAfter(T0, 600) }]]);
  });
});

describe('timeToAcknowledge', () => {
  it('is the time from the page going out to its person acknowledging; null until both are known', () => {
    expect(timeToAcknowledge({ sentAt: T0, acknowledgedAt: minutesAfter(T0, 4) })).toBe(4 * 60_000);
    expect(timeToAcknowledge({ sentAt: T0, acknowledgedAt: null })).toBeNull();
    expect(timeToAcknowledge({ sentAt: null, acknowledgedAt: T0 })).toBeNull();
  });

  it('never goes negative when a person’s clock is behind the hub’s', () => {
    expect(timeToAcknowledge({ sentAt: minutesAfter(T0, 1), acknowledgedAt: T0 })).toBe(0);
  });
});
