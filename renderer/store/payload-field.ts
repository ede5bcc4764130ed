/**
 * One field of a command's payload, by name, unknown until checked: for code that reads the same field across
 * command types (what was typed in a refused change, the id a pending command names).
 */
export function payloadField(payload: object, key: string): unknown {
  return new Map<string, unknown>(Object.entries(payload)).get(key);
}
