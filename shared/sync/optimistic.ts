import { applyAll } from '../domain/apply.js';
import { clampClientAt } from '../domain/clock-skew.js';
import { decide } from '../domain/decide.js';
import { stampEvents } from '../domain/events.js';
import type { Person } from '../domain/primitives.js';
import type { IncidentsState } from '../domain/state.js';
import type { QueuedCommand } from './outbox.js';

/**
 * The state a person sees: confirmed state with their pending commands applied on top, in order,
 * through the same decide and reducer the hub uses. A pending command the rules refuse on this state is
 * left out (the hub will answer it); `applied` says which ones are shown. Queued commands were parsed when queued,
 * so nothing is parsed here.
 */
export function withPending(
  confirmed: IncidentsState,
  pending: readonly QueuedCommand[],
  actor: Person | null,
  now: string,
): { state: IncidentsState; applied: ReadonlySet<string> } {
  const applied = new Set<string>();
  if (!actor || pending.length === 0) return { state: confirmed, applied };
  let state = confirmed;
  for (const queued of pending) {
    const decision = decide(state, queued, actor, now);
    if (!decision.ok) continue;
    const events = stampEvents(decision.events, {
      firstSeq: state.seq + 1,
      at: now,
      clientAt: clampClientAt(queued.clientAt, now),
      actor,
      commandId: queued.commandId,
    });
    try {
      state = applyAll(state, events);
      applied.add(queued.commandId);
    } catch {
      // decide and apply disagree only on a bug; showing the confirmed state is the safe choice.
    }
  }
  return { state, applied };
}
