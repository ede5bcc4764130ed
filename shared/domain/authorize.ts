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
