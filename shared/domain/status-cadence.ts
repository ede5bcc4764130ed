import type { Incident } from './incident.js';
import type { Severity } from './severity.js';
import { isActive } from './status.js';

/** How often an active incident owes a status update, in minutes; null: no fixed cadence. */
export const UPDATE_CADENCE_MINUTES: Readonly<Record<Severity, number | null>> = {
  'SEV-1': 30,
  'SEV-2': 60,
  'SEV-3': null,
};

export interface UpdateCadence {
  /** When the last status update (internal or external) was posted; null if none yet. */
  readonly lastUpdateAt: string | null;
  /** When the next one is due; null when none is owed (SEV-3, or the incident is no longer active). */
  readonly dueAt: string | null;
  /** Strictly past dueAt. */
  readonly overdue: boolean;
  /** Whole minutes past dueAt; 0 when not overdue. */
  readonly minutesOverdue: number;
}

/**
 * Whether an incident owes a status update at `now` (ms since the epoch). The clock starts at the last
 * update of either audience, or at declaration if there is none, and runs for the cadence of the current
 * severity. Resolved, closed and declined incidents owe nothing.
 */
export function updateCadence(
  incident: Incident,
  now: number,
  cadence: Readonly<Record<Severity, number | null>> = UPDATE_CADENCE_MINUTES,
): UpdateCadence {
  const lastUpdateAt = lastUpdateTime(incident);
  const minutes = cadence[incident.severity];
  if (minutes === null || !isActive(incident.status)) {
    return { lastUpdateAt, dueAt: null, overdue: false, minutesOverdue: 0 };
  }
  const due = Date.parse(lastUpdateAt ?? incident.moments.declaredAt) + minutes * 60_000;
  const overdue = now > due;
  return {
    lastUpdateAt,
    dueAt: new Date(due).toISOString(),
    overdue,
    minutesOverdue: overdue ? Math.floor((now - due) / 60_000) : 0,
  };
}

/** The latest update by time (updates arrive in seq order, but offline ones may carry earlier times). */
function lastUpdateTime(incident: Incident): string | null {
  let latest: string | null = null;
  for (const update of incident.statusUpdates) {
    if (latest === null || Date.parse(update.at) > Date.parse(latest)) latest = update.at;
  }
  return latest;
}
