import { z } from 'zod';
import { idSchema, isoTimeSchema, personSchema, singleLineText, type Person } from '../domain/primitives.js';
import {
  clockMinutes,
  clockTimeSchema,
  dateToDayNumber,
  localDateSchema,
  localDayNumber,
  timeZoneSchema,
  zonedInstant,
} from './zoned-time.js';

export const SHIFT_LENGTHS = ['daily', 'weekly'] as const;
export const shiftLengthSchema = z.enum(SHIFT_LENGTHS);
export type ShiftLength = z.infer<typeof shiftLengthSchema>;

/** Below this many people a rotation works but is flagged: everyone is on call most of the time. */
export const MIN_HEALTHY_MEMBERS = 3;

/** How long the on-call set-up's texts may be, in characters (the forms show a counter near them). */
export const ONCALL_LIMITS = { rotationName: 100, overrideNote: 200 } as const;

/**
 * Who takes turns being on call. From `handoffTime` on `startDate` (local to `timeZone`) members[0] is primary
 * and members[1] backup; at each handoff (every day, or every 7 days) everyone moves up one place.
 */
export const rotationSchema = z.strictObject({
  id: idSchema,
  /** As stored; a new or changed rotation's name is held to the text rule (rotationInputSchema). */
  name: z.string().trim().min(1).max(ONCALL_LIMITS.rotationName),
  members: z
    .array(personSchema)
    .min(1, 'a rotation needs at least one person')
    .max(100)
    .refine((people) => new Set(people.map((p) => p.id)).size === people.length, 'each person may appear once'),
  /** Local wall-clock time of the handoff, `HH:MM`. */
  handoffTime: clockTimeSchema,
  shift: shiftLengthSchema,
  timeZone: timeZoneSchema,
  /** The local date of the first handoff; weekly rotations hand off on this weekday. */
  startDate: localDateSchema,
});
export type Rotation = z.infer<typeof rotationSchema>;

/**
 * A rotation as sent to be saved: its name is one line a person can read (the text rule, text-rules.ts). Stored
 * rotations are read with the laxer rotationSchema, so one saved before the rule still loads.
 */
export const rotationInputSchema = rotationSchema.extend({
  name: singleLineText('the rotation name', ONCALL_LIMITS.rotationName),
});

/**
 * Someone covers for a member of the rotation from `start` to `end` (a holiday, a swap: a swap is two overrides).
 * Wherever `replaces` would be primary or backup in that time, `person` is instead.
 */
const overrideFields = {
  id: idSchema,
  rotationId: idSchema,
  /** The id of the member who is covered. */
  replaces: idSchema,
  /** Who covers. */
  person: personSchema,
  start: isoTimeSchema,
  end: isoTimeSchema,
  note: z.string().trim().max(ONCALL_LIMITS.overrideNote).default(''),
};

function overrideRules<T extends z.ZodType<{ start: string; end: string; replaces: string; person: Person }>>(
  schema: T,
): T {
  return schema
    .refine((o) => Date.parse(o.start) < Date.parse(o.end), { message: 'must end after it starts', path: ['end'] })
    .refine((o) => o.person.id !== o.replaces, { message: 'cannot cover for themselves', path: ['person'] });
}

export const overrideSchema = overrideRules(z.strictObject(overrideFields));
export type Override = z.infer<typeof overrideSchema>;

/** An override as sent to be saved: its note is held to the text rule (stored ones are read with overrideSchema). */
export const overrideInputSchema = overrideRules(
  z.strictObject({
    ...overrideFields,
    note: singleLineText('the note', ONCALL_LIMITS.overrideNote, { optional: true }).default(''),
  }),
);

/** Advice about a rotation that is valid but risky, shown to whoever edits it. */
export function rotationWarnings(rotation: Rotation): string[] {
  const count = rotation.members.length;
  if (count >= MIN_HEALTHY_MEMBERS) return [];
  return [
    `${rotation.name} has ${count === 1 ? 'one person' : `${count} people`}; a rotation needs at least ${MIN_HEALTHY_MEMBERS} so nobody is on call most of the time${count === 1 ? ' and there is a backup' : ''}.`,
  ];
}

export interface Shift {
  /** Handoffs since the first one (negative before `startDate`). */
  readonly index: number;
  /** Instants (ms) of the handoffs that start and end this shift. */
  readonly start: number;
  readonly end: number;
}

function shiftDays(rotation: Pick<Rotation, 'shift'>): number {
  return rotation.shift === 'daily' ? 1 : 7;
}

/** The shift in progress at an instant: handoffs happen at the local handoff time, so a shift across a DST change is 23 or 25 hours (or 167/169). */
export function shiftAt(rotation: Rotation, instantMs: number): Shift {
  const { timeZone } = rotation;
  const handoff = clockMinutes(rotation.handoffTime);
  const today = localDayNumber(timeZone, instantMs);
  const shiftDay = instantMs >= zonedInstant(timeZone, today, handoff) ? today : today - 1;
  const length = shiftDays(rotation);
  const first = dateToDayNumber(rotation.startDate);
  const index = Math.floor((shiftDay - first) / length);
  const startDay = first + index * length;
  return {
    index,
    start: zonedInstant(timeZone, startDay, handoff),
    end: zonedInstant(timeZone, startDay + length, handoff),
  };
}

export interface OnCall {
  readonly primary: Person;
  /** Null when nobody else is available (a one-person rotation, or everyone covered by the primary). */
  readonly backup: Person | null;
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

/** Overrides of this rotation in force at an instant, the latest-starting first (a narrower cover inside a longer one wins). */
export function activeOverrides(rotation: Rotation, overrides: readonly Override[], instantMs: number): Override[] {
  return overrides
    .filter((o) => o.rotationId === rotation.id && Date.parse(o.start) <= instantMs && instantMs < Date.parse(o.end))
    .sort((a, b) => Date.parse(b.start) - Date.parse(a.start) || a.id.localeCompare(b.id));
}

/** Who stands in for a member at an instant (the member themselves without an override). */
function coverFor(member: Person, active: readonly Override[]): Person {
  return active.find((o) => o.replaces === member.id)?.person ?? member;
}

/** The members in on-call order at an instant (primary first), each replaced by whoever covers them, without repeats. */
export function onCallOrder(rotation: Rotation, overrides: readonly Override[], instantMs: number): Person[] {
  const { index } = shiftAt(rotation, instantMs);
  const active = activeOverrides(rotation, overrides, instantMs);
  const n = rotation.members.length;
  const order: Person[] = [];
  for (let k = 0; k < n; k++) {
    const member = rotation.members[mod(index + k, n)];
    if (!member) continue;
    const person = coverFor(member, active);
    if (!order.some((p) => p.id === person.id)) order.push(person);
  }
  return order;
}

/**
 * Primary and backup at an instant: the member whose turn it is and the next one in line, each replaced by
 * whoever covers them. If the cover is already the primary, the next member in line is backup.
 */
export function whoIsOnCall(rotation: Rotation, overrides: readonly Override[], instantMs: number): OnCall {
  const [primary, backup] = onCallOrder(rotation, overrides, instantMs);
  // members has at least one person, so the order has a primary.
  return { primary: primary ?? (rotation.members[0] as Person), backup: backup ?? null };
}
