import type { AppStore } from '../store/store.js';
import type { AppPage } from '../store/ui-slice.js';
import { parseRoute, routeHash, type Route } from './hash-route.js';

export interface RouterWindow {
  readonly location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  readonly history: Pick<History, 'pushState' | 'replaceState' | 'state'>;
  addEventListener(type: 'hashchange' | 'popstate', listener: () => void): void;
  removeEventListener(type: 'hashchange' | 'popstate', listener: () => void): void;
}

export interface RouterActions {
  openIncident(incidentId: string): void;
  /** An incident's postmortem editor; without it that address shows the incident. */
  openPostmortem?(incidentId: string): void;
  showBoard(): void;
  /** The on-call, profile, metrics or reviews screen; without it those addresses show the board. */
  showPage?(page: AppPage): void;
}

/** A fragment that is not a route (a sign-in link's) counts as the board, as it shows it. */
function routeHashOf(route: Route | null): string {
  if (!route) return '';
  if (route.screen === 'incident' || route.screen === 'postmortem')
    return routeHash(route.incidentId, 'board', route.screen === 'postmortem' ? 'postmortem' : 'room');
  return routeHash(null, route.screen);
}

/**
 * Keeps the address's fragment and what is shown in step: opening an incident pushes `#/incident/<id>`, the
 * on-call screen `#/oncall`, the profile `#/profile` (so Back returns), and a fragment typed, linked or reached with
 * Back/Forward opens what it names. Start it after the bridge has read a sign-in fragment. Returns the function that
 * stops it.
 */
export function startHashRouting(win: RouterWindow, store: AppStore, actions: RouterActions): () => void {
  const follow = (): void => {
    const route = parseRoute(win.location.hash);
    if (!route) return;
    const { selectedIncidentId: selected, page, incidentView } = store.getState();
    if (route.screen === 'incident') {
      if (route.incidentId !== selected || incidentView !== 'room') actions.openIncident(route.incidentId);
    } else if (route.screen === 'postmortem') {
      if (route.incidentId !== selected || incidentView !== 'postmortem')
        (actions.openPostmortem ?? actions.openIncident)(route.incidentId);
    } else if (route.screen === 'board') {
      if (selected !== null || page !== 'board') actions.showBoard();
    } else if (selected !== null || page !== route.screen) {
      if (actions.showPage) actions.showPage(route.screen);
      else actions.showBoard();
    }
  };
  follow();
  const unsubscribe = store.subscribe((state, previous) => {
    if (
      state.selectedIncidentId === previous.selectedIncidentId &&
      state.page === previous.page &&
      state.incidentView === previous.incidentView
    )
      return;
    const target = routeHash(state.selectedIncidentId, state.page, state.incidentView);
    if (routeHashOf(parseRoute(win.location.hash)) === target) return;
    const url = `${win.location.pathname}${win.location.search}${target}`;
    win.history.pushState(win.history.state, '', url);
  });
  win.addEventListener('hashchange', follow);
  win.addEventListener('popstate', follow);
  return () => {
    unsubscribe();
    win.removeEventListener('hashchange', follow);
    win.removeEventListener('popstate', follow);
  };
}
