import { z } from 'zod';
import { commandError, type CommandError } from './errors.js';

export const USER_ROLES = ['admin', 'responder', 'viewer'] as const;
export const userRoleSchema = z.enum(USER_ROLES);
export type UserRole = z.infer<typeof userRoleSchema>;

/**
 * Viewers read; responders and admins act on incidents. Admin-only commands arrive with user management.
 * By role alone, so the hub asks it before anything is looked up (the people a command names, its id, the incident,
 * in decide): a refusal never tells what exists. decide itself never sees a command the role may not send.
 */
export function authorizeCommand(role: UserRole): CommandError | null {
  if (role === 'viewer') return commandError('forbidden', 'Viewers can follow incidents but not change them.');
  return null;
}

/** What a viewer would be given: a working role on an incident, a checklist item, or a place on call. */
export type ResponderWork = 'role' | 'checklist item' | 'on call';

const RESPONDER_WORK_WORDS: Readonly<Record<ResponderWork, string>> = {
  role: 'hold Incident Lead, Comms Lead or Fixer',
  'checklist item': 'own checklist items',
  'on call': 'be on call or cover a shift',
};

/**
 * Viewers follow incidents but do no response work: naming one for a role, a checklist item or a rotation is refused
 * with words that say who can change it. Null for responders and admins.
 */
export function refuseViewerWork(person: { name: string; role: UserRole }, work: ResponderWork): CommandError | null {
  if (person.role !== 'viewer') return null;
  return commandError(
    'viewer_cannot_respond',
    `${person.name} is a viewer: viewers follow incidents but cannot ${RESPONDER_WORK_WORDS[work]}. An admin can make them a responder.`,
  );
}
