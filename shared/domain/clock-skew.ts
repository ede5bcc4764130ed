/**
 * The time a person acted, as the hub records it: their own clock, but never later than the hub's,
 * so a client clock that runs ahead cannot put entries in the future.
 */
export function clampClientAt(clientAt: string, now: string): string {
  return Date.parse(clientAt) > Date.parse(now) ? now : new Date(Date.parse(clientAt)).toISOString();
}
