import type { Incident, Page } from './incident.js';

/**
 * What became of one page, for the Paging panel: a page is "acknowledged" only by the person it went to; a page
 * left unanswered while a later step or round went out was "superseded by escalation"; otherwise "not answered"
 * (even if someone else acknowledged the incident: that person answered their own page, or none).
 */
export type PageState =
  | { readonly kind: 'held'; readonly until: string | null }
  | { readonly kind: 'acknowledged'; readonly at: string; readonly afterMs: number | null }
  | { readonly kind: 'superseded' }
  | { readonly kind: 'not-answered' };

export function pageState(incident: Pick<Incident, 'pages'>, page: Page): PageState {
  if (page.status === 'held') return { kind: 'held', until: page.heldUntil };
  if (page.acknowledgedAt) return { kind: 'acknowledged', at: page.acknowledgedAt, afterMs: timeToAcknowledge(page) };
  const later = incident.pages.some(
    (p) =>
      p.id !== page.id &&
      p.status === 'sent' &&
      (p.round > page.round || (p.round === page.round && p.step > page.step)),
  );
  return later ? { kind: 'superseded' } : { kind: 'not-answered' };
}

/** Time to acknowledge for the person paged (ms), from the page going out to their acknowledgement; null if none. */
export function timeToAcknowledge(page: Pick<Page, 'sentAt' | 'acknowledgedAt'>): number | null {
  if (!page.sentAt || !page.acknowledgedAt) return null;
  return Math.max(0, Date.parse(page.acknowledgedAt) - Date.parse(page.sentAt));
}
