/**
 * The request's URL, or null when it cannot be parsed (`//host:99999`, `//[`): every handler reads `req.url` through
 * this, so a malformed one is a 400 with a code, never a thrown TypeError and a 500.
 */
export function parseRequestUrl(raw: string | undefined): URL | null {
  try {
    return new URL(raw ?? '/', 'http://hub');
  } catch {
    return null;
  }
}

/** A percent-decoded path segment, or null for a malformed encoding (`%E0%A4%A`). */
export function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
