import { escapeHtml } from '../text/escape-html.js';
import { readableUtc } from './render/format-time.js';
import { PUBLIC_INCIDENT_STATUS_WORDS, SERVICE_STATE_WORDS, type PageIndicator } from './service-state.js';
import { publicParagraphs, type PublicIncident, type PublicStatus, type PublicUpdate } from './public-status.js';

/**
 * What subscribers receive (docs/status-page.md, "Subscribers"): the e-mail about an external update, the e-mail
 * asking to confirm a subscription, and the JSON a subscriber webhook is sent. Built from PublicStatus,
 * PublicIncident and PublicUpdate only, so nothing that is not on the public page can be in them.
 */

/** An e-mail as the hub sends it: the subject, a plain text body and an HTML body saying the same. */
export interface SubscriberEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** The link to an incident on the page: `<page URL>#incident-<public id>`. */
export function publicIncidentUrl(pageUrl: string, incident: Pick<PublicIncident, 'id'>): string {
  return `${pageUrl}#incident-${incident.id}`;
}

/** The public names of the services an incident affects, in the page's order. */
export function affectedServiceNames(status: PublicStatus, incident: PublicIncident): string[] {
  return status.services.filter((s) => incident.services.includes(s.id)).map((s) => s.name);
}

/** "[Acme status] Checkout is slow: Investigating" (a header: one line whatever the titles hold). */
export function updateSubject(status: PublicStatus, incident: PublicIncident, update: PublicUpdate): string {
  return oneLine(`[${status.title}] ${incident.title}: ${PUBLIC_INCIDENT_STATUS_WORDS[update.status]}`);
}

export interface UpdateEmailInput {
  readonly status: PublicStatus;
  readonly incident: PublicIncident;
  readonly update: PublicUpdate;
  /** `<public URL>/status`. */
  readonly pageUrl: string;
  /** This subscriber's one-click unsubscribe link (also in the List-Unsubscribe header). */
  readonly unsubscribeUrl: string;
}

/** The e-mail about one external update, to one subscriber. */
export function updateEmail(input: UpdateEmailInput): SubscriberEmail {
  const { status, incident, update, pageUrl, unsubscribeUrl } = input;
  const statusWord = PUBLIC_INCIDENT_STATUS_WORDS[update.status];
  const services = affectedServiceNames(status, incident);
  const link = publicIncidentUrl(pageUrl, incident);
  const paragraphs = publicParagraphs(update.body);
  const text = [
    incident.title,
    `${statusWord}, ${readableUtc(update.at)}`,
    '',
    ...paragraphs.flatMap((lines) => [...lines, '']),
    ...(services.length > 0 ? [`Affected: ${services.join(', ')}`] : []),
    `Current state: ${SERVICE_STATE_WORDS[incident.state]}`,
    '',
    `See it on the status page: ${link}`,
    '',
    '--',
    `You receive this because you subscribed to updates from ${status.title}.`,
    `Unsubscribe: ${unsubscribeUrl}`,
    '',
  ].join('\n');
  const html = mailHtml(`${status.title}: ${incident.title}`, [
    `<h1 style="font-size:20px;margin:0 0 8px">${escapeHtml(incident.title)}</h1>`,
    `<p style="margin:0 0 16px;color:#555"><strong>${escapeHtml(statusWord)}</strong>, ${escapeHtml(readableUtc(update.at))}</p>`,
    ...paragraphs.map((lines) => `<p>${lines.map(escapeHtml).join('<br>')}</p>`),
    ...(services.length > 0 ? [`<p>Affected: ${escapeHtml(services.join(', '))}</p>`] : []),
    `<p>Current state: ${escapeHtml(SERVICE_STATE_WORDS[incident.state])}</p>`,
    `<p><a href="${escapeHtml(link)}">See it on the status page</a></p>`,
    footerHtml(status.title, unsubscribeUrl),
  ]);
  return { subject: updateSubject(status, incident, update), text, html };
}

export interface ConfirmationEmailInput {
  readonly pageTitle: string;
  readonly pageUrl: string;
  /** Opens a page with a Confirm button (the confirmation is its POST, so a link scanner confirms nothing). */
  readonly confirmUrl: string;
  /** The public names of the services chosen; empty: every service. */
  readonly services: readonly string[];
  /** When the link stops working (ISO). */
  readonly expiresAt: string;
}

/** The double opt-in e-mail: nothing is sent to the address until the person confirms. */
export function confirmationEmail(input: ConfirmationEmailInput): SubscriberEmail {
  const what = input.services.length > 0 ? input.services.join(', ') : 'every service';
  const text = [
    `Please confirm that you want e-mail updates from ${input.pageTitle} (${what}).`,
    '',
    `Confirm: ${input.confirmUrl}`,
    '',
    `The link works until ${readableUtc(input.expiresAt)}. If you did not ask for this, ignore this e-mail: you will`,
    'get nothing more, and the address is forgotten after seven days.',
    '',
    `Status page: ${input.pageUrl}`,
    '',
  ].join('\n');
  const html = mailHtml(`Confirm your subscription to ${input.pageTitle}`, [
    `<h1 style="font-size:20px;margin:0 0 8px">Confirm your subscription</h1>`,
    `<p>Please confirm that you want e-mail updates from ${escapeHtml(input.pageTitle)} (${escapeHtml(what)}).</p>`,
    `<p><a href="${escapeHtml(input.confirmUrl)}" style="display:inline-block;padding:12px 24px;background:#1565c0;color:#ffffff;font-weight:bold;text-decoration:none;border-radius:6px">Confirm subscription</a></p>`,
    `<p style="color:#555">The link works until ${escapeHtml(readableUtc(input.expiresAt))}. If you did not ask for this, ignore this e-mail: you will get nothing more, and the address is forgotten after seven days.</p>`,
    `<p><a href="${escapeHtml(input.pageUrl)}">Status page</a></p>`,
  ]);
  return { subject: oneLine(`[${input.pageTitle}] Confirm your subscription`), text, html };
}

/** The subscriber webhook's JSON; `version` changes only when a field is removed or changes meaning. */
export const SUBSCRIBER_WEBHOOK_VERSION = 1;

export interface SubscriberWebhookBody {
  readonly version: typeof SUBSCRIBER_WEBHOOK_VERSION;
  readonly type: 'incident.update';
  readonly page: {
    readonly title: string;
    readonly url: string;
    readonly indicator: PageIndicator;
    readonly description: string;
  };
  readonly incident: {
    readonly id: string;
    readonly title: string;
    readonly status: PublicIncident['status'];
    readonly impact: PublicIncident['impact'];
    readonly state: PublicIncident['state'];
    readonly services: readonly { readonly id: string; readonly name: string }[];
    readonly publishedAt: string;
    readonly updatedAt: string;
    readonly resolvedAt: string | null;
    readonly url: string;
  };
  readonly update: {
    readonly id: string;
    readonly status: PublicUpdate['status'];
    readonly body: string;
    readonly at: string;
  };
}

export function subscriberWebhookBody(
  status: PublicStatus,
  incident: PublicIncident,
  update: PublicUpdate,
  pageUrl: string,
): SubscriberWebhookBody {
  return {
    version: SUBSCRIBER_WEBHOOK_VERSION,
    type: 'incident.update',
    page: { title: status.title, url: pageUrl, indicator: status.indicator, description: status.description },
    incident: {
      id: incident.id,
      title: incident.title,
      status: incident.status,
      impact: incident.impact,
      state: incident.state,
      services: status.services
        .filter((s) => incident.services.includes(s.id))
        .map((s) => ({ id: s.id, name: s.name })),
      publishedAt: incident.publishedAt,
      updatedAt: incident.updatedAt,
      resolvedAt: incident.resolvedAt,
      url: publicIncidentUrl(pageUrl, incident),
    },
    update: { id: update.id, status: update.status, body: update.body, at: update.at },
  };
}

function mailHtml(title: string, parts: readonly string[]): string {
  return [
    '<!doctype html>',
    `<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`,
    '<body style="font-family:system-ui,sans-serif;font-size:16px;line-height:1.5;color:#111;max-width:36rem">',
    ...parts,
    '</body></html>',
    '',
  ].join('\n');
}

function footerHtml(pageTitle: string, unsubscribeUrl: string): string {
  return `<hr><p style="font-size:13px;color:#555">You receive this because you subscribed to updates from ${escapeHtml(pageTitle)}. <a href="${escapeHtml(unsubscribeUrl)}">Unsubscribe</a></p>`;
}

/** Control characters (line breaks) out of a header value. */
function oneLine(text: string): string {
  let out = '';
  let inControl = false;
  for (const c of text) {
    const control = c.charCodeAt(0) < 0x20 || c === '\u007f';
    if (!control) out += c;
    else if (!inControl) out += ' ';
    inControl = control;
  }
  return out.trim();
}
