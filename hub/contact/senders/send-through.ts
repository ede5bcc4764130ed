import type { ContactTarget } from '../../../shared/contact/contact-method.js';
import type { PageMessage } from '../../../shared/contact/page-message.js';
import { sendMattermost, sendSlack } from './chat.js';
import { emailSenderFor, type SmtpSettings } from './email.js';
import { DEFAULT_TIMEOUT_MS, type HttpPostOptions } from './http-post.js';
import { sendNtfy } from './ntfy.js';
import type { SendOutcome, SendThrough } from './sender.js';
import { sendSignedWebhook } from './signed-webhook.js';
import { sendTeams } from './teams.js';
import { sendWebPush, type VapidKeys } from './web-push.js';

export interface SendThroughDeps {
  /** null: e-mail is off (no WARROOM_SMTP_URL, no smtp.json). */
  readonly smtp: SmtpSettings | null;
  /** null: browser push is off. */
  readonly vapid: VapidKeys | null;
  /** For an ntfy method without a server of its own (WARROOM_NTFY_URL, else https://ntfy.sh). */
  readonly ntfyServer: string;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

export const EMAIL_OFF = 'e-mail is not set up on this hub: set WARROOM_SMTP_URL or smtp.json';
export const WEBPUSH_OFF = 'browser push is not set up on this hub (it has no VAPID keys)';

const notConfigured = (detail: string): SendOutcome => ({ ok: false, retryable: false, retryAfterMs: null, detail });

export function createSendThrough(deps: SendThroughDeps): SendThrough {
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const http: HttpPostOptions = { timeoutMs, ...(deps.fetch ? { fetch: deps.fetch } : {}) };
  return async (target: ContactTarget, message: PageMessage): Promise<SendOutcome> => {
    switch (target.kind) {
      case 'email':
        return deps.smtp
          ? emailSenderFor(deps.smtp, timeoutMs).send(target.address, message)
          : notConfigured(EMAIL_OFF);
      case 'webpush':
        return deps.vapid ? sendWebPush(target.subscription, message, deps.vapid, http) : notConfigured(WEBPUSH_OFF);
      case 'ntfy':
        return sendNtfy(target, message, deps.ntfyServer, http);
      case 'slack':
        return sendSlack(target.url, message, http);
      case 'mattermost':
        return sendMattermost(target.url, message, http);
      case 'teams':
        return sendTeams(target.url, message, http);
      case 'webhook':
        return sendSignedWebhook(target.url, target.secret, message, http);
    }
  };
}
