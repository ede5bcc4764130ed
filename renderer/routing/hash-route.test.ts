import { describe, expect, it } from 'vitest';
import { createAppStore } from '../store/store.js';
import { parseRoute, routeHash } from './hash-route.js';
import { startHashRouting, type RouterWindow } from './hash-router.js';

describe('routes in the fragment', () => {
  it('reads the board and incidents, and leaves other fragments (sign-in links) alone', () => {
    expect(parseRoute('')).toEqual({ screen: 'board' });
    expect(parseRoute('#/')).toEqual({ screen: 'board' });
    expect(parseRoute('#/incident/abc_12-3')).toEqual({ screen: 'incident', incidentId: 'abc_12-3' });
    expect(parseRoute('#token=wr_secret')).toBeNull();
    expect(parseRoute('#/incident/../x')).toBeNull();
    expect(routeHash('abc')).toBe('#/incident/abc');
    expect(routeHash(null)).toBe('');
    expect(parseRoute('#/oncall')).toEqual({ screen: 'oncall' });
    expect(parseRoute('#/profile')).toEqual({ screen: 'profile' });
    expect(routeHash(null, 'oncall')).toBe('#/oncall');
    expect(parseRoute('#/statuspage')).toEqual({ screen: 'statuspage' });
    expect(routeHash(null, 'statuspage')).toBe('#/statuspage');
    // The status page preview's own anchor is not a route.
    expect(parseRoute('#incident-0123abcd')).toBeNull();
    expect(routeHash('abc', 'profile')).toBe('#/incident/abc');
  });
});

/** A window with a location and history, and the listeners the router adds. */
function fakeWindow(hash = '') {
  const listeners = new Map<string, () => void>();
  const pushed: string[] = [];
  const win: RouterWindow = {
    location: { hash, pathname: '/index.html', search: '' },
    history: {
      state: null,
      pushState: (_state: unknown, _title: string, url?: string | URL | null) => {
        pushed.push(String(url));
        (win.location as { hash: string }).hash = String(url).replace(/^[^#]*/, '');
      },
      replaceState: () => undefined,
    },
    addEventListener: (type, listener) => void listeners.set(type, listener),
    removeEventListener: (type) => void listeners.delete(type),
  };
  return {
    win,
    pushed,
    navigate: (next: string) => {
      (win.location as { hash: string }).hash = next;
      listeners.get('popstate')?.();
    },
    listeners,
  };
}

describe('startHashRouting', () => {
  it('opens the incident in the address at start, pushes what the person opens, and follows Back', () => {
    const store = createAppStore();
    const opened: string[] = [];
    const routerActions = {
      openIncident: (id: string) => {
        opened.push(id);
        store.getState().selectIncident(id);
      },
      showBoard: () => store.getState().selectIncident(null),
    };
    const w = fakeWindow('#/incident/inc-7');
    const stop = startHashRouting(w.win, store, routerActions);
    expect(opened).toEqual(['inc-7']);
    expect(w.pushed).toEqual([]); // already in the address

    routerActions.showBoard();
    expect(w.pushed).toEqual(['/index.html']); // the page stays index.html (the desktop app needs it)
    routerActions.openIncident('inc-8');
    expect(w.pushed.at(-1)).toBe('/index.html#/incident/inc-8');

    w.navigate(''); // Back
    expect(store.getState().selectedIncidentId).toBeNull();
    w.navigate('#/incident/inc-9'); // a link, or Forward
    expect(store.getState().selectedIncidentId).toBe('inc-9');
    stop();
    expect(w.listeners.size).toBe(0);
  });

  it('pushes the on-call screen and the profile, and follows them back', () => {
    const store = createAppStore();
    const routerActions = {
      openIncident: (id: string) => store.getState().selectIncident(id),
      showBoard: () => {
        store.getState().setPage('board');
        store.getState().selectIncident(null);
      },
      showPage: (page: 'board' | 'oncall' | 'profile') => {
        store.getState().setPage(page);
        store.getState().selectIncident(null);
      },
    };
    const w = fakeWindow('#/oncall');
    const stop = startHashRouting(w.win, store, routerActions);
    expect(store.getState().page).toBe('oncall');
    routerActions.showPage('profile');
    expect(w.pushed).toEqual(['/index.html#/profile']);
    routerActions.openIncident('inc-1');
    expect(w.pushed.at(-1)).toBe('/index.html#/incident/inc-1');
    w.navigate('#/profile'); // Back
    expect(store.getState().selectedIncidentId).toBeNull();
    expect(store.getState().page).toBe('profile');
    w.navigate('');
    expect(store.getState().page).toBe('board');
    stop();
  });
});
