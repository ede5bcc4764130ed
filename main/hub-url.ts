import { hubUrlSchema } from '../shared/ipc/settings.js';

export type HubUrlCheck = { ok: true; hubUrl: string } | { ok: false; message: string };

/**
 * The hub's address in one canonical form (`http://host:port`, no trailing slash), so the same hub typed two
 * ways is one hub (one outbox, one cache). socket.io reads a path as a namespace, so a path is refused rather
 * than silently connecting to the wrong place; so are credentials, a query or a fragment.
 */
export function normalizeHubUrl(input: string): HubUrlCheck {
  const parsed = hubUrlSchema.safeParse(input);
  if (!parsed.success)
    return { ok: false, message: `The hub address ${parsed.error.issues[0]?.message ?? 'is invalid'}.` };
  const url = new URL(parsed.data);
  if (url.username || url.password)
    return { ok: false, message: 'The hub address must not contain a user name or password.' };
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash)
    return {
      ok: false,
      message: `Give the hub's address without a path, such as ${url.origin} (the hub serves at the root).`,
    };
  return { ok: true, hubUrl: url.origin };
}

/** Whether two addresses name the same hub. */
export function sameHub(a: string, b: string): boolean {
  const left = normalizeHubUrl(a);
  const right = normalizeHubUrl(b);
  return left.ok && right.ok && left.hubUrl === right.hubUrl;
}
