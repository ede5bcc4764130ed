import { z } from 'zod';
import { announceMessageSchema, type Announcement } from '../../../shared/status-page/announce-message.js';
import { newMessageRow, type MessageRow } from '../status-page-store.js';

/**
 * An announcement in the outbox. The messages about one incident on one channel are numbered 1, 2, 3… in log
 * order, and the number is in the row's id: the n-th waits for the (n-1)-th (announcements.ts), so they reach the
 * channel in order even when two nodes send. Inserting the row decides the number between nodes: the store keeps
 * the first row with an id, so a node that finds number n taken by another event moves on to n+1.
 */

export const announceBodySchema = z.strictObject({
  /** The event's seq: which event a numbered row is about. */
  seq: z.number().int().positive(),
  n: z.number().int().positive(),
  message: announceMessageSchema,
});
export type AnnounceBody = z.infer<typeof announceBodySchema>;

/** Zero-padded, so ids sort in number order (the outbox claims due rows by due time, then id). */
export function announceRowId(channelId: string, incidentId: string, n: number): string {
  return `announce-${channelId}-${incidentId}-${String(n).padStart(6, '0')}`;
}

export function announceRow(
  channelId: string,
  announcement: Announcement,
  n: number,
  sealedBody: (body: AnnounceBody) => string,
  nowIso: string,
): MessageRow {
  return newMessageRow(
    {
      id: announceRowId(channelId, announcement.incidentId, n),
      kind: 'announce',
      recipientId: channelId,
      incidentId: announcement.incidentId,
      sealedBody: sealedBody({ seq: announcement.seq, n, message: announcement.message }),
    },
    nowIso,
  );
}

/** The body as enqueued, or null when it is not one (written by another version, or damaged). */
export function readAnnounceBody(json: string): AnnounceBody | null {
  try {
    const parsed = announceBodySchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
