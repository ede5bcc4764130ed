import type { IncidentsState } from '../../shared/domain/state.js';
import { SYNC_PAGE_SIZE, type SyncReply } from '../../shared/protocol/wire.js';
import type { EventStore } from '../store/event-store.js';

/** Past this many missing events a snapshot is smaller and faster to apply than the events. */
export const SNAPSHOT_AFTER = 5000;

/**
 * A page of events stops once it holds this many bytes (as JSON), whatever the count: 2,000 postmortem revisions
 * would be 600 MB in one message, built and sent while every other client waits.
 */
export const SYNC_PAGE_BYTES = 4 * 1024 * 1024;

/**
 * What a client that has seen up to `since` needs: the missing events (a page at a time), or a
 * snapshot when it has nothing, is far behind, or is ahead of this hub (its log was replaced).
 */
export async function syncReply(since: number, state: IncidentsState, store: EventStore): Promise<SyncReply> {
  const head = state.seq;
  if (since === 0 || since > head || head - since > SNAPSHOT_AFTER) return { kind: 'snapshot', state, head };
  const events = withinBytes((await store.readSince(since, SYNC_PAGE_SIZE)).filter((e) => e.seq <= head));
  const last = events.at(-1)?.seq ?? since;
  return { kind: 'events', events, head, more: last < head };
}

/** The first events that fit SYNC_PAGE_BYTES, and always at least one (a page must move the client on). */
function withinBytes<T>(events: readonly T[]): T[] {
  let bytes = 0;
  const page: T[] = [];
  for (const event of events) {
    bytes += JSON.stringify(event).length;
    if (page.length > 0 && bytes > SYNC_PAGE_BYTES) break;
    page.push(event);
  }
  return page;
}
