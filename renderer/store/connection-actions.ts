import { findIncident } from '../../shared/domain/state.js';
import type { EngineView } from '../../shared/sync/engine-view.js';
import type { ActionDeps } from './action-deps.js';
import { errorText, type ActionResult } from './action-results.js';
import type { NavigationActions } from './navigation-actions.js';
import type { OncallActions } from './oncall-actions.js';
import type { StatusPageActions } from './statuspage-actions.js';
import type { TimelineActions } from './timeline-actions.js';

/** Starting (listening to the host), signing in and out, and notification permission. */
export function createConnectionActions(
  { store, getHost }: Pick<ActionDeps, 'store' | 'getHost'>,
  features: {
    readonly timeline: Pick<TimelineActions, 'loadTimeline'>;
    readonly navigation: Pick<NavigationActions, 'openIncident'>;
    readonly oncall: Pick<OncallActions, 'onCallChanged'>;
    readonly statusPage: Pick<StatusPageActions, 'statusPageChanged'>;
  },
) {
  const api = () => getHost().api;
  let stop: (() => void) | null = null;

  const receiveView = (view: EngineView): void => {
    const before = store.getState();
    const openId = before.timelineIncidentId;
    const wasConfirmed = openId !== null && findIncident(before.confirmed.incidents, openId) !== undefined;
    before.receiveConnection(view);
    before.receiveIncidents(view);
    if (openId === null) return;
    // A catch-up by snapshot brings no events, and a timeline asked for while offline or before the hub had the
    // incident failed: ask again once the hub is back, or has the incident.
    const backOnline = before.status !== 'online' && view.status === 'online';
    const nowConfirmed = !wasConfirmed && findIncident(view.confirmed.incidents, openId) !== undefined;
    if ((backOnline || nowConfirmed) && view.status === 'online') features.timeline.loadTimeline(openId);
  };

  const refreshSettings = async (): Promise<void> => {
    const settings = await api().getSettings();
    store.getState().setSignedIn(settings.signedIn, settings.hubUrl);
    store.getState().setCanAskNotifications(getHost().notifications.canAskNotificationPermission());
  };

  return {
    /** Listens to the host and loads settings and the first view. Returns the function that stops listening. */
    async start(): Promise<() => void> {
      if (stop) return stop;
      const offs = [
        api().onViewChanged(receiveView),
        api().onOpenIncident((incidentId) => features.navigation.openIncident(incidentId)),
        api().onEvents((events) => store.getState().receiveEvents(events)),
        api().onPage((page) => store.getState().addPageNotice(page)),
        api().onOnCallChanged(() => features.oncall.onCallChanged()),
        api().onStatusPageChanged(() => features.statusPage.statusPageChanged()),
      ];
      const stopped = () => {
        offs.forEach((off) => off());
        stop = null;
      };
      stop = stopped;
      await refreshSettings();
      receiveView(await api().getView());
      return stopped;
    },

    async connect(hubUrl: string, token: string): Promise<ActionResult> {
      const ui = store.getState();
      ui.setConnectAttempt({ connecting: true, error: null });
      try {
        const result = await api().connect({ hubUrl, token });
        if (!result.ok) {
          ui.setConnectAttempt({ connecting: false, error: result.message });
          return result;
        }
        ui.setConnectAttempt({ connecting: false, error: null });
        store.getState().forgetStatusPage();
        await refreshSettings();
        receiveView(await api().getView());
        return { ok: true };
      } catch (error) {
        const message = `Could not connect: ${errorText(error)}`;
        ui.setConnectAttempt({ connecting: false, error: message });
        return { ok: false, message };
      }
    },

    async signOut(): Promise<void> {
      await api().signOut();
      store.getState().forgetStatusPage();
      store.getState().selectIncident(null);
      store.getState().followTimeline(null);
      await refreshSettings();
      receiveView(await api().getView());
    },

    /** Must run inside a click handler: browsers only ask for permission on a user gesture. */
    async enableNotifications(): Promise<void> {
      const host = getHost();
      try {
        await host.notifications.askNotificationPermission();
      } finally {
        store.getState().setCanAskNotifications(host.notifications.canAskNotificationPermission());
      }
    },
  };
}
