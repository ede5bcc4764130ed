// The fake electron's record: one JSON line per event, appended synchronously to the file named by
// WARROOM_BOOT_RECORD, so a line written just before the process exits (or crashes) is still there. Without that
// variable (a unit test importing the fake) lines are kept in memory only.
import { appendFileSync } from 'node:fs';
import type { BootRecord } from '../record-format.js';

const file = process.env.WARROOM_BOOT_RECORD;
export const recorded: BootRecord[] = [];

export function record(line: BootRecord): void {
  const safe = { ...line, ...('args' in line ? { args: line.args.map((arg) => plain(arg, 0, new Set())) } : {}) };
  recorded.push(safe as BootRecord);
  if (file) appendFileSync(file, `${JSON.stringify(safe)}\n`);
}

/** A JSON-safe copy: functions, buffers and the fake's own objects become labels; cycles and depth are cut. */
export function plain(value: unknown, depth: number, seen: Set<object>): unknown {
  if (typeof value === 'function') return '[function]';
  if (typeof value === 'bigint' || typeof value === 'symbol') return String(value);
  if (value === null || typeof value !== 'object') return value;
  if (Buffer.isBuffer(value)) return '[buffer]';
  const label = (value as { fakeLabel?: unknown }).fakeLabel;
  if (typeof label === 'string') return `[${label}]`;
  if (seen.has(value) || depth > 6) return '[…]';
  seen.add(value);
  const copy = Array.isArray(value)
    ? value.map((item) => plain(item, depth + 1, seen))
    : Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plain(item, depth + 1, seen)]));
  seen.delete(value);
  return copy;
}
