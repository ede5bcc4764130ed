/**
 * What must never reach a log line, however it got into the data logged (a URL with ?token=, an error message that
 * quotes a header, a database URL): tokens, secrets, signatures, passwords, query strings. Applied to each finished
 * JSON line, so no caller can forget it. `[redacted]` keeps the line readable and shows that something was there.
 */
const REDACTED = '[redacted]';

/** Keys whose value is a secret wherever they appear ("tokenId" is not: an id names a token, it does not open it). */
const SECRET_KEYS =
  /"(token|authorization|secret|signature|password|signingSecret|clientSecret|cookie|x-api-key|sentry-hook-signature)":"(?:[^"\\]|\\.)*"/gi;

const RULES: readonly (readonly [RegExp, string])[] = [
  [SECRET_KEYS, `"$1":"${REDACTED}"`],
  // Warroom tokens: wr_ and 43 base64url characters (hub/auth/tokens.ts).
  [/wr_[A-Za-z0-9_-]{16,}/g, `wr_${REDACTED}`],
  [/\b(Bearer|Basic)\s+[^\s"\\]+/gi, `$1 ${REDACTED}`],
  // user:password@ in any URL (postgres://, https://).
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/"\\]*):[^\s@/"\\]*@/gi, `$1:${REDACTED}@`],
  // Query strings of paths and URLs: webhook senders put tokens there.
  [/((?:\b[a-z][a-z0-9+.-]*:\/\/|\/)[^\s?"\\]*)\?[^\s"\\#]+/gi, `$1?${REDACTED}`],
];

export function redactLogLine(line: string): string {
  let out = line;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}
