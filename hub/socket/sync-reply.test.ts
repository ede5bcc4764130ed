import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../shared/domain/events.js';
import { EMPTY_STATE } from '../../shared/domain/state.js';
import type { EventStore } from '../store/event-store.js';
import { SYNC_PAGE_BYTES, syncReply } from './sync-reply.js';

/** Events of about `bytes` each (their shape does not matter to paging). */
function eventsOf(count: number, bytes: number): DomainEvent[] {
  return Array.from({ length: count }, (_, i) => ({ seq: i + 1, pad: 'x'.repeat(bytes) }) as unknown as DomainEvent);
}

function storeOf(events: DomainEvent[]): Pick<EventStore, 'readSince'> {
  return { readSince: async (since, limit) => events.filter((e) => e.seq > since).slice(0, limit) };
}

describe('syncReply paging', () => {
  it('stops a page of events at about SYNC_PAGE_BYTES, says there is more, and always moves on by one', async () => {
    const events = eventsOf(40, 300 * 1024);
    const state = { ...EMPTY_STATE, seq: 40 };
    const first = await syncReply(1, state, storeOf(events) as EventStore);
    if (first.kind !== 'events') throw new Error('expected events');
    expect(first.events.length).toBe(Math.floor(SYNC_PAGE_BYTES / (300 * 1024 + 20)));
    expect(first.more).toBe(true);
    const huge = eventsOf(3, SYNC_PAGE_BYTES * 2);
    const one = await syncReply(1, { ...EMPTY_STATE, seq: 3 }, storeOf(huge) as EventStore);
    expect(one).toMatchObject({ kind: 'events', more: true });
    if (one.kind === 'events') expect(one.events.map((e) => e.seq)).toEqual([2]);
  });
});
