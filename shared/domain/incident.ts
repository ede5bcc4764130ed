import { z } from 'zod';
import { contactKindSchema, deliveryResultSchema } from '../contact/contact-method.js';
import { idSchema, isoTimeSchema, personSchema } from './primitives.js';
import { severitySchema } from './severity.js';
import { statusSchema } from './status.js';
import { overrideStateSchema, serviceStateSchema } from '../status-page/service-state.js';

export const TRIED_OUTCOMES = ['pending', 'helped', 'no-effect', 'made-worse'] as const;
export const triedOutcomeSchema = z.enum(TRIED_OUTCOMES);
export type TriedOutcome = z.infer<typeof triedOutcomeSchema>;

export const AUDIENCES = ['internal', 'external'] as const;
export const audienceSchema = z.enum(AUDIENCES);
export type Audience = z.infer<typeof audienceSchema>;

/** Item ids may be derived from a checklist id (see templateItemId), so they get a little more room. */
export const itemIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, 'must be 1-80 letters, digits, "_" or "-"');

const nullableTime = isoTimeSchema.nullable();

/** The moments metrics are computed from; null means "not happened / not known", never zero. */
export const momentsSchema = z.object({
  impactStartedAt: nullableTime,
  detectedAt: isoTimeSchema,
  declaredAt: isoTimeSchema,
  acknowledgedAt: nullableTime,
  mitigatedAt: nullableTime,
  resolvedAt: nullableTime,
  closedAt: nullableTime,
});
export type Moments = z.infer<typeof momentsSchema>;

/**
 * The moments metrics measure (docs/metrics.md), kept beside `moments` because they differ from them on purpose:
 * each is the person's own time as the log has it (not clamped to detection), and the first mitigation and
 * resolution outlive a reopen. With these the hub computes metrics from the state, never from the log.
 */
export const metricMomentsSchema = z.object({
  /** The first acknowledgement: incident.acknowledged, a move to investigating, or declaring as investigating. */
  acknowledgedAt: nullableTime,
  /** The first mitigation and resolution ever; a reopen keeps them. */
  firstMitigatedAt: nullableTime,
  firstResolvedAt: nullableTime,
  /** This round's (since the last reopen) mitigation and resolution; a reopen clears them. */
  mitigatedAt: nullableTime,
  resolvedAt: nullableTime,
  /** The move to closed or declined; a reopen clears it. */
  closedAt: nullableTime,
});
export type IncidentMetricMoments = z.infer<typeof metricMomentsSchema>;

export const checklistItemSchema = z.object({
  id: itemIdSchema,
  text: z.string(),
  addedBy: personSchema,
  doneBy: personSchema.nullable(),
  doneAt: nullableTime,
  /** Who sees the item through (optional). Absent in states folded before owners: none. */
  owner: personSchema.nullable().default(null),
});
export type ChecklistItem = z.infer<typeof checklistItemSchema>;

export const checklistSchema = z.object({
  id: idSchema,
  title: z.string(),
  templateId: z.string().nullable(),
  items: z.array(checklistItemSchema),
});
export type Checklist = z.infer<typeof checklistSchema>;

export const triedEntrySchema = z.object({
  id: idSchema,
  what: z.string(),
  hypothesis: z.string(),
  by: personSchema,
  at: isoTimeSchema,
  outcome: triedOutcomeSchema,
  outcomeBy: personSchema.nullable(),
  outcomeAt: nullableTime,
  outcomeNote: z.string(),
  /** Struck out as a mistake (kept, shown struck); absent in states folded before strike-outs: not struck. */
  struck: z.object({ reason: z.string(), by: personSchema, at: isoTimeSchema }).nullable().default(null),
});
export type TriedEntry = z.infer<typeof triedEntrySchema>;

export const statusUpdateSchema = z.object({
  id: idSchema,
  text: z.string(),
  audience: audienceSchema,
  by: personSchema,
  at: isoTimeSchema,
  /** The incident's status when it was posted (the public page labels external updates with it); null before. */
  incidentStatus: statusSchema.nullable().default(null),
});
export type StatusUpdate = z.infer<typeof statusUpdateSchema>;

/** An alert attached to the incident: its context, and how often it has fired. */
export const incidentAlertSchema = z.object({
  key: z.string(),
  source: z.string(),
  title: z.string(),
  description: z.string(),
  service: z.string(),
  team: z.string(),
  impact: z.string(),
  cause: z.string(),
  runbookUrl: z.string(),
  url: z.string(),
  severity: severitySchema,
  status: z.enum(['firing', 'resolved']),
  count: z.number().int().positive(),
  startsAt: isoTimeSchema,
  firstSeenAt: isoTimeSchema,
  lastSeenAt: isoTimeSchema,
  resolvedAt: isoTimeSchema.nullable(),
});
export type IncidentAlert = z.infer<typeof incidentAlertSchema>;

export const FOLLOWUP_STATES = ['open', 'in-progress', 'done', 'wont-do'] as const;
export const followupStateSchema = z.enum(FOLLOWUP_STATES);
export type FollowupState = z.infer<typeof followupStateSchema>;

/** A follow-up action's state in plain words. */
export const FOLLOWUP_STATE_WORDS: Readonly<Record<FollowupState, string>> = {
  open: 'open',
  'in-progress': 'in progress',
  done: 'done',
  'wont-do': 'won’t do',
};

/** An action to take after the incident ("add an alert on pool exhaustion"); it outlives the incident's closing. */
export const followupSchema = z.object({
  id: idSchema,
  text: z.string(),
  owner: personSchema.nullable(),
  state: followupStateSchema,
  addedBy: personSchema,
  addedAt: isoTimeSchema,
});
export type Followup = z.infer<typeof followupSchema>;

/** The published postmortem: its latest revision only (earlier ones are in the log as postmortem.published events). */
export const postmortemSchema = z.object({
  /** Chosen by the client that published it; the next publish names it as its base. */
  revision: idSchema,
  markdown: z.string(),
  publishedBy: personSchema,
  publishedAt: isoTimeSchema,
  /** How many revisions were published, this one included. */
  revisions: z.number().int().positive(),
  /**
   * Hub times of the revisions published in the minute up to this one, for the cap per minute (revision-cap.ts).
   * Absent in a state folded before the cap (a checkpoint, a client's cache): nothing is counted until the next.
   */
  recentAt: z.array(isoTimeSchema).optional(),
});
export type Postmortem = z.infer<typeof postmortemSchema>;

export const PAGE_REASONS = ['initial', 'escalation', 'repeat', 'ack-timeout'] as const;
export const pageReasonSchema = z.enum(PAGE_REASONS);
export type PageReason = z.infer<typeof pageReasonSchema>;

/** What one message of a page did through one contact method (the event `page.delivery`, the command alike). */
export const pageDeliveryPayloadSchema = z.strictObject({
  pageId: idSchema,
  methodId: idSchema,
  method: contactKindSchema,
  /** The method's masked target ("a•••@example.com"): never the address itself. */
  target: z.string().max(300),
  result: deliveryResultSchema,
  /** 1 for the first try. */
  attempt: z.number().int().positive().max(100),
  /** What the other side answered ("250 2.0.0 OK", "HTTP 429 Too Many Requests"), or why it could not be sent. */
  detail: z.string().max(500),
  /** When it is tried again (result `retrying`); null otherwise. */
  nextAttemptAt: isoTimeSchema.nullable(),
});
export type PageDeliveryPayload = z.infer<typeof pageDeliveryPayloadSchema>;

/** The latest of a page's messages through one method, for the Paging panel. */
export const pageDeliverySchema = z.object({
  methodId: idSchema,
  method: contactKindSchema,
  target: z.string(),
  result: deliveryResultSchema,
  attempts: z.number().int().positive(),
  at: isoTimeSchema,
  detail: z.string(),
  nextAttemptAt: isoTimeSchema.nullable(),
});
export type PageDelivery = z.infer<typeof pageDeliverySchema>;

/** A page to one person about this incident: sent, or held until their response window opens. */
export const pageSchema = z.object({
  id: idSchema,
  person: personSchema,
  reason: pageReasonSchema,
  /** Position in the escalation chain (0 = primary) and how many times the chain has run. */
  step: z.number().int().nonnegative(),
  round: z.number().int().nonnegative(),
  rotationId: z.string().nullable(),
  status: z.enum(['held', 'sent']),
  heldUntil: isoTimeSchema.nullable(),
  sentAt: isoTimeSchema.nullable(),
  /** When the paged person acknowledged the incident after this page went out (someone else's does not count). */
  acknowledgedAt: nullableTime.default(null),
  /** Messages through the person's contact methods, one entry per method (its latest result), in first-try order. */
  deliveries: z.array(pageDeliverySchema).default([]),
});
export type Page = z.infer<typeof pageSchema>;

/**
 * What the public status page may know of an incident (docs/status-page.md). Only this, the external updates and
 * the incident's severity, status and service reach the page: never the internal title, names or anything else.
 */
export const incidentPublicSchema = z.object({
  /** The title visitors read, set by the Communication Lead; null until set (the internal title is never used). */
  title: z.string().nullable(),
  /** The state the Communication Lead says the incident puts its service in (null: from severity and status). */
  override: overrideStateSchema.nullable(),
  /** When the first external update was posted: from then on the incident is on the page. */
  publishedAt: isoTimeSchema.nullable(),
  /** The state it put its service in, each time that changed (clientAt of the event), for the 90-day history. */
  states: z.array(z.object({ at: isoTimeSchema, state: serviceStateSchema })),
});
export type IncidentPublic = z.infer<typeof incidentPublicSchema>;

const incidentObjectSchema = z.object({
  id: idSchema,
  /** Human-friendly number (INC-42), given by the hub in declaration order. */
  number: z.number().int().positive(),
  title: z.string(),
  severity: severitySchema,
  /** The most severe it has ever been (the review gate and the postmortem title use it). */
  highestSeverity: severitySchema,
  /** The severity it was declared with (metrics). */
  initialSeverity: severitySchema,
  status: statusSchema,
  summary: z.string(),
  impact: z.string(),
  service: z.string(),
  team: z.string(),
  declaredBy: personSchema,
  moments: momentsSchema,
  metricMoments: metricMomentsSchema,
  roles: z.object({
    lead: personSchema.nullable(),
    comms: personSchema.nullable(),
    fixers: z.array(personSchema),
  }),
  checklists: z.array(checklistSchema),
  tried: z.array(triedEntrySchema),
  statusUpdates: z.array(statusUpdateSchema),
  alerts: z.array(incidentAlertSchema),
  pages: z.array(pageSchema),
  followups: z.array(followupSchema),
  postmortem: postmortemSchema.nullable(),
  reopenCount: z.number().int().nonnegative(),
  /** The latest acknowledgement (moments.acknowledgedAt keeps the first, for metrics): answers later re-pages. */
  lastAcknowledgedAt: isoTimeSchema.nullable(),
  /** Who gave that acknowledgement (null: unknown, or not acknowledged). */
  lastAcknowledgedBy: personSchema.nullable().default(null),
  /** The rotation a person chose to page (page.rotation_chosen); null: the service's route decides. */
  rotationId: z.string().nullable().default(null),
  /** Set when the incident should page but nobody could be paged, and why; cleared by the next page or rotation. */
  unrouted: z
    .object({ at: isoTimeSchema, severity: severitySchema, service: z.string(), reason: z.string() })
    .nullable()
    .default(null),
  /** The status page's part (absent in states folded before the status page: never published). */
  public: incidentPublicSchema.default({ title: null, override: null, publishedAt: null, states: [] }),
  /** Seq of the last event that changed this incident, and when (hub time). */
  lastSeq: z.number().int().nonnegative(),
  updatedAt: isoTimeSchema,
});

/**
 * An incident as it crosses the wire or comes from a client's cache. A hub of the same protocol from before
 * `initialSeverity` and `metricMoments` sends incidents without them: they are filled in from what it did send, so
 * a newer app still reads its snapshots. Only the hub computes metrics, and its own state always has the real ones
 * (rebuilt by this reducer; checkpoints of an older format are ignored).
 */
export const incidentSchema = z.preprocess(withMetricFields, incidentObjectSchema);
export type Incident = z.infer<typeof incidentSchema>;

function withMetricFields(raw: unknown): unknown {
  if (!isRecord(raw) || ('initialSeverity' in raw && 'metricMoments' in raw)) return raw;
  const m = isRecord(raw.moments) ? raw.moments : {};
  const known = (key: string): unknown => m[key] ?? null;
  return {
    initialSeverity: raw.severity,
    metricMoments: {
      acknowledgedAt: known('acknowledgedAt'),
      firstMitigatedAt: known('mitigatedAt'),
      firstResolvedAt: known('resolvedAt'),
      mitigatedAt: known('mitigatedAt'),
      resolvedAt: known('resolvedAt'),
      closedAt: known('closedAt'),
    },
    ...raw,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether someone acknowledged the incident after this page went out (a re-page needs a new acknowledgement). */
export function pageAnswered(incident: Pick<Incident, 'lastAcknowledgedAt'>, page: Pick<Page, 'sentAt'>): boolean {
  const acked = incident.lastAcknowledgedAt;
  return acked !== null && (page.sentAt === null || Date.parse(acked) >= Date.parse(page.sentAt));
}

export function incidentLabel(incident: Pick<Incident, 'number'>): string {
  return `INC-${incident.number}`;
}
