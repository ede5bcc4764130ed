import type { AppPage } from '../store/ui-slice.js';

/**
 * Where the person is, in the address's fragment: `#/incident/<id>` for an incident, `#/oncall` and `#/profile` for
 * those screens, nothing for the board. A fragment, not a path: the desktop app loads index.html from disk and its
 * IPC check needs that page.
 */
export type Route =
  | { readonly screen: 'board' }
  | { readonly screen: 'oncall' }
  | { readonly screen: 'profile' }
  | { readonly screen: 'incident'; readonly incidentId: string };

const INCIDENT = /^#\/incident\/([A-Za-z0-9_-]{1,64})\/?$/;
const PAGES: Readonly<Record<string, Exclude<AppPage, 'board'>>> = {
  '#/oncall': 'oncall',
  '#/oncall/': 'oncall',
  '#/profile': 'profile',
  '#/profile/': 'profile',
};

/** The route in a fragment; null for a fragment that is not a route (a sign-in link's `#token=…`). */
export function parseRoute(hash: string): Route | null {
  if (hash === '' || hash === '#' || hash === '#/') return { screen: 'board' };
  const page = Object.hasOwn(PAGES, hash) ? PAGES[hash] : undefined;
  if (page) return { screen: page };
  const match = INCIDENT.exec(hash);
  return match?.[1] ? { screen: 'incident', incidentId: match[1] } : null;
}

/** The fragment for an incident, or for a page when no incident is open ('' for the board). */
export function routeHash(incidentId: string | null, page: AppPage = 'board'): string {
  if (incidentId) return `#/incident/${incidentId}`;
  return page === 'board' ? '' : `#/${page}`;
}
