import type { IncidentsState } from '../../shared/domain/state.js';
import { SYNC_PAGE_SIZE, type SyncReply } from '../../shared/protocol/wire.js';
import type { EventStore } from '../store/event-store.js';

/** Past this many missing events a snapshot is smaller and faster to apply than the events. */
export const SNAPSHOT_AFTER = 5000;

/**
 * What a client that has seen up to `since` needs: the missing events (a page at a time), or a
 * snapshot when it has nothing, is far behind, or is ahead of this hub (its log was replaced).
 */
export async function syncReply(since: number, state: IncidentsState, store: EventStore): Promise<SyncReply> {
  const head = state.seq;
  if (since === 0 || since > head || head - since > SNAPSHOT_AFTER) return { kind: 'snapshot', state, head };
  const events = (await store.readSince(since, SYNC_PAGE_SIZE)).filter((e) => e.seq <= head);
  const last = events.at(-1)?.seq ?? since;
  return { kind: 'events', events, head, more: last < head };
}
