import { describe, expect, it } from 'vitest';
import { applyAll } from '../domain/apply.js';
import type { DomainEvent } from '../domain/events.js';
import { EMPTY_STATE } from '../domain/state.js';
import type { SyncReply } from '../protocol/wire.js';
import { Replica, SyncError, type SyncTransport } from './replica.js';

const actor = { id: 'u1', name: 'Ana' };
const at = '2026-11-27T03:00:00.000Z';

function log(count: number): DomainEvent[] {
  const declared: DomainEvent = {
    seq: 1,
    type: 'incident.declared',
    incidentId: 'inc',
    at,
    clientAt: at,
    actor,
    commandId: 'c1',
    payload: {
      number: 1,
      title: 'Checkout down',
      severity: 'SEV-1',
      status: 'investigating',
      summary: '',
      impact: '',
      service: 'checkout',
      team: '',
      impactStartedAt: null,
      detectedAt: at,
    },
  };
  const entries = Array.from({ length: count - 1 }, (_, i): DomainEvent => ({
    seq: i + 2,
    type: 'tried.added',
    incidentId: 'inc',
    at,
    clientAt: at,
    actor,
    commandId: `c${i + 2}`,
    payload: { entryId: `e${i + 2}`, what: `attempt ${i + 2}`, hypothesis: '', outcome: 'pending' },
  }));
  return [declared, ...entries];
}

/** A hub's answer to sync, from a fixed log; replies can be held back to interleave live events. */
class LogTransport implements SyncTransport {
  calls: number[] = [];
  gate: Promise<void> = Promise.resolve();
  constructor(
    private readonly events: DomainEvent[],
    private readonly pageSize = 1000,
  ) {}
  async sync(since: number): Promise<SyncReply> {
    this.calls.push(since);
    await this.gate;
    const head = this.events.length;
    const page = this.events.filter((e) => e.seq > since).slice(0, this.pageSize);
    return { kind: 'events', events: page, head, more: (page.at(-1)?.seq ?? since) < head };
  }
}

describe('Replica', () => {
  it('catches up page by page from its last seq', async () => {
    const events = log(25);
    const transport = new LogTransport(events, 10);
    const replica = new Replica(transport, applyAll(EMPTY_STATE, events.slice(0, 3)));
    await replica.catchUp();
    expect(transport.calls).toEqual([3, 13, 23]);
    expect(replica.state).toEqual(applyAll(EMPTY_STATE, events));
  });

  it('holds live events that arrive during a catch-up and applies them after, once each', async () => {
    const events = log(12);
    const transport = new LogTransport(events.slice(0, 10));
    let open: () => void = () => undefined;
    transport.gate = new Promise((resolve) => (open = resolve));
    const replica = new Replica(transport);
    const running = replica.catchUp();
    // Events 9..12 arrive live while the reply (events 1..10) is still on its way.
    for (const e of events.slice(8)) replica.receive(e);
    expect(replica.state.seq).toBe(0);
    open();
    await running;
    expect(replica.state).toEqual(applyAll(EMPTY_STATE, events));
  });

  it('asks for the missing events when a live event skips ahead', async () => {
    const events = log(6);
    const transport = new LogTransport(events);
    const replica = new Replica(transport, applyAll(EMPTY_STATE, events.slice(0, 2)));
    const changes: number[] = [];
    replica.onChange((s) => changes.push(s.seq));
    replica.receive(events[5] as DomainEvent);
    await replica.catchUp();
    expect(transport.calls).toEqual([2]);
    expect(replica.state.seq).toBe(6);
    expect(changes.at(-1)).toBe(6);
  });

  it('applies one commit’s events together (one change), and past a gap in a batch fetches what is missing', async () => {
    const events = log(9);
    const transport = new LogTransport(events);
    const replica = new Replica(transport, applyAll(EMPTY_STATE, events.slice(0, 2)));
    const changes: number[] = [];
    replica.onChange((s) => changes.push(s.seq));
    replica.receiveAll(events.slice(2, 5)); // seq 3..5: one commit
    expect(changes).toEqual([5]);
    expect(transport.calls).toEqual([]);
    // seq 6 was lost: a batch of 7..9 applies nothing past the gap, then catches up and applies the rest once.
    replica.receiveAll(events.slice(6, 9));
    await replica.catchUp();
    expect(transport.calls).toEqual([5]);
    expect(replica.state).toEqual(applyAll(EMPTY_STATE, events));
  });

  it('tells its listeners which events made each change: each once, in seq order, with no hole', async () => {
    const events = log(9);
    const replica = new Replica(new LogTransport(events), applyAll(EMPTY_STATE, events.slice(0, 2)));
    const applied: number[][] = [];
    replica.onChange((_state, made) => applied.push(made?.map((e) => e.seq) ?? []));
    replica.receiveAll(events.slice(1, 5)); // seq 2 again, then 3..5
    replica.receiveAll(events.slice(6, 9)); // seq 6 lost: 7..9 wait for the catch-up
    await replica.catchUp();
    expect(applied.flat()).toEqual([3, 4, 5, 6, 7, 8, 9]);
  });

  it('takes a snapshot as the new state', async () => {
    const snapshot = applyAll(EMPTY_STATE, log(5));
    const replica = new Replica({ sync: async () => ({ kind: 'snapshot', state: snapshot, head: 5 }) });
    const made: unknown[] = [];
    replica.onChange((_state, events) => made.push(events));
    await replica.catchUp();
    expect(replica.state).toBe(snapshot);
    expect(made).toEqual([null]);
  });

  it('reports a hub error instead of looping', async () => {
    const replica = new Replica({
      sync: async () => ({ kind: 'error', error: { code: 'storage_failed', message: 'disk' } }),
    });
    await expect(replica.catchUp()).rejects.toBeInstanceOf(SyncError);
  });
});
