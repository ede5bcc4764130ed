import { renderSimplePage } from '../../../shared/status-page/render/render-page-html.js';
import { readableUtc } from '../../../shared/status-page/render/format-time.js';
import { escapeHtml } from '../../../shared/text/escape-html.js';

/**
 * The pages a subscriber meets (check your inbox, confirm, unsubscribe, and every refusal), in the status page's
 * look: plain HTML, no script, one button that POSTs where a change is asked for (a mail scanner that opens a link
 * changes nothing).
 */
export interface SubscriberPage {
  readonly status: number;
  readonly title: string;
  /** Paragraphs, as text (escaped here). */
  readonly lines: readonly string[];
  /** A form posting to this address (relative to the page) with this button; null: none. */
  readonly button: { readonly action: string; readonly label: string } | null;
}

export const SUBSCRIBER_PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  // The token is in the address: it must not leak to other sites through Referer.
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex',
  'x-content-type-options': 'nosniff',
  'content-security-policy':
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
} as const;

export function renderSubscriberPage(page: SubscriberPage): string {
  const lines = page.lines.map((line) => `<p>${escapeHtml(line)}</p>`);
  const button = page.button
    ? `<form method="post" action="${escapeHtml(page.button.action)}"><button type="submit">${escapeHtml(page.button.label)}</button></form>`
    : '';
  return renderSimplePage(page.title, [...lines, button].join('\n'));
}

export const pages = {
  checkInbox: (): SubscriberPage => ({
    status: 200,
    title: 'Check your inbox',
    lines: [
      'If the address can receive updates, an e-mail with a confirmation link is on its way. Open it and press Confirm to start receiving updates.',
      'Nothing is sent until you confirm; an unconfirmed address is forgotten after seven days.',
    ],
    button: null,
  }),
  noEmail: (): SubscriberPage => ({
    status: 404,
    title: 'E-mail subscriptions are not offered',
    lines: ['This status page does not send e-mail. Follow the page or its Atom feed instead.'],
    button: null,
  }),
  badForm: (error: string): SubscriberPage => ({
    status: 400,
    title: 'Not subscribed',
    lines: [error, 'Go back to the status page and try again.'],
    button: null,
  }),
  tooLarge: (): SubscriberPage => ({
    status: 413,
    title: 'Not subscribed',
    lines: ['The form sent was too large. Go back to the status page and try again.'],
    button: null,
  }),
  unsupported: (): SubscriberPage => ({
    status: 415,
    title: 'Not subscribed',
    lines: ['Use the form on the status page to subscribe.'],
    button: null,
  }),
  unavailable: (): SubscriberPage => ({
    status: 503,
    title: 'Try again in a moment',
    lines: ['The status page could not save this just now. Nothing was changed; please try again shortly.'],
    button: null,
  }),
  askConfirm: (action: string, pageTitle: string, services: readonly string[]): SubscriberPage => ({
    status: 200,
    title: 'Confirm your subscription',
    lines: [`Receive e-mail updates from ${pageTitle} about ${servicesWords(services)}.`],
    button: { action, label: 'Confirm subscription' },
  }),
  confirmed: (pageTitle: string, services: readonly string[]): SubscriberPage => ({
    status: 200,
    title: 'You are subscribed',
    lines: [
      `You will receive an e-mail for each update from ${pageTitle} about ${servicesWords(services)}.`,
      'Every e-mail has a link to unsubscribe.',
    ],
    button: null,
  }),
  badConfirm: (): SubscriberPage => ({
    status: 404,
    title: 'This confirmation link is not valid',
    lines: ['It may have been copied incompletely. Subscribe again on the status page.'],
    button: null,
  }),
  expiredConfirm: (expiresAt: string): SubscriberPage => ({
    status: 410,
    title: 'This confirmation link has expired',
    lines: [`It worked until ${readableUtc(expiresAt)}. Subscribe again on the status page.`],
    button: null,
  }),
  goneConfirm: (): SubscriberPage => ({
    status: 410,
    title: 'This subscription no longer exists',
    lines: ['It was unsubscribed, or not confirmed within seven days. Subscribe again on the status page.'],
    button: null,
  }),
  askUnsubscribe: (action: string, pageTitle: string): SubscriberPage => ({
    status: 200,
    title: 'Unsubscribe',
    lines: [`Stop receiving e-mail updates from ${pageTitle}.`],
    button: { action, label: 'Unsubscribe' },
  }),
  unsubscribed: (pageTitle: string): SubscriberPage => ({
    status: 200,
    title: 'You are unsubscribed',
    lines: [`You will receive no more e-mail from ${pageTitle}. You can subscribe again on the status page.`],
    button: null,
  }),
  badUnsubscribe: (): SubscriberPage => ({
    status: 404,
    title: 'This unsubscribe link is not valid',
    lines: ['It may have been copied incompletely. Use the link in the latest e-mail you received.'],
    button: null,
  }),
  notAllowed: (): SubscriberPage => ({
    status: 405,
    title: 'Not here',
    lines: ['Open this link in a browser.'],
    button: null,
  }),
};

function servicesWords(services: readonly string[]): string {
  return services.length > 0 ? services.join(', ') : 'every service';
}
