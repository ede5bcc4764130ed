import { z } from 'zod';
import { normalizedAlertSchema } from '../alerts/alert.js';
import {
  audienceSchema,
  followupStateSchema,
  itemIdSchema,
  pageDeliveryPayloadSchema,
  pageReasonSchema,
  triedOutcomeSchema,
} from './incident.js';
import { idSchema, isoTimeSchema, personSchema } from './primitives.js';
import { roleSchema } from './roles.js';
import { severitySchema } from './severity.js';
import { statusSchema } from './status.js';
import { overrideStateSchema } from '../status-page/service-state.js';

const checklistItemDraft = z.object({ id: itemIdSchema, text: z.string() });

/** Every fact the log can hold, with its payload schema. Events are past tense; commands are imperative. */
export const eventPayloadSchemas = {
  'incident.declared': z.object({
    number: z.number().int().positive(),
    title: z.string(),
    severity: severitySchema,
    status: z.enum(['triage', 'investigating']),
    summary: z.string(),
    impact: z.string(),
    service: z.string(),
    team: z.string(),
    impactStartedAt: isoTimeSchema.nullable(),
    detectedAt: isoTimeSchema,
  }),
  'incident.updated': z.object({
    changes: z.object({
      title: z.string().optional(),
      summary: z.string().optional(),
      impact: z.string().optional(),
      service: z.string().optional(),
      team: z.string().optional(),
      impactStartedAt: isoTimeSchema.nullable().optional(),
      detectedAt: isoTimeSchema.optional(),
    }),
  }),
  'incident.severity_changed': z.object({
    from: severitySchema,
    to: severitySchema,
    reason: z.string(),
  }),
  'incident.status_changed': z.object({
    from: statusSchema,
    to: statusSchema,
    reason: z.string(),
  }),
  'incident.acknowledged': z.object({}),
  'role.assigned': z.object({
    role: roleSchema,
    person: personSchema,
    /** Who held a single-holder role before (a hand-over), if anyone. */
    replaced: personSchema.nullable(),
  }),
  'role.released': z.object({ role: roleSchema, person: personSchema }),
  'checklist.created': z.object({
    checklistId: idSchema,
    title: z.string(),
    templateId: z.string().nullable(),
    items: z.array(checklistItemDraft),
  }),
  'checklist.item_added': z.object({ checklistId: idSchema, itemId: itemIdSchema, text: z.string() }),
  'checklist.item_set': z.object({ checklistId: idSchema, itemId: itemIdSchema, done: z.boolean() }),
  'checklist.item_assigned': z.object({
    checklistId: idSchema,
    itemId: itemIdSchema,
    from: personSchema.nullable(),
    to: personSchema.nullable(),
  }),
  'tried.added': z.object({
    entryId: idSchema,
    what: z.string(),
    hypothesis: z.string(),
    outcome: triedOutcomeSchema,
  }),
  'tried.outcome_set': z.object({
    entryId: idSchema,
    from: triedOutcomeSchema,
    to: triedOutcomeSchema,
    note: z.string(),
  }),
  /** Struck out as a mistake: the entry stays in the log, shown struck, with the reason. */
  'tried.struck': z.object({ entryId: idSchema, reason: z.string() }),
  'status_update.posted': z.object({ updateId: idSchema, text: z.string(), audience: audienceSchema }),
  /** The public title or the Communication Lead's override changed (only the fields given). */
  'incident.public_set': z.object({
    title: z.string().optional(),
    override: overrideStateSchema.nullable().optional(),
  }),
  /** A revision of the postmortem, published on top of `baseRevision` (null: the first). */
  'postmortem.published': z.object({
    revision: idSchema,
    baseRevision: idSchema.nullable(),
    markdown: z.string(),
  }),
  'followup.added': z.object({ followupId: idSchema, text: z.string(), owner: personSchema.nullable() }),
  'followup.state_set': z.object({ followupId: idSchema, from: followupStateSchema, to: followupStateSchema }),
  'followup.assigned': z.object({
    followupId: idSchema,
    from: personSchema.nullable(),
    to: personSchema.nullable(),
  }),
  /** An alert fired (again): its context joins the incident, and a repeat only counts. */
  'alert.attached': z.object({ alert: normalizedAlertSchema }),
  /** The monitor says the alert cleared: a cue to mitigate, never an automatic close. */
  'alert.resolved': z.object({ key: z.string(), endsAt: isoTimeSchema.nullable() }),
  /** A page went out to a person, or is held until their response window opens (then sent with the same id). */
  'page.sent': z.object({
    pageId: idSchema,
    person: personSchema,
    reason: pageReasonSchema,
    step: z.number().int().nonnegative(),
    round: z.number().int().nonnegative(),
    rotationId: z.string().nullable(),
  }),
  'page.held': z.object({
    pageId: idSchema,
    person: personSchema,
    reason: pageReasonSchema,
    step: z.number().int().nonnegative(),
    round: z.number().int().nonnegative(),
    rotationId: z.string().nullable(),
    until: isoTimeSchema,
  }),
  /** The incident should page but found nobody to page (no rotation covers its service, or nobody is on call). */
  'page.unrouted': z.object({ severity: severitySchema, service: z.string(), reason: z.string() }),
  /** A person chose the rotation whose chain pages this incident (instead of its service's route). */
  'page.rotation_chosen': z.object({ rotationId: z.string() }),
  /**
   * What one message of a page did through one of the paged person's contact methods (e-mail, ntfy, chat…): sent,
   * failed for good, or failed and retried at `nextAttemptAt`. Recorded by the hub's outbox (docs/contact.md).
   */
  'page.delivery': pageDeliveryPayloadSchema,
} as const;

export type EventType = keyof typeof eventPayloadSchemas;
export type EventPayload<T extends EventType> = z.infer<(typeof eventPayloadSchemas)[T]>;

const envelope = {
  /** One global, gap-free, increasing number given by the hub. */
  seq: z.number().int().positive(),
  incidentId: idSchema,
  /** Hub time when the event was recorded. */
  at: isoTimeSchema,
  /** When the person acted (clamped by the hub to be no later than `at`). */
  clientAt: isoTimeSchema,
  actor: personSchema,
  /** The command that produced it; null for events the hub makes itself. */
  commandId: idSchema.nullable(),
};

function eventSchemaFor<T extends EventType>(type: T) {
  return z.object({ ...envelope, type: z.literal(type), payload: eventPayloadSchemas[type] });
}

export const domainEventSchema = z.discriminatedUnion('type', [
  eventSchemaFor('incident.declared'),
  eventSchemaFor('incident.updated'),
  eventSchemaFor('incident.severity_changed'),
  eventSchemaFor('incident.status_changed'),
  eventSchemaFor('incident.acknowledged'),
  eventSchemaFor('role.assigned'),
  eventSchemaFor('role.released'),
  eventSchemaFor('checklist.created'),
  eventSchemaFor('checklist.item_added'),
  eventSchemaFor('checklist.item_set'),
  eventSchemaFor('checklist.item_assigned'),
  eventSchemaFor('tried.added'),
  eventSchemaFor('tried.outcome_set'),
  eventSchemaFor('tried.struck'),
  eventSchemaFor('status_update.posted'),
  eventSchemaFor('incident.public_set'),
  eventSchemaFor('postmortem.published'),
  eventSchemaFor('followup.added'),
  eventSchemaFor('followup.state_set'),
  eventSchemaFor('followup.assigned'),
  eventSchemaFor('alert.attached'),
  eventSchemaFor('alert.resolved'),
  eventSchemaFor('page.sent'),
  eventSchemaFor('page.held'),
  eventSchemaFor('page.unrouted'),
  eventSchemaFor('page.rotation_chosen'),
  eventSchemaFor('page.delivery'),
]);

export type DomainEvent = z.infer<typeof domainEventSchema>;
export type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;

/** What decide produces: the hub stamps seq, times, actor and commandId. */
export type EventDraft = {
  [T in EventType]: { type: T; incidentId: string; payload: EventPayload<T> };
}[EventType];

export interface EventStamp {
  readonly firstSeq: number;
  readonly at: string;
  readonly clientAt: string;
  readonly actor: z.infer<typeof personSchema>;
  readonly commandId: string | null;
}

export function stampEvents(drafts: readonly EventDraft[], stamp: EventStamp): DomainEvent[] {
  return drafts.map(
    (draft, i) =>
      ({
        ...draft,
        seq: stamp.firstSeq + i,
        at: stamp.at,
        clientAt: stamp.clientAt,
        actor: stamp.actor,
        commandId: stamp.commandId,
      }) as DomainEvent,
  );
}
