import { testMessage, verificationMessage, type PageMessage } from '../../../shared/contact/page-message.js';

/**
 * A page as pageMessage() lays it out, with text that needs escaping in every format (<, >, &, quotes, non-ASCII),
 * for the contact senders' tests.
 */
export function samplePage(origin = 'https://warroom.example.com', overrides: Partial<PageMessage> = {}): PageMessage {
  const ackUrl = `${origin}/ack/tok_ABC123?x=1&y=2`;
  const incidentUrl = `${origin}/#/incidents/inc-42`;
  const runbookUrl = 'https://wiki.example.com/runbooks/checkout?section=db&v=2';
  return {
    kind: 'page',
    subject: '[SEV-1] INC-42 Checkout <is> down & "Zahlung" fällt aus',
    lines: [
      'You are on call.',
      'SEV-1, investigating, service checkout.',
      'Impact: <b>all</b> payments & refunds fail',
      `Runbook: ${runbookUrl}`,
      `Acknowledge: ${ackUrl}`,
      `Open the incident: ${incidentUrl}`,
    ],
    severity: 'SEV-1',
    incident: {
      id: 'inc-42',
      label: 'INC-42',
      title: 'Checkout <is> down & "Zahlung" fällt aus',
      severity: 'SEV-1',
      service: 'checkout',
      status: 'investigating',
    },
    pageId: 'page-7',
    ackUrl,
    incidentUrl,
    runbookUrl,
    code: null,
    ...overrides,
  };
}

export const sampleTest = (): PageMessage => testMessage('Ada', '2026-12-03T18:00:00.000Z');
export const sampleVerification = (): PageMessage => verificationMessage('482913');
