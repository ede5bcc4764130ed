import type { IncidentNotification, NotificationKind } from './notifications.js';

/** A notification as a host shows it: one incident's, or a group of several (then `incidentId` is null). */
export interface ShownNotification {
  /** Replaces an earlier notification with the same tag (Web Notifications' `tag`). */
  readonly tag: string;
  readonly title: string;
  readonly body: string;
  readonly urgent: boolean;
  /** The incident to open on click; null: the board (a group). */
  readonly incidentId: string | null;
  /** How many notifications it stands for. */
  readonly count: number;
}

/** How long notifications are gathered after the last one before they are shown together. */
export const GROUP_WINDOW_MS = 3_000;
/** A storm that never pauses is still shown after this long. */
export const GROUP_MAX_WAIT_MS = 15_000;

const KIND_ORDER: readonly NotificationKind[] = ['role-assigned', 'update-overdue', 'escalation', 'new-incident'];
/** Lines of titles a group's body lists before "and N more". */
const GROUP_BODY_LINES = 5;

/**
 * What to show for the notifications gathered in one window: one per kind. A kind with one notification shows it as
 * it is; several become one ("12 new incidents from Alertmanager"), urgent when any of them is. Repeats of the same
 * incident and kind count once (the latest wins).
 */
export function groupNotifications(gathered: readonly IncidentNotification[]): ShownNotification[] {
  const byKind = new Map<NotificationKind, Map<string, IncidentNotification>>();
  for (const notice of gathered) {
    const ofKind = byKind.get(notice.kind) ?? new Map<string, IncidentNotification>();
    ofKind.set(notice.incidentId, notice);
    byKind.set(notice.kind, ofKind);
  }
  const shown: ShownNotification[] = [];
  for (const kind of KIND_ORDER) {
    const notices = [...(byKind.get(kind)?.values() ?? [])];
    const [first] = notices;
    if (!first) continue;
    if (notices.length === 1) {
      shown.push({ ...pick(first), tag: `${kind}:${first.incidentId}`, incidentId: first.incidentId, count: 1 });
      continue;
    }
    shown.push({
      tag: `group:${kind}`,
      title: groupTitle(kind, notices),
      body: groupBody(notices),
      urgent: notices.some((n) => n.urgent),
      incidentId: null,
      count: notices.length,
    });
  }
  return shown;
}

function pick({ title, body, urgent }: IncidentNotification) {
  return { title, body, urgent };
}

const KIND_WORDS: Readonly<Record<NotificationKind, string>> = {
  'new-incident': 'new incidents',
  escalation: 'incidents escalated',
  'role-assigned': 'incidents gave you a role',
  'update-overdue': 'incidents owe a status update',
};

/** "12 new incidents from Alertmanager" when they share a source, else "12 new incidents". */
function groupTitle(kind: NotificationKind, notices: readonly IncidentNotification[]): string {
  const sources = new Set(notices.map((n) => n.source));
  const [source] = sources;
  const from = kind === 'new-incident' && sources.size === 1 && source ? ` from ${source}` : '';
  return `${notices.length} ${KIND_WORDS[kind]}${from}`;
}

function groupBody(notices: readonly IncidentNotification[]): string {
  const ordered = [...notices.filter((n) => n.urgent), ...notices.filter((n) => !n.urgent)];
  const lines = ordered.slice(0, GROUP_BODY_LINES).map((n) => n.title);
  const rest = ordered.length - lines.length;
  return [...lines, ...(rest > 0 ? [`and ${rest} more`] : [])].join('\n');
}
