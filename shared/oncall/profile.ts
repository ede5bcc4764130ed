import { z } from 'zod';
import { clockEndSchema, clockMinutes, clockTimeSchema, localDateSchema, timeZoneSchema } from './zoned-time.js';

const endsAfterStart = (h: { start: string; end: string }) => clockMinutes(h.start) < clockMinutes(h.end);
const endsAfterStartError = { message: 'must end after it starts (a window cannot cross midnight)', path: ['end'] };

const hoursSchema = z
  .strictObject({ start: clockTimeSchema, end: clockEndSchema })
  .refine(endsAfterStart, endsAfterStartError);

/**
 * Who a new incident of one severity notifies, as one person chooses it: `always`, `my-rotation` (only when I am a
 * member of the rotation that covers the incident's service) or `never`. Pages are apart: they always reach the
 * person paged.
 */
export const NEW_INCIDENT_NOTICES = ['always', 'my-rotation', 'never'] as const;
export const newIncidentNoticeSchema = z.enum(NEW_INCIDENT_NOTICES);
export type NewIncidentNotice = z.infer<typeof newIncidentNoticeSchema>;

export const newIncidentNoticesSchema = z.strictObject({
  'SEV-1': newIncidentNoticeSchema,
  'SEV-2': newIncidentNoticeSchema,
  'SEV-3': newIncidentNoticeSchema,
});
export type NewIncidentNotices = z.infer<typeof newIncidentNoticesSchema>;

/**
 * What paging needs to know about a person: where they are and when they work. Response windows are read in the
 * person's own time zone.
 */
export const profileSchema = z.strictObject({
  timeZone: timeZoneSchema,
  /** Working hours (SEV-3 pages only inside them): weekdays 1 = Monday ... 7 = Sunday. */
  workingHours: z
    .strictObject({
      days: z
        .array(z.number().int().min(1).max(7))
        .min(1, 'name at least one working day')
        .max(7)
        .refine((days) => new Set(days).size === days.length, 'each day may appear once'),
      start: clockTimeSchema,
      end: clockEndSchema,
    })
    .refine(endsAfterStart, endsAfterStartError),
  /** Extended hours, every day, weekends and holidays too (SEV-2 pages only inside them). */
  extendedHours: hoursSchema,
  /** Local dates without working hours (public holidays, leave): SEV-3 pages wait; SEV-2 and SEV-1 do not. */
  holidays: z.array(localDateSchema).max(366).default([]),
  /**
   * Which new incidents notify me, per severity. Absent (every profile saved before it existed, and people who never
   * chose): the defaults for my role (shared/notify/new-incident-audience.ts).
   */
  newIncidents: newIncidentNoticesSchema.optional(),
});
export type Profile = z.infer<typeof profileSchema>;

export const DEFAULT_WORKING_HOURS = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' } as const;
export const DEFAULT_EXTENDED_HOURS = { start: '08:00', end: '22:00' } as const;

/** Mon-Fri 09:00-17:00 working hours and 08:00-22:00 extended hours in the given time zone. */
export function defaultProfile(timeZone: string): Profile {
  return {
    timeZone,
    workingHours: { ...DEFAULT_WORKING_HOURS, days: [...DEFAULT_WORKING_HOURS.days] },
    extendedHours: { ...DEFAULT_EXTENDED_HOURS },
    holidays: [],
  };
}
