import { z } from 'zod';
import { emailSenderFor } from '../../contact/senders/email.js';
import { scrub } from '../../contact/senders/http-post.js';
import { postSignedJson } from '../../contact/senders/signed-webhook.js';
import type { SendOutcome } from '../../contact/senders/sender.js';
import type { MessageHandler, StatusPagePartDeps } from '../status-page-parts.js';
import type { MessageKind } from '../status-page-store.js';

/** What an e-mail row's body is (subscriber-email, subscriber-confirm): rendered when it was enqueued. */
const mailBodySchema = z.object({
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  /** Update e-mails: the one-click link (RFC 8058); confirmations have none. */
  unsubscribeUrl: z.string().optional(),
});

const webhookTargetSchema = z.object({ url: z.string(), secret: z.string() });

const final = (detail: string): SendOutcome => ({ ok: false, retryable: false, retryAfterMs: null, detail });

/** How each subscriber message kind is sent; the outbox (the wiring's) retries what comes back retryable. */
export function subscriberHandlers(
  deps: Pick<StatusPagePartDeps, 'store' | 'open' | 'smtp' | 'sendTimeoutMs' | 'clock'>,
): Partial<Record<MessageKind, MessageHandler>> {
  const email: MessageHandler = async (row, body) => {
    if (!deps.smtp) return final('e-mail is off: the hub has no SMTP settings');
    const subscriber = await deps.store.subscriber(row.recipientId);
    if (!subscriber || subscriber.kind !== 'email') return final('the subscriber has unsubscribed');
    if (row.kind === 'subscriber-email' && subscriber.confirmedAt === null)
      return final('the subscriber has not confirmed');
    const mail = mailBodySchema.safeParse(parseJson(body));
    if (!mail.success) return final('the message is unreadable');
    const { unsubscribeUrl, ...content } = mail.data;
    const address = deps.open(subscriber.sealedTarget);
    const outcome = await emailSenderFor(deps.smtp, deps.sendTimeoutMs).sendMail(address, {
      ...content,
      headers: unsubscribeUrl
        ? { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
        : {},
    });
    // A refusal often names the address ("550 <ana@…> unknown"): the outbox keeps the detail in clear, so not it.
    return { ...outcome, detail: scrub(outcome.detail, [address]) };
  };
  const webhook: MessageHandler = async (row, body) => {
    const subscriber = await deps.store.subscriber(row.recipientId);
    if (!subscriber || subscriber.kind !== 'webhook') return final('the webhook subscriber was removed');
    const target = webhookTargetSchema.safeParse(parseJson(deps.open(subscriber.sealedTarget)));
    if (!target.success) return final('the webhook subscriber is unreadable');
    // The delivery id is the row's: every try of one message carries the same X-Warroom-Delivery, to dedupe on.
    return postSignedJson(target.data.url, target.data.secret, body, row.id, deps.clock.now(), {
      ...(deps.sendTimeoutMs !== undefined ? { timeoutMs: deps.sendTimeoutMs } : {}),
      now: () => deps.clock.now(),
    });
  };
  return { 'subscriber-email': email, 'subscriber-confirm': email, 'subscriber-webhook': webhook };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
