import { HUB_COMMAND_PREFIX } from '../domain/commands.js';

/**
 * Page and command ids are derived from what the page is (incident, place in the chain, person), never random:
 * the scheduler computing the same page twice (after a restart, or before its first command was committed) gets
 * the same ids, and the hub applies it once. Ids are at most 64 characters of `A-Z a-z 0-9 _ -`; a page id leaves
 * room for the `hub-` prefix and `-held` / `-sent` suffix of its command ids, and a too-long one is replaced by a
 * hash of itself. Command ids starting with `hub-` are refused from clients, so nobody can take a page's id first.
 */
const MAX_PAGE_ID = 54;

/** FNV-1a, 64 bits, as 16 hex digits: stable across runtimes, enough to keep one hub's page ids apart. */
export function fnv1a64(text: string): string {
  const mask = (1n << 64n) - 1n;
  let hash = 0xcbf29ce484222325n;
  for (const char of text) {
    hash ^= BigInt(char.codePointAt(0) ?? 0);
    hash = (hash * 0x100000001b3n) & mask;
  }
  return hash.toString(16).padStart(16, '0');
}

/** `slot` says where in the paging the page is: `s1-r0` (chain step 1, round 0), `a2` (acknowledgement timeout 2). */
export function pageIdFor(incidentId: string, slot: string, personId: string): string {
  const plain = `${incidentId}-${slot}-${personId}`;
  return plain.length <= MAX_PAGE_ID ? plain : `pg-${fnv1a64(plain)}`;
}

/** The command that records a page as held, or as sent (the same id whether it was held first or not). */
export function pageCommandId(pageId: string, status: 'held' | 'sent'): string {
  return `${HUB_COMMAND_PREFIX}${pageId}-${status}`;
}

/**
 * The command that reports "nobody was paged" for one cause (incident, severity, service, reason): the same cause
 * computed twice gets the same id, so the hub records it once; a new severity or reason is a new command.
 */
export function unroutedCommandId(
  incidentId: string,
  cause: { readonly severity: string; readonly service: string; readonly reason: string },
): string {
  return `${HUB_COMMAND_PREFIX}unrouted-${fnv1a64(JSON.stringify([incidentId, cause.severity, cause.service, cause.reason]))}`;
}
