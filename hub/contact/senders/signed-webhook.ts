import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { PageMessage } from '../../../shared/contact/page-message.js';
import { httpPost, type HttpPostOptions } from './http-post.js';
import type { SendOutcome } from './sender.js';

/** What a signed webhook receives (docs/contact-channels.md). */
export interface WarroomWebhookBody {
  readonly type: PageMessage['kind'];
  /** Unique per delivery (a retry is a new delivery of the same page: dedupe on pageId). */
  readonly id: string;
  readonly sentAt: string;
  readonly subject: string;
  readonly lines: readonly string[];
  readonly severity: PageMessage['severity'];
  readonly incident: PageMessage['incident'];
  readonly pageId: string | null;
  readonly ackUrl: string | null;
  readonly incidentUrl: string | null;
  readonly runbookUrl: string | null;
  readonly code: string | null;
}

export interface SignedWebhookOptions extends HttpPostOptions {
  /** The delivery id; a random UUID unless a test gives one. */
  readonly deliveryId?: () => string;
}

export function webhookBody(message: PageMessage, id: string, sentAtMs: number): WarroomWebhookBody {
  return {
    type: message.kind,
    id,
    sentAt: new Date(sentAtMs).toISOString(),
    subject: message.subject,
    lines: message.lines,
    severity: message.severity,
    incident: message.incident,
    pageId: message.pageId,
    ackUrl: message.ackUrl,
    incidentUrl: message.incidentUrl,
    runbookUrl: message.runbookUrl,
    code: message.code,
  };
}

/** `sha256=` and the hex HMAC-SHA256 of "<timestamp>.<raw body>": the timestamp is signed so a replay can be refused. */
export function warroomSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * For receivers (and tests): true when `header` (X-Warroom-Signature) signs `body` (the raw bytes as received, as
 * text) with `timestamp` (X-Warroom-Timestamp), and the timestamp is within `toleranceSeconds` of now.
 */
export function verifyWarroomSignature(
  secret: string,
  timestamp: string | undefined,
  body: string,
  header: string | undefined,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  if (timestamp === undefined || header === undefined || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return false;
  const expected = Buffer.from(warroomSignature(secret, timestamp, body));
  const given = Buffer.from(header.trim());
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function sendSignedWebhook(
  url: string,
  secret: string,
  message: PageMessage,
  options: SignedWebhookOptions = {},
): Promise<SendOutcome> {
  const nowMs = (options.now ?? Date.now)();
  const id = (options.deliveryId ?? randomUUID)();
  return postSignedJson(url, secret, JSON.stringify(webhookBody(message, id, nowMs)), id, nowMs, options);
}

/** POSTs a JSON body signed as above (the status page's subscriber webhooks send their own JSON this way). */
export function postSignedJson(
  url: string,
  secret: string,
  body: string,
  id: string,
  nowMs: number,
  options: HttpPostOptions = {},
): Promise<SendOutcome> {
  const timestamp = String(Math.floor(nowMs / 1000));
  return httpPost(
    {
      url,
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Warroom',
        'X-Warroom-Timestamp': timestamp,
        'X-Warroom-Signature': warroomSignature(secret, timestamp, body),
        'X-Warroom-Delivery': id,
      },
      body,
    },
    { ...options, secrets: [...(options.secrets ?? []), secret] },
  );
}
