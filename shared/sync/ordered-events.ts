import { applyAll } from '../domain/apply.js';
import type { DomainEvent } from '../domain/events.js';
import type { IncidentsState } from '../domain/state.js';

/** `gap`: an event came after a missing one; ask the hub for everything after `state.seq`. */
export interface OrderedApply {
  readonly state: IncidentsState;
  /** The events applied, in seq order, each once: the ones after `state.seq` before the call, up to any gap. */
  readonly applied: readonly DomainEvent[];
  readonly gap: boolean;
}

/**
 * How a replica takes events from the hub: old ones (seq already seen) are ignored, the next ones are
 * applied in order, and a jump in seq is reported instead of applied, so a replica never skips an event.
 */
export function applyInOrder(state: IncidentsState, events: readonly DomainEvent[]): OrderedApply {
  const fresh: DomainEvent[] = [];
  let expected = state.seq + 1;
  for (const event of events) {
    if (event.seq < expected) continue;
    if (event.seq > expected) return { state: applyAll(state, fresh), applied: fresh, gap: true };
    fresh.push(event);
    expected += 1;
  }
  return { state: applyAll(state, fresh), applied: fresh, gap: false };
}
