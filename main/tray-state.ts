import { incidentLabel, type Incident } from '../shared/domain/incident.js';
import { highestSeverity, severityRank, type Severity } from '../shared/domain/severity.js';
import { isActive } from '../shared/domain/status.js';
import type { Availability } from '../shared/ipc/settings.js';
import type { EngineView } from '../shared/sync/engine-view.js';

/** One PNG per value in build/tray (`<icon>.png` 16x16, `<icon>@2x.png` 32x32), drawn by build/make-icons.mjs. */
export const TRAY_ICONS = ['none', 'sev3', 'sev2', 'sev1'] as const;
export type TrayIcon = (typeof TRAY_ICONS)[number];

export type TrayItem =
  | { readonly kind: 'label'; readonly label: string }
  | { readonly kind: 'incident'; readonly incidentId: string; readonly label: string }
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
const MAX_TITLE = 60;

const ICONS: Readonly<Record<Severity, TrayIcon>> = { 'SEV-1': 'sev1', 'SEV-2': 'sev2', 'SEV-3': 'sev3' };

/**
 * The tray, from the engine's view (null: signed out) and the person's availability: the icon shows the most
 * severe active incident (each icon has its own shape and number, not only its colour), the tooltip and the
 * first menu line say how many are active and whether we are behind, the menu lists active incidents, most
 * severe and then oldest first. Linux trays often show no tooltip, hence the first line of the menu.
 */
export function trayState(view: EngineView | null, availability: Availability): TrayState {
  const active = view ? activeIncidents(view) : [];
  const highest = highestSeverity(active.map((i) => i.severity));
  const summary = view
    ? `${activeSummary(active.length, highest)}${connectionSummary(view)}`
    : 'not connected to a hub';
  const tooltip = `Warroom — ${summary}`;
  const listed = active.slice(0, MAX_TRAY_INCIDENTS);
  const items: TrayItem[] = [
    { kind: 'label', label: menuText(capitalise(summary)) },
    ...listed.map((incident): TrayItem => ({
      kind: 'incident',
      incidentId: incident.id,
      label: incidentLine(incident),
    })),
  ];
  if (active.length > listed.length) items.push({ kind: 'more', label: `${active.length - listed.length} more…` });
  items.push(
    { kind: 'separator' },
    { kind: 'availability', value: 'available', label: 'Available for on-call', checked: availability === 'available' },
    { kind: 'availability', value: 'unavailable', label: 'Unavailable', checked: availability === 'unavailable' },
    { kind: 'separator' },
    { kind: 'open', label: 'Open Warroom' },
    { kind: 'quit', label: 'Quit Warroom' },
  );
  return { icon: highest ? ICONS[highest] : 'none', tooltip, items };
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
  const title =
    incident.title.length > MAX_TITLE ? `${incident.title.slice(0, MAX_TITLE - 1).trimEnd()}…` : incident.title;
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
