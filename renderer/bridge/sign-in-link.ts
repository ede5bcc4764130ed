/**
 * The token in a sign-in link (`http://hub:4380/#token=wr_…`). It travels in the fragment, which browsers never
 * send to a server or put in a Referer. Returns null when the fragment holds no token.
 */
export function tokenFromFragment(fragment: string): string | null {
  const params = new URLSearchParams(fragment.replace(/^#/, ''));
  const token = params.get('token')?.trim();
  return token ? token : null;
}

/** Whether the fragment mentions a token at all (even an empty one): then it is removed from the address bar. */
export function fragmentHasToken(fragment: string): boolean {
  return new URLSearchParams(fragment.replace(/^#/, '')).has('token');
}

/** The hub a page served by the hub belongs to: its own origin, when that is http(s) (not file:// in Electron). */
export function pageHubUrl(origin: string): string | null {
  return /^https?:\/\/[^/]+$/i.test(origin) ? origin : null;
}
