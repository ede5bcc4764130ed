import webPush from 'web-push';
import type { PushSubscriptionJson } from '../../../shared/contact/contact-method.js';
import type { PageMessage } from '../../../shared/contact/page-message.js';
import type { PushPayload } from '../../../shared/contact/push-payload.js';
import { httpPost, scrub, type HttpPostOptions } from './http-post.js';
import { truncate } from './links.js';
import type { SendOutcome } from './sender.js';

/** The hub's VAPID identity (RFC 8292): push services know the sender by the public key. */
export interface VapidKeys {
  readonly publicKey: string;
  readonly privateKey: string;
  /** A mailto: or https: address push services may contact about the sender. */
  readonly subject: string;
}

export const EXPIRED_SUBSCRIPTION = "the browser's subscription has expired: add this browser again on your Profile";

/** Push services take at most 4096 bytes of encrypted record; the JSON stays well below. */
const BODY_MAX_CHARS = 1500;

/** What the service worker (renderer/public/push-sw.js) shows. */
export function pushPayload(message: PageMessage): PushPayload {
  return {
    kind: message.kind,
    title: truncate(message.subject, 200),
    body: truncate(message.lines.join('\n'), BODY_MAX_CHARS),
    // One notification per page: a reminder replaces it instead of stacking.
    tag: message.pageId ? `warroom-page-${message.pageId}` : `warroom-${message.kind}`,
    ackUrl: message.ackUrl,
    url: message.incidentUrl,
    requireInteraction: message.kind === 'page' && message.severity === 'SEV-1',
  };
}

/** A page is worth an hour of waiting for a browser to come online; a test or code only ten minutes. */
export function pushOptions(message: PageMessage): { TTL: number; urgency: 'high' | 'normal' } {
  const page = message.kind === 'page';
  return {
    TTL: page ? 3600 : 600,
    urgency: page && (message.severity === 'SEV-1' || message.severity === 'SEV-2') ? 'high' : 'normal',
  };
}

/**
 * Encrypts (RFC 8291, aes128gcm) and signs (VAPID) with the web-push library, then posts with our own http-post, not
 * web-push's sendNotification: that one speaks https only and its timeout is per socket read, while http-post has
 * one timeout for the whole request and the same answer mapping as every other channel.
 */
export function sendWebPush(
  subscription: PushSubscriptionJson,
  message: PageMessage,
  vapid: VapidKeys,
  options: HttpPostOptions = {},
): Promise<SendOutcome> {
  let details: ReturnType<typeof webPush.generateRequestDetails>;
  try {
    details = webPush.generateRequestDetails(
      { endpoint: subscription.endpoint, keys: subscription.keys },
      JSON.stringify(pushPayload(message)),
      {
        vapidDetails: { subject: vapid.subject, publicKey: vapid.publicKey, privateKey: vapid.privateKey },
        contentEncoding: 'aes128gcm',
        ...pushOptions(message),
      },
    );
  } catch (error) {
    // A key that does not parse, a bad subject: trying again will not help.
    const detail = `could not prepare the push message: ${error instanceof Error ? error.message : String(error)}`;
    return Promise.resolve({
      ok: false,
      retryable: false,
      retryAfterMs: null,
      detail: scrub(detail, [vapid.privateKey]),
    });
  }
  const headers: Record<string, string> = { 'User-Agent': 'Warroom' };
  for (const [name, value] of Object.entries(details.headers)) headers[name] = String(value);
  return httpPost(
    { url: details.endpoint, headers, body: details.body ?? new Uint8Array() },
    {
      ...options,
      explain: (status) => (status === 404 || status === 410 ? EXPIRED_SUBSCRIPTION : options.explain?.(status)),
    },
  );
}
