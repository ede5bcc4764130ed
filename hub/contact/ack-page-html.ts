import { createHash } from 'node:crypto';
import { escapeHtml } from '../http/escape-html.js';

/**
 * The acknowledge page: plain HTML with no script, so it works in any mail client's browser and on a phone. A GET
 * shows the incident and one Acknowledge button (a form that POSTs to the same address); only the POST acknowledges,
 * so a mail system's link scanner opening the link changes nothing.
 */
export interface AckPage {
  readonly status: number;
  readonly title: string;
  /** Paragraphs, as text (escaped here). */
  readonly lines: readonly string[];
  /** The Acknowledge button posts here; null: no button. */
  readonly action: string | null;
  /** "Open the incident" link; null: none. */
  readonly incidentUrl: string | null;
  /** The tone of the page: a question, done, or a refusal. */
  readonly tone: 'ask' | 'done' | 'refused';
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f4f5f7;color:#111}
main{max-width:32rem;margin:3rem auto;padding:1.5rem;background:#fff;border-radius:8px;border-top:6px solid #888}
main.ask{border-color:#c62828}main.done{border-color:#2e7d32}main.refused{border-color:#6d4c41}
h1{font-size:1.3rem;margin:0 0 1rem}button{font:inherit;font-weight:600;padding:.75rem 2rem;border:0;border-radius:6px;background:#c62828;color:#fff;cursor:pointer}
button:focus{outline:3px solid #1565c0;outline-offset:2px}a{color:#1565c0}`;

/** The style's hash lets the Content-Security-Policy allow exactly it and nothing else. */
const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

export const ACK_PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  // The token is in the address: it must not leak to other sites through Referer.
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex',
  'x-content-type-options': 'nosniff',
  'content-security-policy': `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
} as const;

export function renderAckPage(page: AckPage): string {
  const lines = page.lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n');
  const button = page.action
    ? `<form method="post" action="${escapeHtml(page.action)}"><button type="submit">Acknowledge</button></form>`
    : '';
  const open = page.incidentUrl ? `<p><a href="${escapeHtml(page.incidentUrl)}">Open the incident</a></p>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)} · Warroom</title><style>${STYLE}</style></head>
<body><main class="${page.tone}"><h1>${escapeHtml(page.title)}</h1>
${lines}
${button}
${open}
</main></body></html>
`;
}
