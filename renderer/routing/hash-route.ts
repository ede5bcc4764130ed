/**
 * Where the person is, in the address's fragment: `#/incident/<id>` for an incident, nothing for the board.
 * A fragment, not a path: the desktop app loads index.html from disk and its IPC check needs that page.
 */
export type Route = { readonly screen: 'board' } | { readonly screen: 'incident'; readonly incidentId: string };

const INCIDENT = /^#\/incident\/([A-Za-z0-9_-]{1,64})\/?$/;

/** The route in a fragment; null for a fragment that is not a route (a sign-in link's `#token=…`). */
export function parseRoute(hash: string): Route | null {
  if (hash === '' || hash === '#' || hash === '#/') return { screen: 'board' };
  const match = INCIDENT.exec(hash);
  return match?.[1] ? { screen: 'incident', incidentId: match[1] } : null;
}

/** The fragment for an incident, or '' for the board. */
export function routeHash(incidentId: string | null): string {
  return incidentId ? `#/incident/${incidentId}` : '';
}
