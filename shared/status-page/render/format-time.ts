import { escapeHtml } from '../../text/escape-html.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A moment as visitors read it, always in UTC ("3 Dec 2026, 14:05 UTC"): the page has no JavaScript to turn it into
 * the visitor's local time, and a fixed zone cannot be misread. Not locale-dependent, so renders are reproducible.
 */
export function readableUtc(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const d = new Date(ms);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${hh}:${mm} UTC`;
}

/** A `<time>` element: machine-readable ISO in `datetime`, the readable UTC text inside. */
export function timeElement(iso: string): string {
  return `<time datetime="${escapeHtml(iso)}">${escapeHtml(readableUtc(iso))}</time>`;
}
