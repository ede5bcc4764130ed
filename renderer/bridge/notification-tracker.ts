import type { NotificationPrefs } from '../../shared/ipc/settings.js';
import { notificationsFor, type IncidentNotification } from '../../shared/notify/notifications.js';
import type { IncidentsState } from '../../shared/domain/state.js';
import type { EngineView } from '../../shared/sync/engine-view.js';

/**
 * Decides which views deserve notifications: only confirmed changes seen while online, compared with the last
 * state seen online. The first online state after a start is a baseline (nothing is announced for what was already
 * there); what happened during a short outage is announced once the catch-up is done.
 */
export class NotificationTracker {
  private baseline: IncidentsState | null = null;

  next(view: EngineView, prefs: NotificationPrefs): IncidentNotification[] {
    if (view.status !== 'online' || !view.user) return [];
    const notes = notificationsFor(this.baseline, view.confirmed, view.user.id, prefs);
    this.baseline = view.confirmed;
    return notes;
  }

  /** Another hub or person: start from a new baseline. */
  reset(): void {
    this.baseline = null;
  }
}
