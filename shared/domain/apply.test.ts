import { describe, expect, it } from 'vitest';
import { InvalidEventError, apply, applyAll, applyToIncident } from './apply.js';
import type { DomainEvent, EventPayload, EventType } from './events.js';
import type { Incident } from './incident.js';
import { EMPTY_STATE, type IncidentsState } from './state.js';
import type { Status } from './status.js';
import {
  INC,
  T0,
  alice,
  bob,
  applyNext,
  declaredPayload,
  declaredState,
  deepFreeze,
  eventOf,
  incidentIn,
  minutesAfter,
  nextEvent,
} from './test-support.js';

const T1 = minutesAfter(T0, 1);
const T2 = minutesAfter(T0, 2);
const T3 = minutesAfter(T0, 3);

/** Walks an investigating incident along legal moves (reasons are not the reducer's business). */
function moveTo(state: IncidentsState, path: readonly Status[], clientAt = T1): IncidentsState {
  let s = state;
  for (const to of path)
    s = applyNext(s, 'incident.status_changed', { from: incidentIn(s).status, to, reason: 'r' }, { clientAt });
  return s;
}

const inc = (state: IncidentsState, id = INC): Incident => incidentIn(state, id);

describe('incident.declared', () => {
  it('builds the whole incident from the event', () => {
    const state = declaredState(
      { summary: 'Payments fail', impact: 'No orders', impactStartedAt: minutesAfter(T0, -10), number: 7 },
      { at: T1, clientAt: T0, actor: bob },
    );
    expect(state.seq).toBe(1);
    expect(state.nextNumber).toBe(8);
    expect(inc(state)).toEqual({
      id: INC,
      number: 7,
      title: 'Checkout is failing',
      severity: 'SEV-2',
      highestSeverity: 'SEV-2',
      initialSeverity: 'SEV-2',
      status: 'investigating',
      summary: 'Payments fail',
      impact: 'No orders',
      service: 'checkout',
      team: 'payments',
      declaredBy: bob,
      moments: {
        impactStartedAt: minutesAfter(T0, -10),
        detectedAt: T0,
        declaredAt: T0,
        acknowledgedAt: T0,
        mitigatedAt: null,
        resolvedAt: null,
        closedAt: null,
      },
      metricMoments: {
        acknowledgedAt: T0,
        firstMitigatedAt: null,
        firstResolvedAt: null,
        mitigatedAt: null,
        resolvedAt: null,
        closedAt: null,
      },
      roles: { lead: null, comms: null, fixers: [] },
      checklists: [],
      tried: [],
      statusUpdates: [],
      alerts: [],
      pages: [],
      followups: [],
      postmortem: null,
      reopenCount: 0,
      lastAcknowledgedAt: T0,
      lastAcknowledgedBy: bob,
      rotationId: null,
      unrouted: null,
      public: { title: null, override: null, publishedAt: null, states: [{ at: T0, state: 'partial_outage' }] },
      lastSeq: 1,
      updatedAt: T1,
    } satisfies Incident);
  });

  it('leaves an incident in triage unacknowledged', () => {
    const state = declaredState({ status: 'triage' });
    expect(inc(state).status).toBe('triage');
    expect(inc(state).moments.acknowledgedAt).toBeNull();
  });

  it('never lowers nextNumber', () => {
    const state = declaredState({ number: 2 }, {}, { ...EMPTY_STATE, nextNumber: 5 });
    expect(state.nextNumber).toBe(5);
  });

  it('numbers several incidents', () => {
    let state = declaredState();
    state = declaredState({ number: 2 }, { incidentId: 'inc-2' }, state);
    expect(state.nextNumber).toBe(3);
    expect(Object.keys(state.incidents)).toEqual([INC, 'inc-2']);
  });

  it('refuses to declare the same incident twice', () => {
    const state = declaredState();
    expect(() => declaredState({ number: 2 }, {}, state)).toThrow(InvalidEventError);
  });
});

describe('incident.updated', () => {
  it('changes the named fields and moments only', () => {
    const before = declaredState({ impactStartedAt: minutesAfter(T0, -5) });
    const state = applyNext(
      before,
      'incident.updated',
      { changes: { title: 'Checkout slow', team: 'core', detectedAt: minutesAfter(T0, -1) } },
      { at: T2 },
    );
    const incident = inc(state);
    expect(incident).toEqual({
      ...inc(before),
      title: 'Checkout slow',
      team: 'core',
      moments: { ...inc(before).moments, detectedAt: minutesAfter(T0, -1) },
      lastSeq: 2,
      updatedAt: T2,
    });
  });

  it('clears the impact start when told null, and ignores fields given as undefined', () => {
    const before = declaredState({ impactStartedAt: minutesAfter(T0, -5) });
    const state = applyNext(before, 'incident.updated', { changes: { impactStartedAt: null, title: undefined } });
    expect(inc(state).moments.impactStartedAt).toBeNull();
    expect(inc(state).title).toBe('Checkout is failing');
    expect(inc(state).moments.detectedAt).toBe(T0);
  });
});

describe('incident.severity_changed', () => {
  it('sets the new severity', () => {
    const state = applyNext(declaredState(), 'incident.severity_changed', {
      from: 'SEV-2',
      to: 'SEV-1',
      reason: 'worse',
    });
    expect(inc(state).severity).toBe('SEV-1');
  });

  it('throws when `from` is not the current severity', () => {
    const state = declaredState();
    expect(() => applyNext(state, 'incident.severity_changed', { from: 'SEV-3', to: 'SEV-1', reason: '' })).toThrow(
      /severity is SEV-2, not SEV-3/,
    );
  });
});

describe('incident.status_changed', () => {
  it('acknowledges when triage moves to investigating, at the client time', () => {
    const state = moveTo(declaredState({ status: 'triage' }), ['investigating'], T2);
    expect(inc(state).status).toBe('investigating');
    expect(inc(state).moments.acknowledgedAt).toBe(T2);
    expect(inc(state).reopenCount).toBe(0);
  });

  it('keeps an earlier acknowledgement when investigation starts', () => {
    let state = declaredState({ status: 'triage' });
    state = applyNext(state, 'incident.acknowledged', {}, { clientAt: T1 });
    state = moveTo(state, ['investigating'], T2);
    expect(inc(state).moments.acknowledgedAt).toBe(T1);
  });

  it('records mitigation, then resolution, then closing', () => {
    let state = moveTo(declaredState(), ['mitigated'], T1);
    expect(inc(state).moments).toMatchObject({ mitigatedAt: T1, resolvedAt: null, closedAt: null });
    state = moveTo(state, ['resolved'], T2);
    expect(inc(state).moments).toMatchObject({ mitigatedAt: T1, resolvedAt: T2, closedAt: null });
    state = moveTo(state, ['closed'], T3);
    expect(inc(state).status).toBe('closed');
    expect(inc(state).moments).toMatchObject({ mitigatedAt: T1, resolvedAt: T2, closedAt: T3 });
  });

  it('never records a moment earlier than the one it follows (late offline commands, skewed clocks)', () => {
    let state = moveTo(declaredState(), ['mitigated'], T2);
    state = moveTo(state, ['resolved'], T1);
    expect(inc(state).moments).toMatchObject({ mitigatedAt: T2, resolvedAt: T2 });
    state = moveTo(state, ['closed'], T0);
    expect(inc(state).moments.closedAt).toBe(T2);
  });

  it('fills in mitigation when resolving straight from investigating', () => {
    const state = moveTo(declaredState(), ['resolved'], T2);
    expect(inc(state).moments).toMatchObject({ mitigatedAt: T2, resolvedAt: T2 });
  });

  it('uses the client time for moments and the hub time for updatedAt', () => {
    const state = applyNext(
      declaredState(),
      'incident.status_changed',
      { from: 'investigating', to: 'mitigated', reason: '' },
      { clientAt: T1, at: T3 },
    );
    expect(inc(state).moments.mitigatedAt).toBe(T1);
    expect(inc(state).updatedAt).toBe(T3);
    expect(inc(state).lastSeq).toBe(2);
  });

  it('closes a declined incident', () => {
    const state = moveTo(declaredState({ status: 'triage' }), ['declined'], T1);
    expect(inc(state).status).toBe('declined');
    expect(inc(state).moments).toMatchObject({ closedAt: T1, acknowledgedAt: null, mitigatedAt: null });
  });

  it.each<[string, Status[]]>([
    ['mitigated', ['mitigated']],
    ['resolved', ['mitigated', 'resolved']],
    ['resolved straight from investigating', ['resolved']],
  ])('reopens from %s: counts it and clears the later moments', (_, path) => {
    const state = moveTo(moveTo(declaredState(), path, T1), ['investigating'], T2);
    expect(inc(state).status).toBe('investigating');
    expect(inc(state).reopenCount).toBe(1);
    expect(inc(state).moments).toMatchObject({
      acknowledgedAt: T0,
      mitigatedAt: null,
      resolvedAt: null,
      closedAt: null,
    });
  });

  it('reopens a declined incident, acknowledging it then', () => {
    const state = moveTo(moveTo(declaredState({ status: 'triage' }), ['declined'], T1), ['investigating'], T2);
    expect(inc(state).reopenCount).toBe(1);
    expect(inc(state).moments).toMatchObject({ acknowledgedAt: T2, closedAt: null });
  });

  it('counts every reopen', () => {
    const state = moveTo(declaredState(), ['mitigated', 'investigating', 'resolved', 'investigating']);
    expect(inc(state).reopenCount).toBe(2);
  });

  it('throws when `from` is not the current status', () => {
    const state = declaredState();
    expect(() =>
      applyNext(state, 'incident.status_changed', { from: 'triage', to: 'investigating', reason: '' }),
    ).toThrow(/status is investigating, not triage/);
  });

  it.each<[Status, Status[], Status]>([
    ['triage', [], 'resolved'],
    ['triage', [], 'mitigated'],
    ['investigating', [], 'closed'],
    ['investigating', [], 'investigating'],
    ['investigating', [], 'declined'],
    ['investigating', ['mitigated'], 'closed'],
    ['investigating', ['resolved', 'closed'], 'investigating'],
  ])('throws on an illegal move (declared %s, then %j, then to %s)', (start, path, to) => {
    const state = moveTo(declaredState({ status: start === 'triage' ? 'triage' : 'investigating' }), path);
    const from = inc(state).status;
    expect(() => applyNext(state, 'incident.status_changed', { from, to, reason: 'r' })).toThrow(
      new RegExp(`illegal move from ${from} to ${to}`),
    );
  });
});

describe('incident.acknowledged', () => {
  it('sets the acknowledgement time once', () => {
    let state = applyNext(declaredState({ status: 'triage' }), 'incident.acknowledged', {}, { clientAt: T1 });
    expect(inc(state).moments.acknowledgedAt).toBe(T1);
    state = applyNext(state, 'incident.acknowledged', {}, { clientAt: T2 });
    expect(inc(state).moments.acknowledgedAt).toBe(T1);
    expect(inc(state).lastSeq).toBe(3);
  });
});

/** One event of every type, in an order that applies to a freshly declared (investigating) incident. */
function everyEvent(state: IncidentsState): DomainEvent[] {
  const events: DomainEvent[] = [];
  let seq = state.seq;
  const push = <T extends EventType>(type: T, payload: EventPayload<T>) =>
    events.push(eventOf(type, payload, { seq: ++seq, clientAt: T1, at: T2 }));
  push('incident.updated', { changes: { title: 'New title', impactStartedAt: minutesAfter(T0, -3) } });
  push('incident.severity_changed', { from: 'SEV-2', to: 'SEV-1', reason: 'worse' });
  push('incident.acknowledged', {});
  push('role.assigned', { role: 'lead', person: alice, replaced: null });
  push('role.assigned', { role: 'fixer', person: bob, replaced: null });
  push('role.released', { role: 'fixer', person: bob });
  push('checklist.created', { checklistId: 'c-1', title: 'T', templateId: null, items: [{ id: 'c-1-1', text: 'a' }] });
  push('checklist.item_added', { checklistId: 'c-1', itemId: 'c-1-2', text: 'b' });
  push('checklist.item_set', { checklistId: 'c-1', itemId: 'c-1-1', done: true });
  push('tried.added', { entryId: 'e-1', what: 'w', hypothesis: 'h', outcome: 'pending' });
  push('tried.outcome_set', { entryId: 'e-1', from: 'pending', to: 'helped', note: 'n' });
  push('status_update.posted', { updateId: 'u-1', text: 't', audience: 'internal' });
  push('incident.status_changed', { from: 'investigating', to: 'resolved', reason: '' });
  push('incident.status_changed', { from: 'resolved', to: 'investigating', reason: 'back' });
  return events;
}

describe('purity', () => {
  it('does not mutate the old state (deep-frozen input)', () => {
    const before = deepFreeze(declaredState());
    const snapshot = structuredClone(before);
    const events = deepFreeze(everyEvent(before));
    let state = before;
    for (const event of events) state = deepFreeze(apply(state, event));
    expect(applyAll(before, events)).toEqual(state);
    expect(before).toEqual(snapshot);
    expect(inc(state).title).toBe('New title');
  });

  it('keeps the identity of incidents and parts that did not change', () => {
    let state = declaredState();
    state = declaredState({ number: 2 }, { incidentId: 'inc-2' }, state);
    const other = inc(state, 'inc-2');
    const after = applyNext(state, 'status_update.posted', { updateId: 'u-1', text: 't', audience: 'internal' });
    expect(after).not.toBe(state);
    expect(after.incidents).not.toBe(state.incidents);
    expect(inc(after, 'inc-2')).toBe(other);
    expect(inc(after).roles).toBe(inc(state).roles);
    expect(inc(after).moments).toBe(inc(state).moments);
  });

  it('returns the very same state for no events', () => {
    const state = declaredState();
    expect(applyAll(state, [])).toBe(state);
  });

  it('folds many events like applying them one by one', () => {
    const start = declaredState();
    const events = everyEvent(start);
    expect(applyAll(start, events)).toEqual(events.reduce(apply, start));
  });

  it('stamps lastSeq and updatedAt on every change', () => {
    const start = declaredState();
    let state = start;
    for (const event of everyEvent(start)) {
      state = apply(state, event);
      expect(state.seq).toBe(event.seq);
      expect(inc(state)).toMatchObject({ lastSeq: event.seq, updatedAt: event.at });
    }
  });
});

describe('impossible events', () => {
  const events = everyEvent(declaredState());

  it.each(events.map((e) => [e.type, e] as const))('throws for %s on an unknown incident', (_, event) => {
    expect(() => apply(EMPTY_STATE, event)).toThrow(InvalidEventError);
    expect(() => applyToIncident(undefined, event)).toThrow(/no such incident/);
  });

  it('throws when seq does not increase', () => {
    const state = declaredState();
    const same = eventOf('incident.acknowledged', {}, { seq: state.seq });
    expect(() => apply(state, same)).toThrow(/seq is not after 1/);
    const older = eventOf('incident.declared', declaredPayload({ number: 2 }), { seq: 0, incidentId: 'inc-2' });
    expect(() => apply(state, older)).toThrow(InvalidEventError);
  });

  it('throws for a repeated seq inside one batch', () => {
    const state = declaredState();
    const a = nextEvent(state, 'incident.acknowledged', {});
    const b = nextEvent(state, 'status_update.posted', { updateId: 'u-1', text: 't', audience: 'internal' });
    expect(() => applyAll(state, [a, b])).toThrow(/seq is not after 2/);
  });

  it('accepts a jump in seq (the reducer does not police gaps)', () => {
    const state = declaredState();
    expect(apply(state, eventOf('incident.acknowledged', {}, { seq: 10 })).seq).toBe(10);
  });

  it('says which event failed and why', () => {
    const event = eventOf('incident.acknowledged', {}, { seq: 4, incidentId: 'ghost' });
    try {
      apply(EMPTY_STATE, event);
      expect.unreachable('apply should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidEventError);
      expect(error).toBeInstanceOf(Error);
      const e = error as InvalidEventError;
      expect(e.name).toBe('InvalidEventError');
      expect(e.event).toBe(event);
      expect(e.message).toBe('event 4 (incident.acknowledged on ghost): no such incident');
    }
  });

  it('leaves the input untouched when a batch fails half way', () => {
    const state = deepFreeze(declaredState());
    const good = nextEvent(state, 'incident.acknowledged', {});
    const bad = eventOf('checklist.item_set', { checklistId: 'c-9', itemId: 'x', done: true }, { seq: good.seq + 1 });
    expect(() => applyAll(state, [good, bad])).toThrow(/no checklist c-9/);
    expect(state.seq).toBe(1);
  });
});
