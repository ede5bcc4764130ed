import { incidentLabel, type Incident } from '../shared/domain/incident.js';
import { highestSeverity, severityRank, type Severity } from '../shared/domain/severity.js';
import { isActive } from '../shared/domain/status.js';
import type { Availability } from '../shared/ipc/settings.js';
import { openPagesFor, pagedLine, type OpenPage } from '../shared/notify/paging-alerts.js';
import type { EngineView } from '../shared/sync/engine-view.js';

/**
 * One PNG per value in build/tray (`<icon>.png` 16x16, `<icon>@2x.png` 32x32), drawn by build/make-icons.mjs.
 * `alert` (a bell) replaces the severity icon while I have a page to acknowledge.
 */
export const TRAY_ICONS = ['none', 'sev3', 'sev2', 'sev1', 'alert'] as const;
export type TrayIcon = (typeof TRAY_ICONS)[number];

export type TrayItem =
  | { readonly kind: 'label'; readonly label: string }
  | { readonly kind: 'incident'; readonly incidentId: string; readonly label: string }
  /** Sends incident.acknowledge for a page of mine. */
  | { readonly kind: 'acknowledge'; readonly incidentId: string; readonly label: string }
  | { readonly kind: 'more'; readonly label: string }
  | { readonly kind: 'separator' }
  | { readonly kind: 'availability'; readonly value: Availability; readonly label: string; readonly checked: boolean }
  | { readonly kind: 'open'; readonly label: string }
  | { readonly kind: 'quit'; readonly label: string };

export interface TrayState {
  readonly icon: TrayIcon;
  readonly tooltip: string;
  readonly items: readonly TrayItem[];
}

/** Incidents listed in the menu; the rest are behind "Open Warroom". */
export const MAX_TRAY_INCIDENTS = 8;
/** Windows cuts tray tooltips at 127 characters (NOTIFYICONDATA's szTip); we cut first, with an ellipsis. */
export const MAX_TOOLTIP = 127;
const MAX_TITLE = 60;

const ICONS: Readonly<Record<Severity, TrayIcon>> = { 'SEV-1': 'sev1', 'SEV-2': 'sev2', 'SEV-3': 'sev3' };

/**
 * The tray, from the engine's view (null: signed out) and the person's availability: the icon shows the most
 * severe active incident (each icon has its own shape and number, not only its colour), the tooltip and the
 * first menu line say how many are active and whether we are behind, the menu lists active incidents, most
 * severe and then oldest first. Linux trays often show no tooltip, hence the first line of the menu.
 *
 * While I have open pages (`openPagesFor`: sent to me, not acknowledged, not escalated past me) the icon is the
 * alert bell, the tooltip and first line say "Paged: INC-12 SEV-1 Checkout down — Acknowledge", and the menu
 * starts with one "Acknowledge INC-12" per page. The shown state counts, so an acknowledgement queued offline
 * clears the alert at once.
 */
export function trayState(view: EngineView | null, availability: Availability): TrayState {
  const active = view ? activeIncidents(view) : [];
  const highest = highestSeverity(active.map((i) => i.severity));
  const pages = view?.user ? openPagesFor(view.state, view.user.id) : [];
  const summary = view
    ? `${activeSummary(active.length, highest)}${connectionSummary(view)}`
    : 'not connected to a hub';
  const paged = pagedSummary(pages);
  const tooltip = shorten(paged ? `Warroom — ${paged} · ${summary}` : `Warroom — ${summary}`, MAX_TOOLTIP);
  const listed = active.slice(0, MAX_TRAY_INCIDENTS);
  const items: TrayItem[] = [];
  if (paged)
    items.push(
      { kind: 'label', label: menuText(paged) },
      ...pages.slice(0, MAX_TRAY_INCIDENTS).map((page): TrayItem => ({
        kind: 'acknowledge',
        incidentId: page.incidentId,
        label: `Acknowledge ${page.label}`,
      })),
      { kind: 'separator' },
    );
  items.push(
    { kind: 'label', label: menuText(capitalise(summary)) },
    ...listed.map((incident): TrayItem => ({
      kind: 'incident',
      incidentId: incident.id,
      label: incidentLine(incident),
    })),
  );
  if (active.length > listed.length) items.push({ kind: 'more', label: `${active.length - listed.length} more…` });
  items.push(
    { kind: 'separator' },
    { kind: 'availability', value: 'available', label: 'Available for on-call', checked: availability === 'available' },
    { kind: 'availability', value: 'unavailable', label: 'Unavailable', checked: availability === 'unavailable' },
    { kind: 'separator' },
    { kind: 'open', label: 'Open Warroom' },
    { kind: 'quit', label: 'Quit Warroom' },
  );
  return { icon: pages.length > 0 ? 'alert' : highest ? ICONS[highest] : 'none', tooltip, items };
}

/** "Paged: INC-12 SEV-1 Checkout down — Acknowledge", "(+1 more)" before the dash for several; null for none. */
function pagedSummary(pages: readonly OpenPage[]): string | null {
  const [first] = pages;
  if (!first) return null;
  const more = pages.length > 1 ? ` (+${pages.length - 1} more)` : '';
  return `${pagedLine({ ...first, title: shorten(first.title, MAX_TITLE) })}${more} — Acknowledge`;
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** Active incidents as shown (confirmed plus our pending changes), most severe first, then oldest. */
function activeIncidents(view: EngineView): Incident[] {
  return Object.values(view.state.incidents)
    .filter((incident) => isActive(incident.status))
    .sort(
      (a, b) =>
        severityRank(a.severity) - severityRank(b.severity) ||
        a.moments.declaredAt.localeCompare(b.moments.declaredAt) ||
        a.number - b.number,
    );
}

function activeSummary(count: number, highest: Severity | undefined): string {
  if (count === 0 || !highest) return 'no active incidents';
  return `${count} active (highest ${highest})`;
}

function connectionSummary(view: EngineView): string {
  const parts: string[] = [];
  if (view.refusal) parts.push('refused by the hub');
  else if (view.status !== 'online') parts.push(view.status);
  if (view.pending.length > 0) parts.push(plural(view.pending.length, 'change', 'waiting'));
  if (view.rejected.length > 0) parts.push(plural(view.rejected.length, 'change', 'refused'));
  return parts.length > 0 ? ` · ${parts.join(', ')}` : '';
}

function incidentLine(incident: Incident): string {
  const title = shorten(incident.title, MAX_TITLE);
  const status = incident.status === 'investigating' ? '' : ` (${incident.status})`;
  return menuText(`${incident.severity} · ${incidentLabel(incident)} ${title}${status}`);
}

function plural(count: number, noun: string, state: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'} ${state}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Windows and Linux menus read "&" as a keyboard accelerator marker; a title's "&" must stay visible. */
function menuText(text: string): string {
  return text.replaceAll('&', '&&');
}
