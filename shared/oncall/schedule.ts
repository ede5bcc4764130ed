import { z } from 'zod';
import { isoTimeSchema, personSchema, type Person } from '../domain/primitives.js';
import { shiftAt, whoIsOnCall, type Override, type Rotation } from './rotation.js';
import { DAY_MS } from './zoned-time.js';

/** A stretch of time in which primary and backup stay the same. */
export const scheduleSegmentSchema = z.object({
  start: isoTimeSchema,
  end: isoTimeSchema,
  primary: personSchema,
  backup: personSchema.nullable(),
});
export type ScheduleSegment = z.infer<typeof scheduleSegmentSchema>;

/** At most this many days are computed at once (the on-call screen shows two weeks). */
export const MAX_SCHEDULE_DAYS = 62;

const samePerson = (a: Person | null, b: Person | null) => (a === null ? b === null : a.id === b?.id);

/**
 * Who is on call from `fromMs` for `days` × 24 h, as segments that change at handoffs and at the start or end of
 * an override; neighbouring segments with the same primary and backup are merged.
 */
export function onCallSchedule(
  rotation: Rotation,
  overrides: readonly Override[],
  fromMs: number,
  days: number,
): ScheduleSegment[] {
  const until = fromMs + Math.min(Math.max(days, 0), MAX_SCHEDULE_DAYS) * DAY_MS;
  const mine = overrides.filter((o) => o.rotationId === rotation.id);
  const overrideEdges = mine.flatMap((o) => [Date.parse(o.start), Date.parse(o.end)]);
  const segments: { start: number; end: number; primary: Person; backup: Person | null }[] = [];
  let t = fromMs;
  while (t < until) {
    // A shift always ends after t; the max() only guards the loop against a time zone database surprise.
    const next = Math.max(
      t + 1,
      Math.min(until, shiftAt(rotation, t).end, ...overrideEdges.filter((edge) => edge > t)),
    );
    const { primary, backup } = whoIsOnCall(rotation, mine, t);
    const last = segments.at(-1);
    if (last && last.end === t && samePerson(last.primary, primary) && samePerson(last.backup, backup)) last.end = next;
    else segments.push({ start: t, end: next, primary, backup });
    t = next;
  }
  return segments.map((s) => ({
    start: new Date(s.start).toISOString(),
    end: new Date(s.end).toISOString(),
    primary: s.primary,
    backup: s.backup,
  }));
}

export const ON_CALL_ROLES = ['primary', 'backup'] as const;

export const upcomingShiftSchema = z.object({
  rotationId: z.string(),
  role: z.enum(ON_CALL_ROLES),
  start: isoTimeSchema,
  end: isoTimeSchema,
});
export type UpcomingShift = z.infer<typeof upcomingShiftSchema>;

/**
 * A person's current or next stretch on call in one schedule ("my next shift"): the first segment where they are
 * primary or backup, extended over the following segments where they keep that role.
 */
export function nextShiftOf(
  rotationId: string,
  schedule: readonly ScheduleSegment[],
  personId: string,
): UpcomingShift | null {
  const roleIn = (s: ScheduleSegment) =>
    s.primary.id === personId ? 'primary' : s.backup?.id === personId ? 'backup' : null;
  const first = schedule.findIndex((s) => roleIn(s) !== null);
  const segment = schedule[first];
  if (!segment) return null;
  const role = roleIn(segment) ?? 'primary';
  let end = segment.end;
  for (const s of schedule.slice(first + 1)) {
    if (s.start !== end || roleIn(s) !== role) break;
    end = s.end;
  }
  return { rotationId, role, start: segment.start, end };
}

/** The earliest of several rotations' next shifts for a person. */
export function earliestShift(shifts: readonly (UpcomingShift | null)[]): UpcomingShift | null {
  let best: UpcomingShift | null = null;
  for (const shift of shifts) {
    if (shift && (!best || Date.parse(shift.start) < Date.parse(best.start))) best = shift;
  }
  return best;
}
