import type { Incident } from '../../../shared/domain/incident.js';
import type { Severity } from '../../../shared/domain/severity.js';
import { isActive } from '../../../shared/domain/status.js';

/**
 * What needs a person first on a board under load: an active SEV-1 that nobody has acknowledged, or that nobody
 * leads. Both missing is the worst case and ranks first.
 */
export interface Attention {
  readonly unacknowledged: boolean;
  readonly unled: boolean;
}

/** Why an incident should rise to the top of the board; null when it need not. */
export function attentionOf(incident: Incident): Attention | null {
  if (incident.severity !== 'SEV-1' || !isActive(incident.status)) return null;
  const unacknowledged = incident.moments.acknowledgedAt === null;
  const unled = incident.roles.lead === null;
  return unacknowledged || unled ? { unacknowledged, unled } : null;
}

/** 0: unacknowledged and unled, 1: one of the two, 2: nothing to call out. */
function attentionRank(incident: Incident | undefined): number {
  const attention = incident ? attentionOf(incident) : null;
  if (!attention) return 2;
  return attention.unacknowledged && attention.unled ? 0 : 1;
}

/**
 * The board's rows with the SEV-1s that need a person moved to the top (unacknowledged and unled first). The rest
 * keep the order they came in (most severe, then oldest): the sort is stable.
 */
export function attentionFirst(
  ids: readonly string[],
  incidents: Readonly<Record<string, Incident | undefined>>,
): readonly string[] {
  const ranked = ids.map((id, index) => ({ id, index, rank: attentionRank(incidents[id]) }));
  if (ranked.every((r) => r.rank === 2)) return ids;
  return ranked.sort((a, b) => a.rank - b.rank || a.index - b.index).map((r) => r.id);
}

export interface BoardCounts {
  /** Active incidents per severity. */
  readonly bySeverity: Readonly<Record<Severity, number>>;
  /** Active incidents nobody leads. */
  readonly noLead: number;
  readonly active: number;
}

/** The counts above the board: every active incident, whatever the filters hide (the whole picture at a glance). */
export function boardCounts(incidents: Readonly<Record<string, Incident | undefined>>): BoardCounts {
  const bySeverity: Record<Severity, number> = { 'SEV-1': 0, 'SEV-2': 0, 'SEV-3': 0 };
  let noLead = 0;
  let active = 0;
  for (const incident of Object.values(incidents)) {
    if (!incident || !isActive(incident.status)) continue;
    active += 1;
    bySeverity[incident.severity] += 1;
    if (incident.roles.lead === null) noLead += 1;
  }
  return { bySeverity, noLead, active };
}
