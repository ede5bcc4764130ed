import { z } from 'zod';

export const STATUSES = ['triage', 'investigating', 'mitigated', 'resolved', 'closed', 'declined'] as const;
export const statusSchema = z.enum(STATUSES);
export type Status = z.infer<typeof statusSchema>;

/** Statuses in which an incident still needs people. */
export const ACTIVE_STATUSES: readonly Status[] = ['triage', 'investigating', 'mitigated'];

export function isActive(status: Status): boolean {
  return ACTIVE_STATUSES.includes(status);
}

/**
 * The one table of legal status moves. Mitigation comes before resolution, but a fix that ends the
 * impact outright may resolve straight from investigating (the reducer then records mitigation too).
 * Going back to investigating is a reopen: the mitigation did not hold, or the problem came back.
 */
const NEXT: Readonly<Record<Status, readonly Status[]>> = {
  triage: ['investigating', 'declined'],
  investigating: ['mitigated', 'resolved'],
  mitigated: ['resolved', 'investigating'],
  resolved: ['closed', 'investigating'],
  closed: [],
  declined: ['investigating'],
};

export function nextStatuses(from: Status): readonly Status[] {
  return NEXT[from];
}

export function canTransition(from: Status, to: Status): boolean {
  return NEXT[from].includes(to);
}

/** A move back to investigating from a later stage. */
export function isReopen(from: Status, to: Status): boolean {
  return to === 'investigating' && (from === 'mitigated' || from === 'resolved' || from === 'declined');
}

/** Moves that must say why, because someone reading the timeline later will ask. */
export function transitionNeedsReason(from: Status, to: Status): boolean {
  return to === 'declined' || isReopen(from, to);
}
