import { pageAnswered, type Incident } from '../domain/incident.js';
import { pageState } from '../domain/page-state.js';

export type DeliveryVerdict = { readonly send: true } | { readonly send: false; readonly why: string };

/** Statuses in which a page still needs its person (a mitigated incident pages nobody: docs/oncall.md). */
const PAGING_STATUSES = ['triage', 'investigating'];

/**
 * Whether a page's next message through a contact method should still go out: the rules stop the moment the page
 * is acknowledged (by anyone: the incident has someone on it), the escalation moves on, or the incident no longer
 * pages. Pure, from the incident as the log has it, so every node decides the same.
 */
export function deliveryVerdict(incident: Incident | undefined, pageId: string): DeliveryVerdict {
  if (!incident) return { send: false, why: 'the incident is unknown' };
  const page = incident.pages.find((p) => p.id === pageId);
  if (page?.status !== 'sent') return { send: false, why: 'the page was not sent' };
  if (!PAGING_STATUSES.includes(incident.status)) return { send: false, why: `the incident is ${incident.status}` };
  if (pageAnswered(incident, page)) {
    const by = incident.lastAcknowledgedBy?.name;
    return { send: false, why: by ? `acknowledged by ${by}` : 'acknowledged' };
  }
  if (pageState(incident, page).kind === 'superseded') return { send: false, why: 'the escalation moved on' };
  return { send: true };
}
