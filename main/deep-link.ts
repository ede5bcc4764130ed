import { idSchema } from '../shared/domain/primitives.js';

export const PROTOCOL_SCHEME = 'warroom';

/**
 * The incident a `warroom://incident/<id>` link points to, or null for anything else. Links come from
 * other programs (a browser, a chat message, the command line), so only this one exact shape is accepted:
 * no query, no fragment, no credentials or port, one path segment that is a valid id.
 */
export function parseDeepLink(link: string): { incidentId: string } | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  if (url.protocol !== `${PROTOCOL_SCHEME}:`) return null;
  if (url.hostname.toLowerCase() !== 'incident' || url.username || url.password || url.port) return null;
  if (url.search || url.hash) return null;
  const match = /^\/([^/]+)\/?$/.exec(url.pathname);
  if (!match?.[1]) return null;
  const id = idSchema.safeParse(match[1]);
  return id.success ? { incidentId: id.data } : null;
}

/**
 * A deep link among command-line arguments (Windows and Linux start the app, or hand the running
 * instance, `warroom://…` as an argument). The last valid link wins: it is the one the person just clicked.
 */
export function deepLinkFromArgv(argv: readonly string[]): { incidentId: string } | null {
  for (let i = argv.length - 1; i >= 0; i--) {
    const arg = argv[i];
    if (arg === undefined || !arg.toLowerCase().startsWith(`${PROTOCOL_SCHEME}:`)) continue;
    const link = parseDeepLink(arg);
    if (link) return link;
  }
  return null;
}

/** Only web pages may be handed to the system browser: never file:, javascript:, custom schemes or smb shares. */
export function isSafeExternalUrl(url: string): boolean {
  if (url.length > 2048) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  // Credentials in a link are a phishing tool (https://bank.example@evil.example/); refuse them.
  return parsed.hostname !== '' && parsed.username === '' && parsed.password === '';
}
