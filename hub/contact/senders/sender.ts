import type { ContactTarget } from '../../../shared/contact/contact-method.js';
import type { PageMessage } from '../../../shared/contact/page-message.js';

/**
 * What the other side answered. `retryable`: worth trying again (a timeout, a refused connection, HTTP 429 or 5xx,
 * an SMTP 4xx); `retryAfterMs`: the server said when (Retry-After), which the back-off honours.
 */
export type SendOutcome =
  | { readonly ok: true; readonly detail: string }
  | { readonly ok: false; readonly retryable: boolean; readonly retryAfterMs: number | null; readonly detail: string };

/** Sends one message through one method's target (opened from its sealed form by the caller). */
export type SendThrough = (target: ContactTarget, message: PageMessage) => Promise<SendOutcome>;
