import { z } from 'zod';

export const ROLES = ['lead', 'comms', 'fixer'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const ROLE_NAMES: Readonly<Record<Role, string>> = {
  lead: 'Incident Lead',
  comms: 'Communication Lead',
  fixer: 'Fixer',
};

/** Lead and Comms are held by one person at a time; Fixers are many. */
export function isSingleHolder(role: Role): role is 'lead' | 'comms' {
  return role !== 'fixer';
}
