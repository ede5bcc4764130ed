import type { DomainEvent } from '../../shared/domain/events.js';

/**
 * Adds `incoming` events to `existing` (sorted by seq), skipping seqs already there. Live events usually come after
 * the last one, so that case appends without a search; anything else is merged. Returns `existing` itself when
 * nothing is new, so selectors on it stay quiet.
 */
export function mergeBySeq(existing: readonly DomainEvent[], incoming: readonly DomainEvent[]): readonly DomainEvent[] {
  if (incoming.length === 0) return existing;
  const sorted = isSorted(incoming) ? incoming : [...incoming].sort((a, b) => a.seq - b.seq);
  const last = existing.at(-1)?.seq ?? 0;
  const first = sorted[0];
  if (first && first.seq > last) return existing.length === 0 ? dedupe(sorted) : [...existing, ...dedupe(sorted)];
  const merged: DomainEvent[] = [];
  let i = 0;
  let j = 0;
  let added = 0;
  while (i < existing.length || j < sorted.length) {
    const a = existing[i];
    const b = sorted[j];
    if (b === undefined || (a !== undefined && a.seq < b.seq)) {
      merged.push(a as DomainEvent);
      i++;
    } else if (a !== undefined && a.seq === b.seq) {
      merged.push(a);
      i++;
      j++;
    } else {
      if (merged.at(-1)?.seq !== b.seq) {
        merged.push(b);
        added++;
      }
      j++;
    }
  }
  return added === 0 ? existing : merged;
}

function isSorted(events: readonly DomainEvent[]): boolean {
  for (let i = 1; i < events.length; i++)
    if ((events[i] as DomainEvent).seq < (events[i - 1] as DomainEvent).seq) return false;
  return true;
}

function dedupe(sorted: readonly DomainEvent[]): readonly DomainEvent[] {
  let unique = true;
  for (let i = 1; i < sorted.length && unique; i++)
    if ((sorted[i] as DomainEvent).seq === (sorted[i - 1] as DomainEvent).seq) unique = false;
  return unique ? sorted : sorted.filter((e, i) => i === 0 || e.seq !== (sorted[i - 1] as DomainEvent).seq);
}
