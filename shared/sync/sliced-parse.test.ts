import { describe, expect, it } from 'vitest';
import { TestHub } from '../domain/test-support.js';
import { syncReplySchema } from '../protocol/wire.js';
import {
  EVENT_SLICE,
  INCIDENT_SLICE,
  LIST_SLICE,
  parseEventsInSlices,
  parseSyncReplyInSlices,
} from './sliced-parse.js';

/** A turn of the event loop, counted. */
function countingTurns() {
  const turns = { count: 0 };
  const yieldTurn = async (): Promise<void> => {
    turns.count += 1;
  };
  return { turns, yieldTurn };
}

/** A log with one long incident (`entries` tried entries) and `incidents` incidents in all. */
function hubWith(incidents: number, entries: number): TestHub {
  const hub = new TestHub();
  for (let i = 0; i < incidents; i++) hub.declare({ title: `Incident ${i}` }, { incidentId: `inc-${i}` });
  for (let i = 0; i < entries; i++)
    hub.ok('tried.add', { entryId: `e${i}`, what: `Attempt ${i}` }, { incidentId: 'inc-0' });
  return hub;
}

describe('sync replies validated in slices', () => {
  it('validates a page of events a slice at a time, a turn of the event loop between slices', async () => {
    const hub = hubWith(1, EVENT_SLICE * 2);
    const raw = JSON.parse(JSON.stringify({ kind: 'events', events: hub.log, head: hub.state.seq, more: false }));
    const { turns, yieldTurn } = countingTurns();
    const reply = await parseSyncReplyInSlices(raw, yieldTurn);
    expect(reply).toEqual(syncReplySchema.parse(raw));
    expect(turns.count).toBe(Math.ceil(hub.log.length / EVENT_SLICE) - 1);
  });

  it('validates a snapshot a few incidents at a time', async () => {
    const hub = hubWith(INCIDENT_SLICE * 2 + 1, 3);
    const raw = JSON.parse(JSON.stringify({ kind: 'snapshot', state: hub.state, head: hub.state.seq }));
    const { turns, yieldTurn } = countingTurns();
    const reply = await parseSyncReplyInSlices(raw, yieldTurn);
    expect(reply).toEqual(syncReplySchema.parse(raw));
    expect(turns.count).toBe(2);
  });

  it('splits one long incident of a snapshot further, a slice of its entries at a time', async () => {
    const hub = hubWith(3, LIST_SLICE * 2 + 10);
    const raw = JSON.parse(JSON.stringify({ kind: 'snapshot', state: hub.state, head: hub.state.seq }));
    const { turns, yieldTurn } = countingTurns();
    const reply = await parseSyncReplyInSlices(raw, yieldTurn);
    expect(reply).toEqual(syncReplySchema.parse(raw));
    // inc-0 alone (its 3 slices of tried entries, 2 turns between them), then a turn, then the two small ones.
    expect(turns.count).toBe(3);
    const bad = JSON.parse(JSON.stringify(raw));
    bad.state.incidents['inc-0'].tried[LIST_SLICE + 3].outcome = 'maybe';
    await expect(parseSyncReplyInSlices(bad, yieldTurn)).rejects.toThrow();
  });

  it('refuses what the whole schema refuses, wherever the bad part is', async () => {
    const hub = hubWith(1, EVENT_SLICE + 5);
    const events = JSON.parse(JSON.stringify(hub.log));
    events[EVENT_SLICE + 2].seq = 'late';
    const { yieldTurn } = countingTurns();
    await expect(parseEventsInSlices(events, yieldTurn)).rejects.toThrow();
    const badState = JSON.parse(JSON.stringify(hub.state));
    badState.incidents['inc-0'].severity = 'SEV-9';
    await expect(parseSyncReplyInSlices({ kind: 'snapshot', state: badState, head: 1 }, yieldTurn)).rejects.toThrow();
    await expect(parseSyncReplyInSlices({ kind: 'nope' }, yieldTurn)).rejects.toThrow();
    const error = { kind: 'error', error: { code: 'internal_error', message: 'x' } };
    expect(await parseSyncReplyInSlices(error, yieldTurn)).toEqual(syncReplySchema.parse(error));
  });
});
