import { z } from 'zod';
import { severitySchema } from '../domain/severity.js';

export const notificationPrefsSchema = z.object({
  newIncident: z.boolean(),
  escalation: z.boolean(),
  roleAssigned: z.boolean(),
  /** Notify only for incidents at least this severe. */
  minSeverity: severitySchema,
});
export type NotificationPrefs = z.infer<typeof notificationPrefsSchema>;

export const DEFAULT_NOTIFICATION_PREFS: NotificationPrefs = {
  newIncident: true,
  escalation: true,
  roleAssigned: true,
  minSeverity: 'SEV-3',
};

export const availabilitySchema = z.enum(['available', 'unavailable']);
export type Availability = z.infer<typeof availabilitySchema>;

/** Settings the UI may see. The token never leaves the host that stores it. */
export const publicSettingsSchema = z.object({
  hubUrl: z.string().nullable(),
  signedIn: z.boolean(),
  notifications: notificationPrefsSchema,
  availability: availabilitySchema,
});
export type PublicSettings = z.infer<typeof publicSettingsSchema>;

export const hubUrlSchema = z
  .string()
  .trim()
  .url('must be a URL such as http://127.0.0.1:4380')
  .refine((u) => /^https?:\/\//.test(u), 'must start with http:// or https://');

export const connectRequestSchema = z.object({
  hubUrl: hubUrlSchema,
  token: z.string().trim().min(1, 'paste the token you were given').max(200),
});
export type ConnectRequest = z.infer<typeof connectRequestSchema>;

export type ConnectResult = { ok: true } | { ok: false; message: string };
