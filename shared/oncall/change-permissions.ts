import type { UserRole } from '../domain/authorize.js';
import { commandError, type CommandError } from '../domain/errors.js';
import type { ParsedOncallChange } from '../protocol/oncall-wire.js';
import type { Override } from './rotation.js';

/**
 * Who may change what in the on-call set-up (the Permissions table in docs/protocol.md). Every check here comes
 * before anything is looked up, so a refusal never tells whether a rotation, an override or a person exists:
 * 1. by kind alone, before the change is parsed (authorizeOncallKind): a viewer asking to change a rotation gets
 *    `forbidden` whether the rotation exists or the request is well-formed;
 * 2. by what the change says, still without a lookup (authorizeOncallChange): a responder's override must cover or
 *    replace them, a profile must be one's own;
 * 3. an override that already exists can only be known to be someone else's by looking it up: mayEditOverride,
 *    asked by the hub once it has it (the sender is then someone who may change overrides).
 */
export interface OncallActor {
  readonly id: string;
  readonly role: UserRole;
}

const ADMIN_ONLY: readonly string[] = ['rotation.save', 'rotation.delete', 'service.route', 'settings.save'];
const OVERRIDES: readonly string[] = ['override.save', 'override.delete'];

const forbidden = (message: string): CommandError => commandError('forbidden', message);
const ADMIN_WORDS = 'Only admins change rotations, service routes and the escalation policy.';
export const OVERRIDE_WORDS = 'Only admins, or the people covering and covered, change an override.';

/** Step 1: what the sender's role allows for this kind of change at all. `kind` is unparsed; null: go on. */
export function authorizeOncallKind(role: UserRole, kind: unknown): CommandError | null {
  if (role === 'admin' || typeof kind !== 'string') return null; // an unknown kind is refused by its shape
  if (ADMIN_ONLY.includes(kind)) return forbidden(ADMIN_WORDS);
  if (role === 'viewer' && OVERRIDES.includes(kind))
    return forbidden('Viewers can follow the on-call schedule but not change it; ask a responder or an admin.');
  return null;
}

/** Steps 1 and 2: the role, then what the parsed change says about whom it concerns. Null: go on. */
export function authorizeOncallChange(actor: OncallActor, change: ParsedOncallChange): CommandError | null {
  const byKind = authorizeOncallKind(actor.role, change.kind);
  if (byKind) return byKind;
  if (change.kind === 'override.save' && !mayEditOverride(actor, change.override)) return forbidden(OVERRIDE_WORDS);
  if (change.kind === 'profile.save' && actor.role !== 'admin' && (change.userId ?? actor.id) !== actor.id)
    return forbidden('You can change your own profile only.');
  return null;
}

/** Admins, or a responder who covers or is covered (swaps are arranged between the two people). */
export function mayEditOverride(actor: OncallActor, override: Pick<Override, 'person' | 'replaces'>): boolean {
  if (actor.role === 'admin') return true;
  return actor.role === 'responder' && (override.person.id === actor.id || override.replaces === actor.id);
}
