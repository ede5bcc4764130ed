import { z } from 'zod';
import { commandError, type CommandError } from './errors.js';

export const USER_ROLES = ['admin', 'responder', 'viewer'] as const;
export const userRoleSchema = z.enum(USER_ROLES);
export type UserRole = z.infer<typeof userRoleSchema>;

/** Viewers read; responders and admins act on incidents. Admin-only commands arrive with user management. */
export function authorizeCommand(role: UserRole): CommandError | null {
  if (role === 'viewer') return commandError('forbidden', 'Viewers can follow incidents but not change them.');
  return null;
}
