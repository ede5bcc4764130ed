import { describe, expect, it } from 'vitest';
import { InvalidEventError } from '../domain/apply.js';
import type { DomainEvent } from '../domain/events.js';
import { EMPTY_STATE } from '../domain/state.js';
import { INC, TestHub, deepFreeze, incidentIn } from '../domain/test-support.js';
import { applyInOrder } from './ordered-events.js';

/** A real log of 6 events: a declaration (4 events), an update and a status update. */
function hubLog(): DomainEvent[] {
  const hub = new TestHub();
  hub.declare();
  hub.ok('incident.update', { summary: 'Half the carts fail' });
  hub.ok('status_update.post', { updateId: 'u-1', text: 'Looking', audience: 'internal' });
  return hub.log;
}

const log = hubLog();
const upTo = (seq: number) => applyInOrder(EMPTY_STATE, log.slice(0, seq)).state;

describe('applyInOrder', () => {
  it('applies the next events in order', () => {
    const result = applyInOrder(EMPTY_STATE, log);
    expect(result.gap).toBe(false);
    expect(result.state.seq).toBe(6);
    expect(incidentIn(result.state)).toMatchObject({ summary: 'Half the carts fail', statusUpdates: [{ id: 'u-1' }] });
  });

  it('continues from where the state is', () => {
    const result = applyInOrder(upTo(4), log.slice(4));
    expect(result).toMatchObject({ state: upTo(6), gap: false });
  });

  it('ignores events it has already seen, alone or mixed with new ones', () => {
    const state = deepFreeze(upTo(4));
    expect(applyInOrder(state, log.slice(0, 4))).toMatchObject({ state, gap: false });
    expect(applyInOrder(state, log.slice(0, 4)).state).toBe(state);
    expect(applyInOrder(state, log)).toMatchObject({ state: upTo(6), gap: false });
  });

  it('ignores an event delivered twice in one batch', () => {
    const [e5, e6] = log.slice(4);
    if (!e5 || !e6) throw new Error('log too short');
    expect(applyInOrder(upTo(4), [e5, e5, e6, e6])).toMatchObject({ state: upTo(6), gap: false });
  });

  it('says which events it applied: each once, in seq order, none past a gap', () => {
    const [e1, e2, , e4, e5] = log;
    if (!e1 || !e2 || !e4 || !e5) throw new Error('log too short');
    expect(applyInOrder(upTo(1), [e1, e2, e2]).applied).toEqual([e2]);
    expect(applyInOrder(upTo(1), [e2, e4, e5]).applied).toEqual([e2]);
    expect(applyInOrder(upTo(4), log).applied.map((e) => e.seq)).toEqual([5, 6]);
  });

  it('reports a gap without applying past it', () => {
    const state = deepFreeze(upTo(4));
    const result = applyInOrder(state, log.slice(5));
    expect(result.gap).toBe(true);
    expect(result.state).toBe(state);
  });

  it('applies what comes before a gap, then stops', () => {
    const [e5, e6] = log.slice(4);
    if (!e5 || !e6) throw new Error('log too short');
    const later = { ...e6, seq: 8 };
    const result = applyInOrder(upTo(4), [e5, later, e6]);
    expect(result.gap).toBe(true);
    expect(result.state).toEqual(upTo(5));
    expect(incidentIn(result.state).statusUpdates).toEqual([]);
  });

  it('reports a gap for events out of order rather than sorting them', () => {
    const result = applyInOrder(upTo(4), [...log.slice(4)].reverse());
    expect(result).toMatchObject({ state: upTo(4), gap: true });
  });

  it('reports a gap when the very first event is missing', () => {
    expect(applyInOrder(EMPTY_STATE, log.slice(1))).toMatchObject({ state: EMPTY_STATE, gap: true });
  });

  it('does nothing with no events', () => {
    const state = upTo(3);
    expect(applyInOrder(state, [])).toMatchObject({ state, gap: false });
  });

  it('lets the reducer refuse an impossible event in sequence', () => {
    const [first] = log;
    if (!first) throw new Error('log too short');
    const duplicateDeclare = { ...first, seq: 7 };
    expect(() => applyInOrder(upTo(6), [duplicateDeclare])).toThrow(InvalidEventError);
    expect(incidentIn(upTo(6), INC).lastSeq).toBe(6);
  });
});
