import { z } from 'zod';
import { commandErrorSchema } from '../domain/errors.js';
import { idSchema, isoTimeSchema } from '../domain/primitives.js';
import type { KeyValueStorage } from './storage.js';

/** A command as queued: what the person asked for, with its id and moment fixed at the time they acted. */
export const queuedCommandSchema = z.object({
  commandId: idSchema,
  type: z.string(),
  incidentId: idSchema,
  payload: z.record(z.string(), z.unknown()),
  clientAt: isoTimeSchema,
});
export type QueuedCommand = z.infer<typeof queuedCommandSchema>;

export const rejectedCommandSchema = z.object({
  command: queuedCommandSchema,
  error: commandErrorSchema,
  at: isoTimeSchema,
});
export type RejectedCommand = z.infer<typeof rejectedCommandSchema>;

/**
 * A persisted list: every change is written through before the method returns, so a crash right after
 * `add` still has the command. An unreadable stored list is kept aside under `<key>:unreadable`, never dropped.
 */
export class PersistedList<T extends { readonly commandId: string } | { readonly command: { commandId: string } }> {
  private items: T[];

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly key: string,
    schema: z.ZodType<T>,
  ) {
    this.items = load(storage, key, z.array(schema));
  }

  get all(): readonly T[] {
    return this.items;
  }

  add(item: T): void {
    this.save([...this.items, item]);
  }

  remove(commandIds: ReadonlySet<string>): void {
    if (commandIds.size === 0) return;
    const kept = this.items.filter((item) => !commandIds.has(idOf(item)));
    if (kept.length !== this.items.length) this.save(kept);
  }

  private save(items: T[]): void {
    this.storage.write(this.key, JSON.stringify(items));
    this.items = items;
  }
}

function idOf(item: { readonly commandId: string } | { readonly command: { commandId: string } }): string {
  return 'commandId' in item ? item.commandId : item.command.commandId;
}

function load<T>(storage: KeyValueStorage, key: string, schema: z.ZodType<T[]>): T[] {
  const raw = storage.read(key);
  if (raw === null) return [];
  try {
    return schema.parse(JSON.parse(raw));
  } catch {
    storage.write(`${key}:unreadable`, raw);
    return [];
  }
}
