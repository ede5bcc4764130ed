import { z } from 'zod';
import { checklistItemsSchema } from './checklist-items.js';
import { normalizedAlertSchema } from '../alerts/alert.js';
import {
  audienceSchema,
  followupStateSchema,
  itemIdSchema,
  pageDeliveryPayloadSchema,
  pageReasonSchema,
  triedOutcomeSchema,
} from './incident.js';
import { LIMITS, idSchema, isoTimeSchema, multiLineText, personSchema, singleLineText } from './primitives.js';
import { roleSchema } from './roles.js';
import { severitySchema } from './severity.js';
import { statusSchema } from './status.js';
import { overrideStateSchema } from '../status-page/service-state.js';

/**
 * Every command a person (or a monitor, through the hub) can send, with its payload schema.
 * The schema is the only definition: types come from it and the hub parses every command with it.
 * A person's text is held to one rule (text-rules.ts): single-line fields through singleLineText, the few
 * multi-line ones (summary, impact, status updates, the postmortem) through multiLineText.
 */
const title = singleLineText('the title', LIMITS.title);
const summary = multiLineText('the summary', LIMITS.longText, { optional: true });
const impact = multiLineText('the impact', LIMITS.longText, { optional: true });
const service = singleLineText('the service', LIMITS.title, { optional: true });
const team = singleLineText('the team', LIMITS.title, { optional: true });

export const commandPayloadSchemas = {
  'incident.declare': z.strictObject({
    title,
    severity: severitySchema,
    /** Alerts start in triage; a person declaring starts investigating. */
    status: z.enum(['triage', 'investigating']).default('investigating'),
    summary: summary.default(''),
    impact: impact.default(''),
    service: service.default(''),
    team: team.default(''),
    impactStartedAt: isoTimeSchema.nullable().default(null),
    detectedAt: isoTimeSchema.nullable().default(null),
    /** Hand the Lead role to someone else at once; default: the declarer leads. */
    lead: personSchema.nullable().default(null),
  }),
  'incident.update': z
    .strictObject({
      title: title.optional(),
      summary: summary.optional(),
      impact: impact.optional(),
      service: service.optional(),
      team: team.optional(),
      impactStartedAt: isoTimeSchema.nullable().optional(),
      detectedAt: isoTimeSchema.optional(),
    })
    .refine((p) => Object.keys(p).length > 0, 'name at least one field to change'),
  'incident.change_severity': z.strictObject({
    severity: severitySchema,
    reason: singleLineText('the reason', LIMITS.shortText),
  }),
  'incident.change_status': z.strictObject({
    status: statusSchema,
    reason: singleLineText('the reason', LIMITS.shortText, { optional: true }).default(''),
  }),
  /**
   * `lead: true` is "Acknowledge and lead": in one step the person acknowledges, takes the vacant Incident Lead role
   * and moves a triaged incident to investigating (refused if someone else leads: a lead changes hands explicitly).
   */
  'incident.acknowledge': z.strictObject({ lead: z.boolean().default(false) }),
  'role.assign': z.strictObject({ role: roleSchema, person: personSchema }),
  'role.claim': z.strictObject({ role: roleSchema }),
  'role.release': z.strictObject({ role: roleSchema, personId: idSchema.optional() }),
  'checklist.create': z.union([
    z.strictObject({ checklistId: idSchema, templateId: idSchema }),
    z.strictObject({
      checklistId: idSchema,
      title: singleLineText('the checklist title', LIMITS.title),
      items: checklistItemsSchema,
    }),
  ]),
  'checklist.add_item': z.strictObject({
    checklistId: idSchema,
    itemId: itemIdSchema,
    text: singleLineText('the checklist item', LIMITS.checklistItem),
  }),
  'checklist.set_item': z.strictObject({
    checklistId: idSchema,
    itemId: itemIdSchema,
    done: z.boolean(),
  }),
  /** Who sees an open item through; null clears the owner. */
  'checklist.assign_item': z.strictObject({
    checklistId: idSchema,
    itemId: itemIdSchema,
    owner: personSchema.nullable(),
  }),
  'tried.add': z.strictObject({
    entryId: idSchema,
    what: singleLineText('what was tried', LIMITS.shortText),
    hypothesis: singleLineText('the hypothesis', LIMITS.shortText, { optional: true }).default(''),
    outcome: triedOutcomeSchema.default('pending'),
  }),
  'tried.set_outcome': z.strictObject({
    entryId: idSchema,
    outcome: triedOutcomeSchema,
    note: singleLineText('the note', LIMITS.shortText, { optional: true }).default(''),
  }),
  /** A mistaken entry is struck out with a reason: kept in the log and shown struck, never deleted. */
  'tried.strike': z.strictObject({
    entryId: idSchema,
    reason: singleLineText('the reason', LIMITS.shortText),
  }),
  /**
   * An external update goes to the public status page and its subscribers (docs/status-page.md): only the
   * publishers the policy names may post one, and the incident needs a public title first (`publicTitle` sets it in
   * the same step).
   */
  'status_update.post': z.strictObject({
    updateId: idSchema,
    text: multiLineText('the status update', LIMITS.longText),
    audience: audienceSchema,
    publicTitle: singleLineText('the public title', LIMITS.title).optional(),
  }),
  /** The status page's view of the incident: its public title, and the state it puts its service in (null: derived). */
  'incident.set_public': z
    .strictObject({
      title: singleLineText('the public title', LIMITS.title).optional(),
      override: overrideStateSchema.nullable().optional(),
    })
    .refine((p) => p.title !== undefined || p.override !== undefined, 'name the public title or the override'),
  /**
   * Publish the postmortem (resolved or closed incidents only). `revision` is a new id made by the client;
   * `baseRevision` is the revision the author started from (null for the first), so a publish on top of someone
   * else's newer revision is refused (`conflict`) instead of overwriting it.
   */
  'postmortem.publish': z.strictObject({
    revision: idSchema,
    baseRevision: idSchema.nullable(),
    markdown: multiLineText('the postmortem', LIMITS.postmortem, { asWritten: true }),
  }),
  /** Follow-up actions outlive the incident: these are accepted on closed incidents too. */
  'followup.add': z.strictObject({
    followupId: idSchema,
    text: singleLineText('the follow-up', LIMITS.shortText),
    owner: personSchema.nullable().default(null),
  }),
  'followup.set_state': z.strictObject({ followupId: idSchema, state: followupStateSchema }),
  'followup.assign': z.strictObject({ followupId: idSchema, owner: personSchema.nullable() }),
  /**
   * Hub only (webhooks): an alert fired or cleared. A firing alert whose key matches an active incident attaches
   * to it; otherwise it declares a new incident (in triage) with the command's incidentId.
   */
  'alert.receive': z.strictObject({ alert: normalizedAlertSchema }),
  /** Hub only (the escalation scheduler): a page to a person, sent now or held until `heldUntil`. */
  'page.record': z.strictObject({
    pageId: idSchema,
    person: personSchema,
    reason: pageReasonSchema,
    step: z.number().int().nonnegative(),
    round: z.number().int().nonnegative(),
    rotationId: z.string().max(64).nullable(),
    heldUntil: isoTimeSchema.nullable(),
  }),
  /** Hub only (the escalation scheduler): an incident that should page found nobody to page, and why. */
  'page.report_unrouted': z.strictObject({
    severity: severitySchema,
    service: z.string().max(LIMITS.title),
    reason: z.string().max(LIMITS.shortText),
  }),
  /** Page this rotation for the incident (its escalation chain) instead of the one its service routes to. */
  'page.choose_rotation': z.strictObject({ rotationId: z.string().min(1).max(64) }),
  /** Hub only (the delivery outbox): what a page's message through one contact method did. */
  'page.record_delivery': pageDeliveryPayloadSchema,
} as const;

/** Command ids the hub makes for itself (pages, webhooks) start with this; clients may not use it. */
export const HUB_COMMAND_PREFIX = 'hub-';

/** Commands only the hub itself issues (from webhooks and the scheduler); clients sending them are refused. */
export const HUB_ONLY_COMMANDS: readonly CommandType[] = [
  'alert.receive',
  'page.record',
  'page.report_unrouted',
  'page.record_delivery',
];

export type CommandType = keyof typeof commandPayloadSchemas;
export const COMMAND_TYPES = Object.keys(commandPayloadSchemas) as CommandType[];

/** What the sender fixes when it queues a request: the command's id and moment. */
const stamp = {
  commandId: idSchema,
  /** When the person acted, by their clock; kept on the event beside the hub's own time. */
  clientAt: isoTimeSchema,
};

/** A request of one type: what the person asks for, before its sender stamps it. */
function commandRequestSchemaFor<T extends CommandType>(type: T) {
  return z.strictObject({ incidentId: idSchema, type: z.literal(type), payload: commandPayloadSchemas[type] });
}

/** A command of one type: its request, stamped. */
function commandSchemaFor<T extends CommandType>(type: T) {
  return commandRequestSchemaFor(type).extend(stamp);
}

export const commandSchema = z.discriminatedUnion('type', [
  commandSchemaFor('incident.declare'),
  commandSchemaFor('incident.update'),
  commandSchemaFor('incident.change_severity'),
  commandSchemaFor('incident.change_status'),
  commandSchemaFor('incident.acknowledge'),
  commandSchemaFor('role.assign'),
  commandSchemaFor('role.claim'),
  commandSchemaFor('role.release'),
  commandSchemaFor('checklist.create'),
  commandSchemaFor('checklist.add_item'),
  commandSchemaFor('checklist.set_item'),
  commandSchemaFor('checklist.assign_item'),
  commandSchemaFor('tried.add'),
  commandSchemaFor('tried.set_outcome'),
  commandSchemaFor('tried.strike'),
  commandSchemaFor('status_update.post'),
  commandSchemaFor('incident.set_public'),
  commandSchemaFor('postmortem.publish'),
  commandSchemaFor('followup.add'),
  commandSchemaFor('followup.set_state'),
  commandSchemaFor('followup.assign'),
  commandSchemaFor('alert.receive'),
  commandSchemaFor('page.record'),
  commandSchemaFor('page.report_unrouted'),
  commandSchemaFor('page.choose_rotation'),
  commandSchemaFor('page.record_delivery'),
]);

/**
 * What a person asks for (`CommandRequest`: a command before its sender fixes `commandId` and `clientAt`), checked
 * with the same payload schemas as `commandSchema`: main checks each `sendCommand` with it.
 */
export const commandRequestSchema = z.discriminatedUnion('type', [
  commandRequestSchemaFor('incident.declare'),
  commandRequestSchemaFor('incident.update'),
  commandRequestSchemaFor('incident.change_severity'),
  commandRequestSchemaFor('incident.change_status'),
  commandRequestSchemaFor('incident.acknowledge'),
  commandRequestSchemaFor('role.assign'),
  commandRequestSchemaFor('role.claim'),
  commandRequestSchemaFor('role.release'),
  commandRequestSchemaFor('checklist.create'),
  commandRequestSchemaFor('checklist.add_item'),
  commandRequestSchemaFor('checklist.set_item'),
  commandRequestSchemaFor('checklist.assign_item'),
  commandRequestSchemaFor('tried.add'),
  commandRequestSchemaFor('tried.set_outcome'),
  commandRequestSchemaFor('tried.strike'),
  commandRequestSchemaFor('status_update.post'),
  commandRequestSchemaFor('incident.set_public'),
  commandRequestSchemaFor('postmortem.publish'),
  commandRequestSchemaFor('followup.add'),
  commandRequestSchemaFor('followup.set_state'),
  commandRequestSchemaFor('followup.assign'),
  commandRequestSchemaFor('alert.receive'),
  commandRequestSchemaFor('page.record'),
  commandRequestSchemaFor('page.report_unrouted'),
  commandRequestSchemaFor('page.choose_rotation'),
  commandRequestSchemaFor('page.record_delivery'),
]);

export function isCommandType(value: unknown): value is CommandType {
  return typeof value === 'string' && Object.hasOwn(commandPayloadSchemas, value);
}

/** A parsed command (defaults filled in). */
export type Command = z.output<typeof commandSchema>;
/** What a client may send (defaults optional). */
export type CommandInput = z.input<typeof commandSchema>;
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;
export type CommandInputOf<T extends CommandType> = Extract<CommandInput, { type: T }>;

/** What a person asks for: a command before its sender fixes its id and moment (`commandId`, `clientAt`). */
export type CommandRequestOf<T extends CommandType> = Omit<CommandInputOf<T>, 'commandId' | 'clientAt'>;
/** Any command a person can ask for, by type: `payload` follows from `type`. */
export type CommandRequest = { [T in CommandType]: CommandRequestOf<T> }[CommandType];
