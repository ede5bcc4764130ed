/**
 * A random id for commands, incidents and entries: 32 hex characters (128 bits). It uses
 * crypto.getRandomValues, which browsers offer on plain http too (crypto.randomUUID needs a secure context,
 * and a hub on the office network is often reached over http).
 */
export function newId(
  fill: (bytes: Uint8Array<ArrayBuffer>) => void = (bytes) => crypto.getRandomValues(bytes),
): string {
  const bytes = new Uint8Array(16);
  fill(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
