/**
 * What the benchmark's SMTP receiver reads from a raw message without parsing it whole (the timed path keeps no
 * parser): one header's value, and the code of a verification mail's subject.
 */

/** The value of header `name` (case-insensitive) in a raw RFC 5322 message, unfolded; null when it has none. */
export function headerValue(raw: string, name: string): string | null {
  const end = raw.search(/\r?\n\r?\n/);
  const head = end === -1 ? raw : raw.slice(0, end);
  // Unfold: a line that starts with a space or tab continues the header before it.
  const lines = head.split(/\r?\n/).reduce<string[]>((acc, line) => {
    if (/^[ \t]/.test(line) && acc.length > 0) acc[acc.length - 1] += ` ${line.trim()}`;
    else acc.push(line);
    return acc;
  }, []);
  const wanted = name.toLowerCase();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === wanted) return line.slice(colon + 1).trim();
  }
  return null;
}

/** The six digits of a verification mail's subject ("Warroom verification code 123456"); throws without them. */
export function verificationCodeIn(subject: string | null): string {
  const code = /verification code (\d{6})\b/.exec(subject ?? '')?.[1];
  if (!code) throw new Error(`not a verification mail: subject "${(subject ?? '').slice(0, 120)}"`);
  return code;
}
