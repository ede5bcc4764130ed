import { escapeHtml } from '../../text/escape-html.js';
import type { HistoryDay } from '../history.js';
import type { PublicMaintenance, PublicServiceStatus, PublicStatus } from '../public-status.js';
import { SERVICE_STATE_WORDS } from '../service-state.js';
import { timeElement } from './format-time.js';
import { pageShell, STATUS_PATHS } from './page-shell.js';
import { renderIncidentBlock } from './render-incident-block.js';

export { renderIncidentBlock } from './render-incident-block.js';
export { renderSimplePage } from './page-shell.js';

export interface StatusPageOptions {
  /** The page's public address (`https://status.example.com/status`): its canonical link. */
  readonly pageUrl: string;
  /** The hub can send e-mail: offer subscribing by e-mail. */
  readonly email: boolean;
}

const MAINTENANCE_WORDS: Readonly<Record<PublicMaintenance['status'], string>> = {
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  completed: 'Completed',
};

/**
 * The public status page served at /status: a whole HTML document, no script, rendered from PublicStatus only
 * (never an incident), so nothing that is not public can show. docs/status-page.md ("The page").
 */
export function renderStatusPage(status: PublicStatus, options: StatusPageOptions): string {
  const serviceNames = new Map(status.services.map((s) => [s.id, s.name]));
  const titles = refTitles(status);
  const sections = [
    status.activeIncidents.length > 0
      ? section(
          'active',
          'Active incidents',
          status.activeIncidents.map((i) => renderIncidentBlock(i, serviceNames)).join(''),
        )
      : '',
    status.maintenances.length > 0
      ? section('maintenance', 'Maintenance', status.maintenances.map((m) => maintenance(m, serviceNames)).join(''))
      : '',
    section('services', 'Services', services(status.services, titles)),
    section(
      'past',
      'Past incidents',
      status.pastIncidents.length > 0
        ? status.pastIncidents.map((i) => renderIncidentBlock(i, serviceNames)).join('')
        : '<p class="muted">No incidents in the last 90 days.</p>',
    ),
    section('subscribe', 'Get updates', subscribe(status, options)),
  ];
  return pageShell({
    title: status.title,
    head:
      `<link rel="canonical" href="${escapeHtml(options.pageUrl)}">` +
      `<link rel="alternate" type="application/atom+xml" title="${escapeHtml(status.title)}" ` +
      `href="${STATUS_PATHS.feed}">` +
      `<link rel="alternate" type="application/json" href="${STATUS_PATHS.json}">`,
    header:
      `<h1>${escapeHtml(status.title)}</h1>` +
      `<p class="overall indicator-${status.indicator}"><span class="dot" aria-hidden="true"></span>` +
      `${escapeHtml(status.description)}</p>`,
    main: sections.join(''),
    footer:
      `<p>Last updated ${timeElement(status.updatedAt)}. Times are in UTC; ` +
      `the daily history follows the ${escapeHtml(status.timeZone)} time zone.</p>` +
      `<p><a href="${STATUS_PATHS.json}">status.json</a> · <a href="${STATUS_PATHS.feed}">Atom feed</a></p>`,
  });
}

function section(id: string, heading: string, body: string): string {
  return `<section class="section" aria-labelledby="${id}-heading"><h2 id="${id}-heading">${heading}</h2>${body}</section>`;
}

function maintenance(m: PublicMaintenance, serviceNames: ReadonlyMap<string, string>): string {
  const names = m.services.flatMap((id) => serviceNames.get(id) ?? []);
  return (
    `<article class="maintenance" id="maintenance-${escapeHtml(m.id)}">` +
    `<h3>${escapeHtml(m.title)}</h3>` +
    `<p class="incident-meta"><span class="badge status-${m.status}">${MAINTENANCE_WORDS[m.status]}</span>` +
    `<span>${timeElement(m.startsAt)} – ${timeElement(m.endsAt)}</span>` +
    (names.length > 0 ? `<span>Affects: ${names.map(escapeHtml).join(', ')}</span>` : '') +
    '</p>' +
    (m.text ? `<p class="pre">${escapeHtml(m.text)}</p>` : '') +
    '</article>'
  );
}

function services(list: readonly PublicServiceStatus[], titles: ReadonlyMap<string, string>): string {
  if (list.length === 0) return '<p class="muted">No services are listed yet.</p>';
  const items = list.map((s) => {
    const first = s.history[0]?.date ?? '';
    const last = s.history.at(-1)?.date ?? '';
    return (
      `<li class="service"><div class="service-head"><h3>${escapeHtml(s.name)}</h3>` +
      `<span class="state state-${s.state}"><span class="dot" aria-hidden="true"></span>` +
      `${SERVICE_STATE_WORDS[s.state]}</span></div>` +
      (s.description ? `<p class="muted">${escapeHtml(s.description)}</p>` : '') +
      `<ol class="history" aria-label="${escapeHtml(`${s.name}, daily history ${first} to ${last}`)}">` +
      s.history.map((d) => day(d, titles)).join('') +
      '</ol>' +
      `<p class="history-ends" aria-hidden="true"><span>${escapeHtml(first)}</span><span>Today</span></p>` +
      '</li>'
    );
  });
  return `<ul class="services">${items.join('')}</ul>`;
}

/**
 * One day's bar, one element (90 per service): its text says date, state and what happened (never colour alone);
 * the stylesheet moves the text out of the bar's box, where screen readers still read it, and `title` shows it on
 * hover.
 */
function day(d: HistoryDay, titles: ReadonlyMap<string, string>): string {
  const what = d.refs.flatMap((ref) => titles.get(ref) ?? []);
  const label = `${d.date}: ${SERVICE_STATE_WORDS[d.state]}${what.length > 0 ? ` (${what.join('; ')})` : ''}`;
  return `<li class="day state-${d.state}" title="${escapeHtml(label)}">${escapeHtml(label)}</li>`;
}

/** Public titles of the incidents and maintenance windows a day's refs name (refs are their public ids). */
function refTitles(status: PublicStatus): Map<string, string> {
  const titles = new Map<string, string>();
  for (const i of [...status.activeIncidents, ...status.pastIncidents]) titles.set(i.id, i.title);
  for (const m of status.maintenances) titles.set(m.id, m.title);
  return titles;
}

function subscribe(status: PublicStatus, options: StatusPageOptions): string {
  const feeds =
    `<p>Follow the <a href="${STATUS_PATHS.feed}">Atom feed</a> in a feed reader, ` +
    `or read <a href="${STATUS_PATHS.json}">status.json</a> from a monitor or widget.</p>`;
  if (!options.email) return feeds;
  const boxes = status.services
    .map(
      (s) =>
        `<li><label><input type="checkbox" name="service" value="${escapeHtml(s.id)}"> ${escapeHtml(s.name)}</label></li>`,
    )
    .join('');
  const choice =
    status.services.length > 0
      ? `<fieldset><legend>Only these services (none checked: all)</legend><ul class="choices">${boxes}</ul></fieldset>`
      : '';
  return (
    `<form class="subscribe" method="post" action="${STATUS_PATHS.subscribe}">` +
    '<p><label for="subscribe-email">E-mail address</label>' +
    '<input id="subscribe-email" type="email" name="email" required autocomplete="email" ' +
    'aria-describedby="subscribe-hint"></p>' +
    '<p id="subscribe-hint" class="muted">We send a link to confirm; every message has a link to unsubscribe.</p>' +
    choice +
    '<p><button type="submit">Subscribe by e-mail</button></p>' +
    '</form>' +
    feeds
  );
}
