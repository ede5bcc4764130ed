import { findIncident } from '../../shared/domain/state.js';
import type { ActionDeps } from './action-deps.js';
import type { OncallActions } from './oncall-actions.js';
import type { TimelineActions } from './timeline-actions.js';
import type { AppPage, IncidentView } from './ui-slice.js';

/** What is shown: an incident (its room or postmortem), the board, or another screen; and what that loads. */
export function createNavigationActions(
  { store }: Pick<ActionDeps, 'store'>,
  timeline: Pick<TimelineActions, 'loadTimeline'>,
  oncall: Pick<OncallActions, 'loadOnCall'>,
) {
  const openIncident = (incidentId: string, view: IncidentView = 'room'): void => {
    const s = store.getState();
    s.selectIncident(incidentId, view);
    if (s.timelineIncidentId === incidentId) return;
    // An incident the hub has not confirmed yet has no timeline there: it is asked for once the hub has it.
    if (findIncident(s.confirmed.incidents, incidentId)) timeline.loadTimeline(incidentId);
    else s.followTimeline(incidentId);
  };

  return {
    openIncident: (incidentId: string) => openIncident(incidentId),
    /** The incident's postmortem editor (its timeline is loaded as for the room: the draft is made from it). */
    openPostmortem: (incidentId: string) => openIncident(incidentId, 'postmortem'),

    showBoard(): void {
      const s = store.getState();
      s.setPage('board');
      s.selectIncident(null);
      s.followTimeline(null);
    },

    /** The on-call screen or my profile (or the board): leaves an open incident; loads the on-call set-up. */
    showPage(page: AppPage): void {
      const s = store.getState();
      s.setPage(page);
      s.selectIncident(null);
      s.followTimeline(null);
      if (page === 'oncall' || page === 'profile') void oncall.loadOnCall();
    },
  };
}

export type NavigationActions = ReturnType<typeof createNavigationActions>;
