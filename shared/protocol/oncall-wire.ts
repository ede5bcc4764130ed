import { z } from 'zod';
import { commandErrorSchema } from '../domain/errors.js';
import { pageReasonSchema } from '../domain/incident.js';
import { LIMITS, idSchema, isoTimeSchema, personSchema, singleLineText } from '../domain/primitives.js';
import { severitySchema } from '../domain/severity.js';
import { DEADLINE_KINDS } from '../oncall/paging.js';
import { escalationPolicySchema } from '../oncall/policy.js';
import { profileSchema } from '../oncall/profile.js';
import { overrideInputSchema, overrideSchema, rotationInputSchema, rotationSchema } from '../oncall/rotation.js';
import { scheduleSegmentSchema, upcomingShiftSchema } from '../oncall/schedule.js';

/**
 * On-call and paging over socket.io: one read (`oncall`), one write (`oncall.change`, a tagged union), a test page
 * (`page.test`), and two pushes from the hub (`page` for the paged person, `oncall.changed` for everyone).
 */

export const ONCALL_MAX_DAYS = 28;

/** `oncall`: everything the on-call screen shows. `days` of schedule from now (default 14). */
export const oncallRequestSchema = z.strictObject({
  days: z.number().int().min(1).max(ONCALL_MAX_DAYS).default(14),
});
export type OncallRequest = z.input<typeof oncallRequestSchema>;

export const serviceRouteSchema = z.object({ service: z.string(), rotationId: idSchema });
export type ServiceRoute = z.infer<typeof serviceRouteSchema>;

/** When the hub will next look at an incident's paging, and what it expects to do (stored; survives restarts). */
export const pagingDeadlineSchema = z.object({
  incidentId: idSchema,
  kind: z.enum(DEADLINE_KINDS),
  dueAt: isoTimeSchema,
  step: z.number().int().nonnegative(),
  round: z.number().int().nonnegative(),
});
export type PagingDeadlineView = z.infer<typeof pagingDeadlineSchema>;

export const oncallViewSchema = z.object({
  /** Hub time the view was computed at. */
  at: isoTimeSchema,
  rotations: z.array(
    z.object({
      rotation: rotationSchema,
      /** E.g. fewer than three people. */
      warnings: z.array(z.string()),
      now: z.object({ primary: personSchema, backup: personSchema.nullable() }),
      schedule: z.array(scheduleSegmentSchema),
    }),
  ),
  /** Overrides that have not ended yet. */
  overrides: z.array(overrideSchema),
  services: z.array(serviceRouteSchema),
  /** Pages incidents whose service has no route; null: such incidents page nobody. */
  defaultRotationId: idSchema.nullable(),
  policy: escalationPolicySchema,
  /** Saved profiles (people without one get defaults). */
  profiles: z.array(z.object({ userId: idSchema, profile: profileSchema })),
  me: z.object({
    profile: profileSchema,
    /** False: `profile` is the default (UTC, Mon-Fri 09:00-17:00, 08:00-22:00) until the person saves one. */
    saved: z.boolean(),
    nextShift: upcomingShiftSchema.nullable(),
  }),
  /** Pending paging deadlines of active incidents: "escalates to the backup at 10:05". */
  deadlines: z.array(pagingDeadlineSchema),
  /**
   * People on a rotation a page may not reach: no verified contact method besides the desktop app, or their last
   * delivery failed (docs/contact.md). Empty when everyone is reachable.
   */
  reachability: z
    .array(z.object({ userId: idSchema, name: z.string(), problems: z.array(z.string()).min(1) }))
    .default([]),
});
export type OncallView = z.infer<typeof oncallViewSchema>;

export const oncallReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), view: oncallViewSchema }),
  z.object({ ok: z.literal(false), error: commandErrorSchema }),
]);
export type OncallReply = z.infer<typeof oncallReplySchema>;

/**
 * `oncall.change`: one change to the on-call set-up. Rotations, service routes and settings: admins. Overrides:
 * admins, or the person covering or covered. Profiles: your own, or anyone's for admins. People named must be hub
 * users; the hub fills in their names. Names, services and notes are held to the text rule (text-rules.ts).
 */
export const oncallChangeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('rotation.save'), rotation: rotationInputSchema }),
  z.strictObject({ kind: z.literal('rotation.delete'), rotationId: idSchema }),
  z.strictObject({ kind: z.literal('override.save'), override: overrideInputSchema }),
  z.strictObject({ kind: z.literal('override.delete'), overrideId: idSchema }),
  /** Route a service (matched case-insensitively, trimmed) to a rotation; rotationId null removes the route. */
  z.strictObject({
    kind: z.literal('service.route'),
    service: singleLineText('the service', LIMITS.title),
    rotationId: idSchema.nullable(),
  }),
  z.strictObject({
    kind: z.literal('settings.save'),
    policy: escalationPolicySchema.optional(),
    defaultRotationId: idSchema.nullable().optional(),
  }),
  /** userId defaults to the sender. */
  z.strictObject({ kind: z.literal('profile.save'), userId: idSchema.optional(), profile: profileSchema }),
]);
export type OncallChange = z.input<typeof oncallChangeSchema>;
export type ParsedOncallChange = z.output<typeof oncallChangeSchema>;

export const oncallChangeReplySchema = z.discriminatedUnion('ok', [
  /** warnings: advice the change is valid despite (e.g. a rotation under three people). */
  z.object({ ok: z.literal(true), warnings: z.array(z.string()) }),
  z.object({ ok: z.literal(false), error: commandErrorSchema }),
]);
export type OncallChangeReply = z.infer<typeof oncallChangeReplySchema>;

/** `page.test`: no arguments; the hub sends a `page` with `test: true` to the sender's own connections only. */
export const pageTestRequestSchema = z.strictObject({});
export type PageTestRequest = z.infer<typeof pageTestRequestSchema>;

/** `page` (hub → the paged person's connections): a page for you. Durable record: the incident's page.sent event. */
export const pageNotificationSchema = z.object({
  pageId: z.string(),
  at: isoTimeSchema,
  test: z.boolean(),
  /** Null for a test page. */
  incident: z
    .object({
      id: idSchema,
      number: z.number().int().positive(),
      title: z.string(),
      severity: severitySchema,
      service: z.string(),
    })
    .nullable(),
  reason: pageReasonSchema.nullable(),
  step: z.number().int().nonnegative().nullable(),
  round: z.number().int().nonnegative().nullable(),
});
export type PageNotification = z.infer<typeof pageNotificationSchema>;

export const pageTestReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), page: pageNotificationSchema }),
  z.object({ ok: z.literal(false), error: commandErrorSchema }),
]);
export type PageTestReply = z.infer<typeof pageTestReplySchema>;
