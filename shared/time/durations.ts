const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A duration the way a war room reads it, rounded down to its two largest units:
 * "45s", "12m", "1h 05m", "2d 3h". Negative, NaN or infinite input gives "0s" (a clock a little
 * ahead must never show "-3s").
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '0s';
  if (ms < MINUTE) return `${Math.floor(ms / SECOND)}s`;
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)}m`;
  if (ms < DAY) {
    const hours = Math.floor(ms / HOUR);
    const minutes = Math.floor((ms % HOUR) / MINUTE);
    return `${hours}h ${String(minutes).padStart(2, '0')}m`;
  }
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  return `${days}d ${hours}h`;
}

/**
 * How long ago `iso` was at `now` (ms since the epoch), e.g. "12m"; null when there is no time
 * (or it cannot be read). A time in the future reads "0s".
 */
export function since(iso: string | null, now: number): string | null {
  if (iso === null) return null;
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return null;
  return formatDuration(now - then);
}
