/**
 * An address safe to put behind a button or a link: http(s) only. A runbook URL comes from an alert's labels, so it
 * could be "javascript:…"; such a link is shown as text, never made clickable.
 */
export function webLink(url: string | null): string | null {
  if (url === null) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** Shortens to at most `max` characters (UTF-16 units, without splitting a surrogate pair), with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  if (/[\ud800-\udbff]/.test(text.charAt(cut - 1))) cut -= 1;
  return `${text.slice(0, cut)}…`;
}
