/** Builders for renderer unit tests: engine views over states made by the real domain rules. */
import { TestHub, alice, bob } from '../shared/domain/test-support.js';
import { EMPTY_STATE, type IncidentsState } from '../shared/domain/state.js';
import type { EngineView } from '../shared/sync/engine-view.js';
import { queuedCommandSchema, type QueuedCommand } from '../shared/sync/outbox.js';

export { alice, bob };

export function viewOf(partial: Partial<EngineView> = {}): EngineView {
  return {
    hubUrl: 'http://hub.test',
    status: 'online',
    stale: false,
    user: { ...alice, role: 'responder' },
    people: [],
    state: EMPTY_STATE,
    confirmed: EMPTY_STATE,
    pending: [],
    rejected: [],
    refusal: null,
    notice: null,
    ...partial,
  };
}

/** A state with incidents declared through decide + apply, as the hub would. */
export function stateWith(
  incidents: ReadonlyArray<{ id: string; title: string; severity: 'SEV-1' | 'SEV-2' | 'SEV-3'; by?: typeof alice }>,
  hub = new TestHub(),
): IncidentsState {
  for (const [i, incident] of incidents.entries()) {
    hub.advance(i);
    hub.declare(
      { title: incident.title, severity: incident.severity },
      { incidentId: incident.id, actor: incident.by ?? alice },
    );
  }
  return hub.state;
}

/** A queued command's fields, loosely typed: `queued` checks them with the outbox's own schema. */
export interface QueuedInput {
  readonly commandId?: string;
  readonly type?: string;
  readonly incidentId?: string;
  readonly payload?: Readonly<Record<string, unknown>>;
  readonly clientAt?: string;
}

/** A queued command as the outbox keeps it (parsed with its schema, so defaults are filled in); a tried entry unless told. */
export function queued(partial: QueuedInput = {}): QueuedCommand {
  return queuedCommandSchema.parse({
    commandId: 'cmd-1',
    type: 'tried.add',
    incidentId: 'inc-1',
    payload: { entryId: 'e-1', what: 'Restarted the pool' },
    clientAt: '2025-03-01T10:00:00.000Z',
    ...partial,
  });
}
