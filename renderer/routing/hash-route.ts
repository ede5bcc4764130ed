import type { AppPage, IncidentView } from '../store/ui-slice.js';

/**
 * Where the person is, in the address's fragment: `#/incident/<id>` for an incident, `#/incident/<id>/postmortem`
 * for its postmortem, `#/oncall`, `#/profile`, `#/metrics`, `#/reviews` and `#/statuspage` for those screens, nothing for the board.
 * A fragment, not a path: the desktop app loads index.html from disk and its IPC check needs that page.
 */
export type Route =
  | { readonly screen: Exclude<AppPage, never> }
  | { readonly screen: 'incident' | 'postmortem'; readonly incidentId: string };

const INCIDENT = /^#\/incident\/([A-Za-z0-9_-]{1,64})(\/postmortem)?\/?$/;
const PAGES: readonly Exclude<AppPage, 'board'>[] = ['oncall', 'profile', 'metrics', 'reviews', 'statuspage'];

/** The route in a fragment; null for a fragment that is not a route (a sign-in link's `#token=…`). */
export function parseRoute(hash: string): Route | null {
  if (hash === '' || hash === '#' || hash === '#/') return { screen: 'board' };
  const page = PAGES.find((name) => hash === `#/${name}` || hash === `#/${name}/`);
  if (page) return { screen: page };
  const match = INCIDENT.exec(hash);
  if (!match?.[1]) return null;
  return { screen: match[2] ? 'postmortem' : 'incident', incidentId: match[1] };
}

/** The fragment for an incident (its room or its postmortem), or for a page when no incident is open. */
export function routeHash(incidentId: string | null, page: AppPage = 'board', view: IncidentView = 'room'): string {
  if (incidentId) return view === 'postmortem' ? `#/incident/${incidentId}/postmortem` : `#/incident/${incidentId}`;
  return page === 'board' ? '' : `#/${page}`;
}
