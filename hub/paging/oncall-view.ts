import { defaultProfile } from '../../shared/oncall/profile.js';
import { rotationWarnings, whoIsOnCall } from '../../shared/oncall/rotation.js';
import { earliestShift, nextShiftOf, onCallSchedule } from '../../shared/oncall/schedule.js';
import type { OncallView, PagingDeadlineView } from '../../shared/protocol/oncall-wire.js';
import type { OncallConfig } from './oncall-store.js';

/** Where a person without a saved profile is assumed to be. Paging uses the rotation's zone for them instead. */
export const FALLBACK_TIME_ZONE = 'UTC';

/** The on-call screen's data for one person: every rotation now and for `days`, and their own profile and shift. */
export function buildOncallView(
  config: OncallConfig,
  deadlines: readonly PagingDeadlineView[],
  userId: string,
  now: number,
  days: number,
  reachability: OncallView['reachability'] = [],
): OncallView {
  const rotations = config.rotations.map((rotation) => {
    const { primary, backup } = whoIsOnCall(rotation, config.overrides, now);
    return {
      rotation,
      warnings: rotationWarnings(rotation),
      now: { primary, backup },
      schedule: onCallSchedule(rotation, config.overrides, now, days),
    };
  });
  const saved = config.profiles.get(userId);
  return {
    at: new Date(now).toISOString(),
    rotations,
    overrides: config.overrides.filter((o) => Date.parse(o.end) > now),
    services: [...config.services],
    defaultRotationId: config.defaultRotationId,
    policy: config.policy,
    profiles: [...config.profiles].map(([id, profile]) => ({ userId: id, profile })),
    me: {
      profile: saved ?? defaultProfile(FALLBACK_TIME_ZONE),
      saved: saved !== undefined,
      nextShift: earliestShift(rotations.map((r) => nextShiftOf(r.rotation.id, r.schedule, userId))),
    },
    deadlines: [...deadlines],
    reachability: [...reachability],
  };
}
