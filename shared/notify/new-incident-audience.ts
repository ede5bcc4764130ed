import type { UserRole } from '../domain/authorize.js';
import type { Severity } from '../domain/severity.js';
import type { NewIncidentNotices, Profile } from '../oncall/profile.js';

/**
 * Which new incidents notify a person when they never chose: responders and admins hear of every SEV-1, of a SEV-2
 * when they are on the rotation that covers its service, and of no SEV-3; viewers hear of none (they follow the
 * board; they may opt in on their profile).
 */
export function defaultNewIncidentNotices(role: UserRole): NewIncidentNotices {
  return role === 'viewer'
    ? { 'SEV-1': 'never', 'SEV-2': 'never', 'SEV-3': 'never' }
    : { 'SEV-1': 'always', 'SEV-2': 'my-rotation', 'SEV-3': 'never' };
}

/** The person's own choice, or the defaults for their role (a profile saved before the choice existed has none). */
export function newIncidentNoticesFor(
  profile: Pick<Profile, 'newIncidents'> | null,
  role: UserRole,
): NewIncidentNotices {
  return profile?.newIncidents ?? defaultNewIncidentNotices(role);
}

/** The routing part of the on-call set-up the client reads (`oncall`): who is on which rotation, which service goes where. */
export interface RotationRoutes {
  readonly rotations: readonly { readonly id: string; readonly members: readonly { readonly id: string }[] }[];
  readonly services: readonly { readonly service: string; readonly rotationId: string }[];
  readonly defaultRotationId: string | null;
}

/** The incident fields that say which rotation covers it. */
export interface CoveredIncident {
  readonly service: string;
  /** A rotation a person chose for it (page.rotation_chosen); null: its service's route decides. */
  readonly rotationId: string | null;
}

/**
 * The rotation that covers an incident, as the hub pages it: the one chosen for it, else its service's route
 * (service names trimmed and case-insensitive), else the default rotation; null when none.
 */
export function coveringRotationId(routes: RotationRoutes, incident: CoveredIncident): string | null {
  if (incident.rotationId) return incident.rotationId;
  const key = incident.service.trim().toLowerCase();
  const route = routes.services.find((s) => s.service.trim().toLowerCase() === key);
  return route?.rotationId ?? routes.defaultRotationId;
}

/** Whether `me` is a member of the rotation covering the incident; false when the routes are not known. */
export function onCoveringRotation(routes: RotationRoutes | null, incident: CoveredIncident, me: string): boolean {
  if (!routes) return false;
  const id = coveringRotationId(routes, incident);
  const rotation = id === null ? undefined : routes.rotations.find((r) => r.id === id);
  return rotation?.members.some((member) => member.id === me) ?? false;
}

/**
 * Whether a new (or newly escalated) incident of `severity` should notify me. `my-rotation` asks the on-call routes;
 * when the client could not read them (offline at start, the hub refused), it counts as "not on it": pages still reach
 * whoever is on call, and a missing list must not turn into notifications for everyone.
 */
export function wantsIncidentNotice(
  notices: NewIncidentNotices,
  incident: CoveredIncident & { readonly severity: Severity },
  me: string,
  routes: RotationRoutes | null,
): boolean {
  const rule = notices[incident.severity];
  if (rule === 'always') return true;
  if (rule === 'never') return false;
  return onCoveringRotation(routes, incident, me);
}
