import { escapeHtml } from '../../text/escape-html.js';

/** Where the hub serves the page's pieces (hub/status-page): one place, so the page, docs and tests agree. */
export const STATUS_PATHS = {
  page: '/status',
  css: '/status/style.css',
  json: '/status.json',
  feed: '/status/feed.atom',
  subscribe: '/status/subscribe',
} as const;

export interface ShellOptions {
  readonly title: string;
  /** Extra elements for `<head>` (already HTML). */
  readonly head?: string;
  /** The `<header>`'s content (already HTML); the title as the one h1 when not given. */
  readonly header?: string;
  readonly main: string;
  readonly footer?: string;
}

/**
 * The document every public page shares: no script at all (the hub's CSP forbids it), one stylesheet, a skip link,
 * landmarks. The status page and the subscriber pages (check your inbox, confirm, unsubscribe) use it.
 */
export function pageShell(options: ShellOptions): string {
  const header = options.header ?? `<h1>${escapeHtml(options.title)}</h1>`;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<title>${escapeHtml(options.title)}</title>`,
    `<link rel="stylesheet" href="${STATUS_PATHS.css}">`,
    // No favicon request (a 404 in every visitor's console); the CSP allows data: images.
    '<link rel="icon" href="data:,">',
    options.head ?? '',
    '</head>',
    '<body>',
    '<a class="skip-link" href="#main">Skip to content</a>',
    `<header class="page-header"><div class="wrap">${header}</div></header>`,
    `<main id="main" class="wrap" tabindex="-1">${options.main}</main>`,
    options.footer ? `<footer class="page-footer"><div class="wrap">${options.footer}</div></footer>` : '',
    '</body>',
    '</html>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

/** A plain page in the status page's look: the subscriber pages' shell. `bodyHtml` is already HTML. */
export function renderSimplePage(title: string, bodyHtml: string): string {
  return pageShell({
    title,
    main: `<div class="simple">${bodyHtml}</div>`,
    footer: `<p><a href="${STATUS_PATHS.page}">Back to the status page</a></p>`,
  });
}
