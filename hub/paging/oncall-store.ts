import type { EscalationPolicy } from '../../shared/oncall/policy.js';
import { DEADLINE_KINDS, type DeadlineKind } from '../../shared/oncall/paging.js';
import type { Profile } from '../../shared/oncall/profile.js';
import type { Override, Rotation } from '../../shared/oncall/rotation.js';
import { DAY_MS } from '../../shared/oncall/zoned-time.js';
import type { PagingDeadlineView, ServiceRoute } from '../../shared/protocol/oncall-wire.js';

/** Everything paging reads, loaded at once and replaced whenever an admin changes something. */
export interface OncallConfig {
  readonly rotations: readonly Rotation[];
  readonly overrides: readonly Override[];
  readonly services: readonly ServiceRoute[];
  readonly defaultRotationId: string | null;
  readonly policy: EscalationPolicy;
  readonly profiles: ReadonlyMap<string, Profile>;
}

/** Services are routed by name, trimmed and case-insensitive: an alert for "Checkout" pages the checkout rotation. */
export function serviceKey(service: string): string {
  return service.trim().toLowerCase();
}

/** The rotation that pages an incident of this service: its route, else the default rotation, else none. */
export function rotationForService(config: OncallConfig, service: string): Rotation | undefined {
  const key = serviceKey(service);
  const routed = config.services.find((s) => s.service === key)?.rotationId ?? config.defaultRotationId;
  return routed === null ? undefined : config.rotations.find((r) => r.id === routed);
}

/**
 * The rotation that pages an incident: the one a person chose for it (page.choose_rotation) while it exists, else
 * its service's rotation (rotationForService).
 */
export function rotationForIncident(
  config: OncallConfig,
  incident: { readonly rotationId: string | null; readonly service: string },
): Rotation | undefined {
  const chosen = incident.rotationId === null ? undefined : config.rotations.find((r) => r.id === incident.rotationId);
  return chosen ?? rotationForService(config, incident.service);
}

/** Ended overrides are kept (history) but only the last month's are loaded: a late restart still sees them. */
export const OVERRIDE_MEMORY_MS = 31 * DAY_MS;

/** The on-call set-up and paging deadlines (SQLite or PostgreSQL). Bodies are zod-checked JSON. */
export interface OncallStore {
  load(): Promise<OncallConfig>;
  rotation(id: string): Promise<Rotation | undefined>;
  saveRotation(rotation: Rotation): Promise<void>;
  /** Removes the rotation with its overrides and routes; clears it as the default. False if unknown. */
  deleteRotation(id: string): Promise<boolean>;
  override(id: string): Promise<Override | undefined>;
  saveOverride(override: Override): Promise<void>;
  deleteOverride(id: string): Promise<boolean>;
  /** Routes a service to a rotation, or removes its route (null). */
  routeService(service: string, rotationId: string | null): Promise<void>;
  saveSettings(settings: { policy?: EscalationPolicy; defaultRotationId?: string | null }): Promise<void>;
  saveProfile(userId: string, profile: Profile): Promise<void>;
  deadlines(): Promise<PagingDeadlineView[]>;
  /** Replaces the deadlines of several incidents in one transaction (an empty list clears an incident's). */
  replaceDeadlines(byIncident: ReadonlyMap<string, readonly Omit<PagingDeadlineView, 'incidentId'>[]>): Promise<void>;
}

export function isDeadlineKind(kind: string): kind is DeadlineKind {
  return (DEADLINE_KINDS as readonly string[]).includes(kind);
}
