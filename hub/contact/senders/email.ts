import { createHash } from 'node:crypto';
import { createTransport } from 'nodemailer';
import type { PageMessage } from '../../../shared/contact/page-message.js';
import { DEFAULT_TIMEOUT_MS, scrub } from './http-post.js';
import { escapeHtml } from '../../http/escape-html.js';
import { webLink } from './links.js';
import type { SendOutcome } from './sender.js';

/** How the hub reaches its SMTP server (hub/contact/smtp-settings.ts loads it). */
export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  /** Implicit TLS from the first byte (smtps, usually port 465). */
  readonly secure: boolean;
  /** Refuse to send unless the server upgrades with STARTTLS; without it STARTTLS is still used when offered. */
  readonly requireTLS: boolean;
  readonly auth?: { readonly user: string; readonly pass: string };
  /** "Warroom <pager@example.com>" or an address. */
  readonly from: string;
  /** false only for a server with a self-signed certificate on a network you trust. */
  readonly tlsRejectUnauthorized?: boolean;
}

/** A mail already written (the status page's subscriber mails), with any extra headers (List-Unsubscribe). */
export interface OutgoingMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface EmailSender {
  send(address: string, message: PageMessage): Promise<SendOutcome>;
  sendMail(address: string, mail: OutgoingMail): Promise<SendOutcome>;
  /** Connects and authenticates without sending: for a health check. */
  verify(): Promise<{ ok: boolean; detail: string }>;
}

/**
 * One transporter per settings object, so every send and health check of a hub shares it. No pool: a page is a few
 * messages, and a connection per message keeps a dead connection from failing the next one.
 */
const senders = new WeakMap<SmtpSettings, Map<number, EmailSender>>();

/** `timeoutMs` bounds each wait on the server (connect, greeting, each reply); a whole send at most three of them. */
export function emailSenderFor(settings: SmtpSettings, timeoutMs = DEFAULT_TIMEOUT_MS): EmailSender {
  let byTimeout = senders.get(settings);
  if (!byTimeout) senders.set(settings, (byTimeout = new Map()));
  let sender = byTimeout.get(timeoutMs);
  if (!sender) byTimeout.set(timeoutMs, (sender = createEmailSender(settings, timeoutMs)));
  return sender;
}

function createEmailSender(settings: SmtpSettings, timeoutMs: number): EmailSender {
  const transporter = createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    requireTLS: settings.requireTLS,
    ...(settings.auth ? { auth: { user: settings.auth.user, pass: settings.auth.pass } } : {}),
    tls: { rejectUnauthorized: settings.tlsRejectUnauthorized ?? true },
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  const secrets = settings.auth ? [settings.auth.pass] : [];
  return {
    async send(address, message) {
      try {
        const info = await transporter.sendMail({
          from: settings.from,
          to: address,
          ...mailContent(message),
          headers: message.pageId ? { 'X-Warroom-Page-Id': message.pageId } : {},
          ...(message.pageId ? { messageId: pageMessageId(message.pageId, address, settings.from) } : {}),
          signal: AbortSignal.timeout(timeoutMs * 3),
        });
        return { ok: true, detail: scrub(info.response, secrets) };
      } catch (error) {
        return smtpFailure(error, secrets);
      }
    },
    async sendMail(address, mail) {
      try {
        const info = await transporter.sendMail({
          from: settings.from,
          to: address,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          headers: { ...mail.headers },
          signal: AbortSignal.timeout(timeoutMs * 3),
        });
        return { ok: true, detail: scrub(info.response, secrets) };
      } catch (error) {
        return smtpFailure(error, secrets);
      }
    },
    async verify() {
      try {
        await transporter.verify();
        return {
          ok: true,
          detail: `connected to ${settings.host}:${settings.port}${settings.auth ? ' and logged in' : ''}`,
        };
      } catch (error) {
        return { ok: false, detail: smtpFailure(error, secrets).detail };
      }
    },
  };
}

/** The same Message-ID for every try of one page to one address, so a mail system can drop a duplicate. */
export function pageMessageId(pageId: string, address: string, from: string): string {
  const domain = /@([^@>\s]+)>?\s*$/.exec(from)?.[1] ?? 'warroom.invalid';
  const hash = createHash('sha256').update(`${pageId}\n${address.toLowerCase()}`).digest('hex').slice(0, 24);
  return `<page-${hash}@${domain}>`;
}

/** SMTP 4xx: try again later; 5xx: final. No reply at all (refused, timed out, dropped): try again. */
function smtpFailure(error: unknown, secrets: readonly string[]): SendOutcome {
  const fields =
    error instanceof Error ? (error as Error & { responseCode?: unknown; response?: unknown; code?: unknown }) : null;
  const responseCode = typeof fields?.responseCode === 'number' ? fields.responseCode : null;
  const response = typeof fields?.response === 'string' ? fields.response : null;
  const code = typeof fields?.code === 'string' ? fields.code : null;
  const message = error instanceof Error ? error.message : String(error);
  if (responseCode !== null) {
    return {
      ok: false,
      retryable: responseCode < 500,
      retryAfterMs: null,
      detail: scrub(response ?? message, secrets),
    };
  }
  const transient =
    code === 'ECONNECTION' || code === 'ETIMEDOUT' || code === 'ESOCKET' || code === 'EDNS' || code === 'EABORT';
  // A certificate that does not verify will not start verifying by itself.
  const badCertificate = /certificate|self.signed/i.test(message);
  const retryable = transient && !badCertificate;
  const detail =
    code === 'EABORT'
      ? 'the SMTP server did not finish in time'
      : badCertificate
        ? `the SMTP server's TLS certificate did not verify: ${message}`
        : message;
  return { ok: false, retryable, retryAfterMs: null, detail: scrub(detail, secrets) };
}

/** Plain text for every client, and HTML with the Acknowledge link big enough to hit on a phone. */
export function mailContent(message: PageMessage): { subject: string; text: string; html: string } {
  const text = [message.subject, '', ...message.lines].join('\n');
  const ackUrl = webLink(message.ackUrl);
  const runbookUrl = webLink(message.runbookUrl);
  const incidentUrl = webLink(message.incidentUrl);
  const links: string[] = [];
  if (ackUrl) {
    links.push(
      `<p><a href="${escapeHtml(ackUrl)}" style="display:inline-block;padding:12px 24px;background:#c62828;color:#ffffff;font-weight:bold;font-size:18px;text-decoration:none;border-radius:6px">Acknowledge</a></p>`,
    );
  }
  const more: string[] = [];
  if (incidentUrl) more.push(`<a href="${escapeHtml(incidentUrl)}">Open the incident</a>`);
  if (runbookUrl) more.push(`<a href="${escapeHtml(runbookUrl)}">Runbook</a>`);
  if (more.length > 0) links.push(`<p>${more.join(' &middot; ')}</p>`);
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif">',
    `<h2>${escapeHtml(message.subject)}</h2>`,
    ...message.lines.map((line) => `<p>${escapeHtml(line)}</p>`),
    ...links,
    '</body></html>',
  ].join('\n');
  return { subject: message.subject, text, html };
}
