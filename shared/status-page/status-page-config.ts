import { z } from 'zod';
import { idSchema, isoTimeSchema, LIMITS, multiLineText, singleLineText } from '../domain/primitives.js';
import { timeZoneSchema } from '../oncall/zoned-time.js';
import { overrideStateSchema } from './service-state.js';

/**
 * What an admin sets about the public status page (docs/status-page.md): which services are public and under which
 * names, overrides, maintenance windows. Nothing here is secret (chat channels and webhook subscribers, which carry
 * URLs and secrets, are kept apart, sealed). One schema gives the type and the check, on the hub and in the app.
 */

/** A service as incidents name it (`incident.service`): the key that ties the two; never shown publicly. */
export const serviceKeySchema = singleLineText('the service', LIMITS.title);

export const publicServiceSchema = z.strictObject({
  /** Incidents whose `service` equals this (case-insensitively, trimmed) affect it. */
  key: serviceKeySchema,
  /** What visitors read ("Checkout", not "payments-api-prod"). */
  name: singleLineText('the public name', 80),
  description: singleLineText('the description', 300, { optional: true }).default(''),
  /** Set by an admin: shown instead of what the incidents say (null: follow the incidents). */
  override: overrideStateSchema.nullable().default(null),
});
export type PublicService = z.infer<typeof publicServiceSchema>;

export const maintenanceSchema = z
  .strictObject({
    id: idSchema,
    title: singleLineText('the maintenance title', LIMITS.title),
    text: multiLineText('the maintenance text', LIMITS.longText, { optional: true }).default(''),
    startsAt: isoTimeSchema,
    endsAt: isoTimeSchema,
    /** Service keys it affects (at least one). */
    services: z.array(serviceKeySchema).min(1, 'name at least one service').max(50),
  })
  .refine((m) => Date.parse(m.endsAt) > Date.parse(m.startsAt), {
    message: 'the maintenance must end after it starts',
    path: ['endsAt'],
  });
export type Maintenance = z.infer<typeof maintenanceSchema>;

export const statusPageConfigSchema = z
  .strictObject({
    /** The page's heading and the feed's title ("Acme status"). */
    title: singleLineText('the page title', 80).default('Status'),
    /** The days of the 90-day history are days in this zone. */
    timeZone: timeZoneSchema.default('UTC'),
    services: z.array(publicServiceSchema).max(100).default([]),
    maintenances: z.array(maintenanceSchema).max(200).default([]),
  })
  .superRefine((config, ctx) => {
    const keys = new Set<string>();
    config.services.forEach((s, i) => {
      const key = serviceKeyOf(s.key);
      if (keys.has(key))
        ctx.addIssue({ code: 'custom', path: ['services', i, 'key'], message: `"${s.key}" is listed twice` });
      keys.add(key);
    });
    config.maintenances.forEach((m, i) => {
      m.services.forEach((key, j) => {
        if (!keys.has(serviceKeyOf(key)))
          ctx.addIssue({
            code: 'custom',
            path: ['maintenances', i, 'services', j],
            message: `"${key}" is not a public service`,
          });
      });
    });
  });
export type StatusPageConfig = z.output<typeof statusPageConfigSchema>;
export type StatusPageConfigInput = z.input<typeof statusPageConfigSchema>;

/** A hub that was never set up: a page titled "Status" with no public services. */
export const EMPTY_STATUS_PAGE_CONFIG: StatusPageConfig = statusPageConfigSchema.parse({});

/** How incident services and configured keys are compared: trimmed, case-insensitive. */
export function serviceKeyOf(service: string): string {
  return service.trim().toLowerCase();
}
