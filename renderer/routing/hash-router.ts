import type { AppStore } from '../store/store.js';
import { parseRoute, routeHash } from './hash-route.js';

/** The part of `window` the router uses (a fake in tests). */
export interface RouterWindow {
  readonly location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  readonly history: Pick<History, 'pushState' | 'replaceState' | 'state'>;
  addEventListener(type: 'hashchange' | 'popstate', listener: () => void): void;
  removeEventListener(type: 'hashchange' | 'popstate', listener: () => void): void;
}

export interface RouterActions {
  openIncident(incidentId: string): void;
  showBoard(): void;
}

/**
 * Keeps the address's fragment and the open incident in step: opening an incident pushes `#/incident/<id>`
 * (so Back returns to the board), and a fragment typed, linked or reached with Back/Forward opens what it names.
 * Start it after the bridge has read a sign-in fragment. Returns the function that stops it.
 */
export function startHashRouting(win: RouterWindow, store: AppStore, actions: RouterActions): () => void {
  const follow = (): void => {
    const route = parseRoute(win.location.hash);
    if (!route) return;
    const selected = store.getState().selectedIncidentId;
    if (route.screen === 'incident' && route.incidentId !== selected) actions.openIncident(route.incidentId);
    if (route.screen === 'board' && selected !== null) actions.showBoard();
  };
  follow();
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.selectedIncidentId === previous.selectedIncidentId) return;
    const route = parseRoute(win.location.hash);
    const shown = route?.screen === 'incident' ? route.incidentId : null;
    if (shown === state.selectedIncidentId) return;
    const url = `${win.location.pathname}${win.location.search}${routeHash(state.selectedIncidentId)}`;
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
