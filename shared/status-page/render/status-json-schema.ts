import { z } from 'zod';
import { PAGE_INDICATORS, PUBLIC_INCIDENT_STATUSES, SERVICE_STATES } from '../service-state.js';

/**
 * /status.json: the shape of Atlassian Statuspage's `/api/v2/summary.json` (field names and values), so widgets and
 * monitors written for Statuspage read ours, plus a `warroom` object with the 90-day history Statuspage keeps
 * elsewhere. One definition: the renderer builds this type and tests parse its output with it.
 * docs/status-page.md ("status.json").
 */
const isoTime = z.string().refine((t) => !Number.isNaN(Date.parse(t)), 'an ISO time');

export const statusJsonComponentSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  status: z.enum(SERVICE_STATES),
  created_at: isoTime.nullable(),
  updated_at: isoTime,
  position: z.number().int().min(1),
  description: z.string().nullable(),
  showcase: z.boolean(),
  start_date: z.string().nullable(),
  group_id: z.null(),
  page_id: z.string(),
  group: z.literal(false),
  only_show_if_degraded: z.literal(false),
});

const incidentUpdateSchema = z.strictObject({
  id: z.string(),
  status: z.enum([...PUBLIC_INCIDENT_STATUSES, 'scheduled', 'in_progress', 'completed']),
  body: z.string(),
  incident_id: z.string(),
  created_at: isoTime,
  updated_at: isoTime,
  display_at: isoTime,
});

const incidentBase = {
  id: z.string(),
  name: z.string(),
  created_at: isoTime,
  updated_at: isoTime,
  monitoring_at: isoTime.nullable(),
  resolved_at: isoTime.nullable(),
  shortlink: z.string(),
  started_at: isoTime,
  page_id: z.string(),
  incident_updates: z.array(incidentUpdateSchema),
  components: z.array(statusJsonComponentSchema),
};

export const statusJsonIncidentSchema = z.strictObject({
  ...incidentBase,
  status: z.enum(PUBLIC_INCIDENT_STATUSES),
  impact: z.enum(['none', 'minor', 'major', 'critical']),
});

export const statusJsonMaintenanceSchema = z.strictObject({
  ...incidentBase,
  status: z.enum(['scheduled', 'in_progress', 'verifying', 'completed']),
  impact: z.literal('maintenance'),
  scheduled_for: isoTime,
  scheduled_until: isoTime,
});

const historyDaySchema = z.strictObject({
  /** The local date in `time_zone`, `YYYY-MM-DD`. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  status: z.enum(SERVICE_STATES),
  /** Ids of the incidents (in `incidents`/`past_incidents`) and maintenances that touched the day. */
  refs: z.array(z.string()),
});

export const statusJsonSchema = z.strictObject({
  page: z.strictObject({
    id: z.string(),
    name: z.string(),
    url: z.string(),
    time_zone: z.string(),
    updated_at: isoTime,
  }),
  status: z.strictObject({ indicator: z.enum(PAGE_INDICATORS), description: z.string() }),
  components: z.array(statusJsonComponentSchema),
  /** Unresolved incidents only, as Statuspage's summary. */
  incidents: z.array(statusJsonIncidentSchema),
  /** Upcoming and in-progress maintenance windows. */
  scheduled_maintenances: z.array(statusJsonMaintenanceSchema),
  /** Warroom's addition (Statuspage readers ignore it). */
  warroom: z.strictObject({
    version: z.literal(1),
    /** Resolved incidents in the history's window, newest first, in the same shape as `incidents`. */
    past_incidents: z.array(statusJsonIncidentSchema),
    history: z.strictObject({
      days: z.number().int(),
      time_zone: z.string(),
      /** Per component (same order and ids as `components`), oldest day first, today last. */
      components: z.array(z.strictObject({ id: z.string(), days: z.array(historyDaySchema) })),
    }),
  }),
});
export type StatusJson = z.infer<typeof statusJsonSchema>;
export type StatusJsonComponent = z.infer<typeof statusJsonComponentSchema>;
