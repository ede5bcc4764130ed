import type { ChecklistItem, Incident, TriedEntry } from './incident.js';
import { updateCadence, type UpdateCadence } from './status-cadence.js';

export interface OpenItem {
  readonly checklistId: string;
  readonly checklistTitle: string;
  readonly item: ChecklistItem;
}

/** The roles an incident should have filled, in the order a lead fills them. */
export type EmptyRole = 'lead' | 'comms' | 'fixer';

/** What is still undone on an incident: the Incident Lead's list, and what resolving would leave behind. */
export interface UndoneWork {
  readonly openItems: readonly OpenItem[];
  /** Attempts still waiting for an outcome (struck-out entries are not work). */
  readonly pendingAttempts: readonly TriedEntry[];
  readonly update: UpdateCadence;
  readonly emptyRoles: readonly EmptyRole[];
  /** Items + attempts + an overdue update + empty roles: the number the header shows. */
  readonly count: number;
}

/** Derived from the incident alone (and the clock for the update's due time), so every screen counts the same. */
export function undoneWork(incident: Incident, now: number): UndoneWork {
  const openItems = incident.checklists.flatMap((c) =>
    c.items.filter((i) => i.doneAt === null).map((item) => ({ checklistId: c.id, checklistTitle: c.title, item })),
  );
  const pendingAttempts = incident.tried.filter((e) => e.outcome === 'pending' && !e.struck);
  const update = updateCadence(incident, now);
  const { lead, comms, fixers } = incident.roles;
  const emptyRoles: EmptyRole[] = [
    ...(lead ? [] : ['lead' as const]),
    ...(comms ? [] : ['comms' as const]),
    ...(fixers.length > 0 ? [] : ['fixer' as const]),
  ];
  const count = openItems.length + pendingAttempts.length + (update.overdue ? 1 : 0) + emptyRoles.length;
  return { openItems, pendingAttempts, update, emptyRoles, count };
}

/**
 * What resolving would leave undone: open checklist items and attempts without an outcome. Resolving asks once,
 * listing these; roles and the update cadence end with the incident, so they are not asked about.
 */
export function leftOpenByResolving(work: UndoneWork): { items: readonly OpenItem[]; attempts: readonly TriedEntry[] } {
  return { items: work.openItems, attempts: work.pendingAttempts };
}
