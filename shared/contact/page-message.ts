import { incidentLabel, type Incident, type PageReason } from '../domain/incident.js';
import type { Severity } from '../domain/severity.js';

/**
 * One message to a person, in words every channel can carry (each sender lays it out its own way: a mail, an ntfy
 * notification with an Acknowledge button, a Slack message, an Adaptive Card, a JSON body).
 */
export interface PageMessage {
  readonly kind: 'page' | 'test' | 'verification';
  /** One line: "[SEV-1] INC-42 Checkout is down". */
  readonly subject: string;
  /** Plain text lines after the subject. */
  readonly lines: readonly string[];
  readonly severity: Severity | null;
  readonly incident: {
    readonly id: string;
    readonly label: string;
    readonly title: string;
    readonly severity: Severity;
    readonly service: string;
    readonly status: string;
  } | null;
  readonly pageId: string | null;
  /** The one-time acknowledge link (GET shows a button, POST acknowledges); null for tests and verification. */
  readonly ackUrl: string | null;
  /** The incident in the web client. */
  readonly incidentUrl: string | null;
  readonly runbookUrl: string | null;
  /** A verification message's code. */
  readonly code: string | null;
}

const REASON_WORDS: Readonly<Record<PageReason, string>> = {
  initial: 'You are on call.',
  escalation: 'Escalated to you: nobody acknowledged yet.',
  repeat: 'Paging again: nobody acknowledged yet.',
  'ack-timeout': 'Acknowledged, but nobody has acted on it since.',
};

/** The first runbook any of its alerts names. */
export function runbookOf(incident: Pick<Incident, 'alerts'>): string | null {
  return incident.alerts.find((a) => a.runbookUrl.trim() !== '')?.runbookUrl ?? null;
}

export function pageMessage(
  incident: Incident,
  page: { readonly id: string; readonly reason: PageReason },
  links: { readonly ackUrl: string; readonly incidentUrl: string },
): PageMessage {
  const label = incidentLabel(incident);
  const runbookUrl = runbookOf(incident);
  const lines = [
    REASON_WORDS[page.reason],
    `${incident.severity}, ${incident.status}${incident.service ? `, service ${incident.service}` : ''}.`,
    ...(incident.impact ? [`Impact: ${incident.impact}`] : []),
    ...(runbookUrl ? [`Runbook: ${runbookUrl}`] : []),
    `Acknowledge: ${links.ackUrl}`,
    `Open the incident: ${links.incidentUrl}`,
  ];
  return {
    kind: 'page',
    subject: `[${incident.severity}] ${label} ${incident.title}`,
    lines,
    severity: incident.severity,
    incident: {
      id: incident.id,
      label,
      title: incident.title,
      severity: incident.severity,
      service: incident.service,
      status: incident.status,
    },
    pageId: page.id,
    ackUrl: links.ackUrl,
    incidentUrl: links.incidentUrl,
    runbookUrl,
    code: null,
  };
}

export function testMessage(personName: string, at: string): PageMessage {
  return {
    ...EMPTY,
    kind: 'test',
    subject: '[TEST] Warroom test page',
    lines: [`A test page for ${personName}, sent ${at}. Nothing is wrong: this is how a page will reach you.`],
  };
}

export function verificationMessage(code: string): PageMessage {
  return {
    ...EMPTY,
    kind: 'verification',
    subject: `Warroom verification code ${code}`,
    lines: [`Your Warroom verification code is ${code}.`, 'Type it on your Profile to start receiving pages here.'],
    code,
  };
}

const EMPTY = {
  severity: null,
  incident: null,
  pageId: null,
  ackUrl: null,
  incidentUrl: null,
  runbookUrl: null,
  code: null,
} as const;
