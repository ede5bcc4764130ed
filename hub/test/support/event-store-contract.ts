import { describe, expect, it } from 'vitest';
import { withFixture } from './with-fixture.js';
import type { DomainEvent } from '../../../shared/domain/events.js';
import { SeqGapError, type EventStore } from '../../store/event-store.js';

export interface StoreFixture {
  readonly store: EventStore;
  /** Closes and opens the store again on the same storage, as a hub restart would. */
  reopen(): Promise<EventStore>;
  dispose(): Promise<void>;
}

function event(seq: number, incidentId = 'inc-1', commandId: string | null = `cmd-${seq}`): DomainEvent {
  return {
    seq,
    type: 'tried.added',
    incidentId,
    at: '2026-11-27T10:00:00.000Z',
    clientAt: '2026-11-27T09:59:00.000Z',
    actor: { id: 'u1', name: 'Ana' },
    commandId,
    payload: { entryId: `e${seq}`, what: `attempt ${seq}`, hypothesis: '', outcome: 'pending' },
  };
}

/** What every EventStore must do. Run it against each implementation (SQLite now, PostgreSQL later). */
export function describeEventStoreContract(name: string, open: () => Promise<StoreFixture>): void {
  describe(`EventStore contract: ${name}`, () => {
    const withStore = withFixture(open);

    it(
      'starts empty',
      withStore(async ({ store }) => {
        expect(await store.head()).toBe(0);
        expect(await store.readSince(0, 10)).toEqual([]);
      }),
    );

    it(
      'appends a batch and reads it back in order, by page and by incident',
      withStore(async ({ store }) => {
        await store.append({
          events: [event(1), event(2, 'inc-2'), event(3)],
          commands: [{ commandId: 'cmd-1', actorId: 'u1', firstSeq: 1, lastSeq: 3 }],
        });
        expect(await store.head()).toBe(3);
        expect(await store.readSince(0, 10)).toEqual([event(1), event(2, 'inc-2'), event(3)]);
        expect(await store.readSince(1, 1)).toEqual([event(2, 'inc-2')]);
        expect(await store.readIncident('inc-1')).toEqual([event(1), event(3)]);
        expect(await store.readIncident('nope')).toEqual([]);
      }),
    );

    it(
      'remembers commands for duplicate detection',
      withStore(async ({ store }) => {
        await store.append({
          events: [event(1)],
          commands: [{ commandId: 'cmd-1', actorId: 'u1', firstSeq: 1, lastSeq: 1 }],
        });
        const found = await store.findCommands(['cmd-1', 'cmd-unknown']);
        expect([...found.keys()]).toEqual(['cmd-1']);
        expect(found.get('cmd-1')).toEqual({ commandId: 'cmd-1', actorId: 'u1', firstSeq: 1, lastSeq: 1 });
      }),
    );

    it(
      'refuses a batch that would leave a gap or repeat a seq, and writes none of it',
      withStore(async ({ store }) => {
        await store.append({ events: [event(1)], commands: [] });
        await expect(store.append({ events: [event(3)], commands: [] })).rejects.toBeInstanceOf(SeqGapError);
        await expect(store.append({ events: [event(2), event(4)], commands: [] })).rejects.toBeInstanceOf(SeqGapError);
        await expect(store.append({ events: [event(1)], commands: [] })).rejects.toBeInstanceOf(SeqGapError);
        expect(await store.head()).toBe(1);
      }),
    );

    it(
      'is all-or-nothing when a command id repeats',
      withStore(async ({ store }) => {
        const cmd = { commandId: 'cmd-x', actorId: 'u1', firstSeq: 1, lastSeq: 1 };
        await store.append({ events: [event(1)], commands: [cmd] });
        await expect(
          store.append({ events: [event(2)], commands: [{ ...cmd, firstSeq: 2, lastSeq: 2 }] }),
        ).rejects.toThrow();
        expect(await store.head()).toBe(1);
      }),
    );

    it(
      'keeps everything across a reopen',
      withStore(async (fixture) => {
        await fixture.store.append({ events: [event(1), event(2)], commands: [] });
        const reopened = await fixture.reopen();
        expect(await reopened.head()).toBe(2);
        expect(await reopened.readSince(0, 10)).toEqual([event(1), event(2)]);
      }),
    );
  });
}
