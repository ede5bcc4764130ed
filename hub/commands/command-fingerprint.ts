import { hash } from 'node:crypto';
import type { Command } from '../../shared/domain/commands.js';

/**
 * What a command asks for, as a short digest: its type, incident and payload (not its id, clientAt or sender).
 * Stored with the command's result, so a re-sent command id is answered with the first result only when it asks
 * for the same thing; a different command under a used id is refused. Keys are sorted, so two clients that
 * serialise the same payload in another order get the same digest. One-shot hash: this runs for every command.
 */
export function commandFingerprint(command: Command): string {
  const canonical = canonicalJson([command.type, command.incidentId, command.payload]);
  return hash('sha256', canonical, 'base64url').slice(0, 22);
}

function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  let out = '';
  for (const key of Object.keys(record).sort()) {
    const item = record[key];
    if (item === undefined) continue;
    out += `${out ? ',' : ''}${JSON.stringify(key)}:${canonicalJson(item)}`;
  }
  return `{${out}}`;
}
