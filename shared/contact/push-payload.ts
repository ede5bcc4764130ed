import { z } from 'zod';

/**
 * What a Web Push message carries (JSON, encrypted to the subscription per RFC 8291): the service worker
 * (renderer/public/push-sw.js) shows it as a notification, with an Acknowledge action that POSTs `ackUrl`.
 */
export const pushPayloadSchema = z.object({
  kind: z.enum(['page', 'test', 'verification']),
  title: z.string(),
  body: z.string(),
  /** Replaces an earlier notification of the same page (a reminder) instead of stacking. */
  tag: z.string(),
  /** One-time acknowledge link: POST acknowledges (the service worker's action), GET shows a page with a button. */
  ackUrl: z.string().nullable(),
  /** Opened when the notification itself is clicked. */
  url: z.string().nullable(),
  /** SEV-1 pages stay on screen until answered. */
  requireInteraction: z.boolean(),
});
export type PushPayload = z.infer<typeof pushPayloadSchema>;
