/**
 * A cap on postmortem revisions per incident and minute. A postmortem may hold 100,000 characters and every revision
 * stays in the log, so publishing in a loop filled a log with 256 MB in 30 s. People revise a few times in a
 * minute at most (a typo noticed right after publishing); the cap is far above that and far below a loop.
 *
 * The reducer keeps the hub times (`at`, never the sender's `clientAt`, which a client chooses) of the revisions
 * published in the last minute; decide counts them against the command's hub time. Pure: every node folding the
 * same log decides the same.
 */

/** Revisions of one incident's postmortem accepted per minute, unless the hub's policy says otherwise. */
export const POSTMORTEM_REVISIONS_PER_MINUTE = 6;

export const REVISION_WINDOW_MS = 60_000;

/** At most this many times are kept, whatever the clocks did: a cap above it would not be a cap. */
const MAX_KEPT = 60;

/** The times to keep once a revision is published at `at`: those less than a minute before it, and `at`. */
export function keepRecentRevisionTimes(previous: readonly string[] | undefined, at: string): string[] {
  const from = Date.parse(at) - REVISION_WINDOW_MS;
  return [...(previous ?? []).filter((t) => Date.parse(t) > from), at].slice(-MAX_KEPT);
}

/**
 * When the next revision may be published (ISO), or null when it may be now. Counts the revisions of the minute
 * up to `now`; times after `now` are not counted (a client whose clock is behind the hub's shows its publish as
 * pending; the hub, whose times they are, decides).
 */
export function nextRevisionAllowedAt(
  recent: readonly string[] | undefined,
  now: string,
  perMinute: number,
): string | null {
  const nowMs = Date.parse(now);
  const counted = (recent ?? [])
    .map((t) => Date.parse(t))
    .filter((t) => t > nowMs - REVISION_WINDOW_MS && t <= nowMs)
    .sort((a, b) => a - b);
  if (counted.length < perMinute) return null;
  // Once the oldest of the last `perMinute` is a minute old, one fewer is counted.
  const oldest = counted[counted.length - perMinute] ?? nowMs;
  return new Date(oldest + REVISION_WINDOW_MS).toISOString();
}
