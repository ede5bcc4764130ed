import { incidentLabel, type Incident, type Page, type PageReason, pageAnswered } from '../domain/incident.js';
import { severityRank, type Severity } from '../domain/severity.js';
import type { IncidentsState } from '../domain/state.js';
import { isActive } from '../domain/status.js';
import type { PageNotification } from '../protocol/oncall-wire.js';

/** How often an open page is announced again while nobody acknowledges it. */
export const RENOTIFY_INTERVAL_MS = 2 * 60_000;

/** A page that still wants an answer from me: what the tray, the notifications and the UI show. */
export interface OpenPage {
  readonly incidentId: string;
  readonly pageId: string;
  /** `INC-12` */
  readonly label: string;
  readonly title: string;
  readonly severity: Severity;
  readonly service: string;
  readonly reason: PageReason;
  readonly step: number;
  readonly round: number;
  /** Hub time the page went out. */
  readonly sentAt: string;
}

/**
 * The pages that still want an answer from `me` (a hub user id), at most one per incident, most severe first, then
 * oldest. A page is open when all of these hold:
 *
 * - it was **sent** to me (a held page has not reached anyone yet);
 * - its incident is **active** and **not acknowledged since the page went out** (`pageAnswered`). Acknowledging stops the
 *   chain for everyone, so it closes every page of the incident. A page sent after an acknowledgement (reason
 *   `ack-timeout`) is open again until someone acknowledges anew (the hub accepts a second acknowledgement then);
 * - it is my **latest** sent page on that incident: the one with the highest (round, step). An earlier page of mine
 *   is superseded by a later one (the "everyone" step pages the primary again);
 * - it was **not escalated past me**: no page was sent to someone else at a later position in the chain, that is
 *   with a higher round, or the same round and a higher step. People paged at the same step as me (the "everyone"
 *   step) do not close my page, and a later page that is only held (the backup's window is closed) does not either:
 *   nobody else has been reached yet, so I am still the one being asked.
 *
 * The order of `incident.pages` does not matter (a released held page moves to the end of the list).
 */
export function openPagesFor(state: IncidentsState, me: string): OpenPage[] {
  const open: OpenPage[] = [];
  for (const incident of Object.values(state.incidents)) {
    if (!isActive(incident.status)) continue;
    const sent = incident.pages.filter((page) => page.status === 'sent' && page.sentAt !== null);
    const mine = latest(sent.filter((page) => page.person.id === me));
    if (!mine || pageAnswered(incident, mine)) continue;
    if (sent.some((page) => page.person.id !== me && comesAfter(page, mine))) continue;
    open.push(openPage(incident, mine));
  }
  return open.sort(
    (a, b) =>
      severityRank(a.severity) - severityRank(b.severity) ||
      a.sentAt.localeCompare(b.sentAt) ||
      a.incidentId.localeCompare(b.incidentId),
  );
}

/**
 * The open pages to announce at `now`: those never announced, and those last announced `intervalMs` or more ago.
 * `lastNotifiedAt` maps page ids to when each was last shown (ms).
 */
export function renotifyDue(
  openPages: readonly OpenPage[],
  lastNotifiedAt: Readonly<Record<string, number>>,
  now: number,
  intervalMs = RENOTIFY_INTERVAL_MS,
): OpenPage[] {
  return openPages.filter((page) => {
    const last = Object.hasOwn(lastNotifiedAt, page.pageId) ? lastNotifiedAt[page.pageId] : undefined;
    return last === undefined || now - last >= intervalMs;
  });
}

/** When the next open page falls due again (ms); null when nothing is open. Never-announced pages are due at once. */
export function nextRenotifyAt(
  openPages: readonly OpenPage[],
  lastNotifiedAt: Readonly<Record<string, number>>,
  intervalMs = RENOTIFY_INTERVAL_MS,
): number | null {
  let next: number | null = null;
  for (const page of openPages) {
    const last = Object.hasOwn(lastNotifiedAt, page.pageId) ? lastNotifiedAt[page.pageId] : undefined;
    const due = last === undefined ? -Infinity : last + intervalMs;
    if (next === null || due < next) next = due;
  }
  return next;
}

/**
 * Whether a page the hub pushed to me has been answered since, so its notice should go: its incident is no longer
 * active, or the page is on the incident's record but not among my open pages any more (acknowledged, escalated
 * past me, superseded by a later page). A test page, or a page whose event has not arrived yet, is not answered.
 */
export function pushedPageAnswered(
  state: IncidentsState,
  openPages: readonly OpenPage[],
  page: Pick<PageNotification, 'pageId' | 'test' | 'incident'>,
): boolean {
  if (page.test || !page.incident) return false;
  const incident = Object.hasOwn(state.incidents, page.incident.id) ? state.incidents[page.incident.id] : undefined;
  if (!incident) return false;
  if (!isActive(incident.status)) return true;
  if (!incident.pages.some((recorded) => recorded.id === page.pageId)) return false;
  return !openPages.some((open) => open.pageId === page.pageId);
}

/** What to show for a page: the desktop (native) and the web (Web Notifications) word it alike. */
export interface PageAlert {
  readonly pageId: string;
  /** The incident to open on click; null for a test page. */
  readonly incidentId: string | null;
  readonly title: string;
  readonly body: string;
  /** Offer "Acknowledge": the page asks for an acknowledgement the incident does not have yet. */
  readonly acknowledge: boolean;
  /** 0 the first time a page is shown, then 1, 2… for each reminder. */
  readonly repeat: number;
}

export const TEST_PAGE_TITLE = 'Test page from Warroom — notifications reach you.';

/** "Paged: INC-12 SEV-1 Checkout down" */
export function pagedLine(page: Pick<OpenPage, 'label' | 'severity' | 'title'>): string {
  return `Paged: ${page.label} ${page.severity} ${page.title}`;
}

/** The notification for an open page; `repeat` > 0 is a reminder, which says how long it has waited. */
export function openPageAlert(page: OpenPage, repeat: number, now: number): PageAlert {
  const waited = Math.max(0, Math.floor((now - Date.parse(page.sentAt)) / 60_000));
  const reminder = repeat > 0 ? `Not acknowledged for ${waited} min. ` : '';
  return {
    pageId: page.pageId,
    incidentId: page.incidentId,
    title: pagedLine(page),
    body: `${reminder}${REASON_TEXT[page.reason]}${page.service ? ` Service: ${page.service}.` : ''}`,
    acknowledge: true,
    repeat,
  };
}

/**
 * The notification for a `page` pushed by the hub. A test page has no incident and nothing to acknowledge; every
 * incident page (an `ack-timeout` re-page too) offers Acknowledge.
 */
export function pushedPageAlert(page: PageNotification): PageAlert {
  if (page.test)
    return {
      pageId: page.pageId,
      incidentId: null,
      title: TEST_PAGE_TITLE,
      body: 'This was only a test: there is nothing to acknowledge.',
      acknowledge: false,
      repeat: 0,
    };
  const incident = page.incident;
  if (!incident)
    return {
      pageId: page.pageId,
      incidentId: null,
      title: 'Paged by Warroom',
      body: 'Open Warroom to see which incident needs you.',
      acknowledge: false,
      repeat: 0,
    };
  const reason = page.reason ?? 'initial';
  return {
    pageId: page.pageId,
    incidentId: incident.id,
    title: pagedLine({ label: incidentLabel(incident), severity: incident.severity, title: incident.title }),
    body: `${REASON_TEXT[reason]}${incident.service ? ` Service: ${incident.service}.` : ''}`,
    acknowledge: true,
    repeat: 0,
  };
}

/** The page id a group of page alerts is shown under (one group at a time: a newer one replaces it). */
export const PAGE_GROUP_ID = 'pages:group';
/** Lines of pages a group's body lists before "and N more". */
const PAGE_GROUP_LINES = 5;

/**
 * One notification for several pages shown together (a storm of alerts that page me, or their reminders falling due
 * together): no Acknowledge button (it would be for which?); a click opens the app, whose paged banner lists each
 * page with its own Acknowledge.
 */
export function groupedPageAlert(alerts: readonly PageAlert[]): PageAlert {
  const reminder = alerts.some((alert) => alert.repeat > 0);
  const lines = alerts.slice(0, PAGE_GROUP_LINES).map((alert) => alert.title.replace(/^Paged: /, ''));
  const rest = alerts.length - lines.length;
  return {
    pageId: PAGE_GROUP_ID,
    incidentId: null,
    title: `${reminder ? 'Still paged' : 'Paged'}: ${alerts.length} incidents need an acknowledgement`,
    body: [...lines, ...(rest > 0 ? [`and ${rest} more`] : [])].join('\n'),
    acknowledge: false,
    repeat: Math.max(...alerts.map((alert) => alert.repeat)),
  };
}

const REASON_TEXT: Readonly<Record<PageReason, string>> = {
  initial: 'You are on call: acknowledge to stop the escalation.',
  escalation: 'Escalated to you: nobody acknowledged it in time.',
  repeat: 'Still not acknowledged: the escalation runs again.',
  'ack-timeout': 'Acknowledged, but nobody has acted on it for a while: acknowledge again and take it on.',
};

/** (round, step) order: whether `page` is further along the chain than `than`. */
function comesAfter(page: Page, than: Page): boolean {
  return page.round > than.round || (page.round === than.round && page.step > than.step);
}

function latest(pages: readonly Page[]): Page | undefined {
  let best: Page | undefined;
  for (const page of pages) if (!best || comesAfter(page, best)) best = page;
  return best;
}

function openPage(incident: Incident, page: Page): OpenPage {
  return {
    incidentId: incident.id,
    pageId: page.id,
    label: incidentLabel(incident),
    title: incident.title,
    severity: incident.severity,
    service: incident.service,
    reason: page.reason,
    step: page.step,
    round: page.round,
    sentAt: page.sentAt ?? '',
  };
}
