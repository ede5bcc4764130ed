import type { UserRole } from '../domain/authorize.js';
import type { DomainEvent } from '../domain/events.js';
import { incidentLabel, type Incident } from '../domain/incident.js';
import { ROLE_NAMES } from '../domain/roles.js';
import { isMoreSevere, severityRank } from '../domain/severity.js';
import type { IncidentsState } from '../domain/state.js';
import { isActive } from '../domain/status.js';
import type { NotificationPrefs } from '../ipc/settings.js';
import type { NewIncidentNotices } from '../oncall/profile.js';
import { wantsIncidentNotice, type RotationRoutes } from './new-incident-audience.js';

export type NotificationKind = 'new-incident' | 'escalation' | 'role-assigned' | 'update-overdue';

export interface IncidentNotification {
  readonly kind: NotificationKind;
  readonly incidentId: string;
  readonly title: string;
  readonly body: string;
  /** SEV-1 notifications should stay until dismissed and may make a sound. */
  readonly urgent: boolean;
  /** Who declared the incident (a person, or the tool whose alert opened it), for a grouped notification. */
  readonly source: string;
}

/** Who is asking, and what they chose: their role and profile choice, this device's switches, the on-call routes. */
export interface NoticeContext {
  readonly me: { readonly id: string; readonly role: UserRole };
  /** From the person's profile, or their role's defaults (newIncidentNoticesFor). */
  readonly notices: NewIncidentNotices;
  /** The on-call routes as last read from the hub; null when not known. */
  readonly routes: RotationRoutes | null;
  /** This device's switches (Settings): kinds turned off, and the least severe incident worth a notification. */
  readonly prefs: NotificationPrefs;
}

/**
 * Which notifications confirmed events deserve, for the person in `ctx`; `state` is the confirmed state after them.
 * Pure, so the desktop (native) and the web (Web Notifications) decide alike. The rules:
 * - nobody hears of their own action: an event whose actor is me notifies nobody on my devices;
 * - a new incident, or one escalated to a higher severity, notifies me by my per-severity choice
 *   (wantsIncidentNotice: SEV-1 every responder, SEV-2 its rotation, SEV-3 and viewers nobody, by default);
 * - a role given to me by someone else notifies me;
 * - only incidents still active, and at least as severe as this device's minimum, count; one notification per
 *   incident and kind even when several events of a batch concern it.
 * Whether I am also paged for the incident is decided later (`withoutPagedIncidents`): the page is the one that rings.
 */
export function notificationsFor(
  events: readonly DomainEvent[],
  state: IncidentsState,
  ctx: NoticeContext,
): IncidentNotification[] {
  const out = new Map<string, IncidentNotification>();
  for (const event of events) {
    if (event.actor.id === ctx.me.id) continue;
    const incident = Object.hasOwn(state.incidents, event.incidentId) ? state.incidents[event.incidentId] : undefined;
    if (!incident || !isActive(incident.status)) continue;
    if (severityRank(incident.severity) > severityRank(ctx.prefs.minSeverity)) continue;
    const notice = noticeFor(event, incident, ctx);
    // An escalation in the batch that announces the incident is already in its title (the current severity).
    if (!notice || (notice.kind === 'escalation' && out.has(`new-incident:${incident.id}`))) continue;
    out.set(`${notice.kind}:${incident.id}`, notice);
  }
  return [...out.values()];
}

function noticeFor(event: DomainEvent, incident: Incident, ctx: NoticeContext): IncidentNotification | null {
  const label = `${incidentLabel(incident)} ${incident.severity}`;
  const base = { incidentId: incident.id, urgent: incident.severity === 'SEV-1', source: sourceOf(incident, event) };
  const wanted = () => wantsIncidentNotice(ctx.notices, incident, ctx.me.id, ctx.routes);
  switch (event.type) {
    case 'incident.declared':
      return ctx.prefs.newIncident && wanted()
        ? { ...base, kind: 'new-incident', title: `${label}: ${incident.title}`, body: describe(incident) }
        : null;
    case 'incident.severity_changed':
      return ctx.prefs.escalation && isMoreSevere(event.payload.to, event.payload.from) && wanted()
        ? { ...base, kind: 'escalation', title: `${label}: escalated from ${event.payload.from}`, body: incident.title }
        : null;
    case 'role.assigned':
      return ctx.prefs.roleAssigned && event.payload.person.id === ctx.me.id
        ? {
            ...base,
            kind: 'role-assigned',
            title: `You are ${ROLE_NAMES[event.payload.role]} on ${incidentLabel(incident)}`,
            body: incident.title,
          }
        : null;
    default:
      return null;
  }
}

/**
 * Drops the new-incident and escalation notifications of incidents that page me (a page sent, or held until my
 * response window opens): the page is my one notification about it. Roles given to me and overdue updates stay.
 */
export function withoutPagedIncidents(
  notices: readonly IncidentNotification[],
  state: IncidentsState,
  me: string,
  pushedPageIncidents: ReadonlySet<string> = new Set(),
): IncidentNotification[] {
  return notices.filter((notice) => {
    if (notice.kind !== 'new-incident' && notice.kind !== 'escalation') return true;
    if (pushedPageIncidents.has(notice.incidentId)) return false;
    const incident = Object.hasOwn(state.incidents, notice.incidentId) ? state.incidents[notice.incidentId] : undefined;
    return !incident?.pages.some((page) => page.person.id === me);
  });
}

/** Who declared it: a person, or the monitoring tool for an incident an alert opened ("Alertmanager"). */
function sourceOf(incident: Incident, event: DomainEvent): string {
  return incident.declaredBy.name || event.actor.name;
}

function describe(incident: Incident): string {
  const parts = [incident.service && `Service: ${incident.service}`, incident.impact || incident.summary].filter(
    Boolean,
  );
  return parts.join(' · ') || 'Open Warroom to see what is known.';
}
