import { z } from 'zod';
import { commandSchema, type Command } from '../domain/commands.js';
import { commandErrorSchema } from '../domain/errors.js';
import { isoTimeSchema } from '../domain/primitives.js';
import type { KeyValueStorage } from './storage.js';

/**
 * A command as queued: what the person asked for, with its id and moment fixed at the time they acted, parsed once
 * with the hub's own command schema (defaults filled in) when it is queued or read back from storage.
 */
export const queuedCommandSchema = commandSchema;
export type QueuedCommand = Command;

export const rejectedCommandSchema = z.object({
  command: queuedCommandSchema,
  error: commandErrorSchema,
  at: isoTimeSchema,
});
export type RejectedCommand = z.infer<typeof rejectedCommandSchema>;

type Keyed = { readonly commandId: string } | { readonly command: { readonly commandId: string } };

/** One line of a list's journal: an item added, or items removed by id. */
const journalLineSchema = z.union([
  z.strictObject({ remove: z.array(z.string()) }),
  z.strictObject({ add: z.unknown() }),
]);

/** Past this many lines more than the list holds, the journal is rewritten as the list alone. */
const COMPACT_SLACK = 64;

/**
 * A persisted list kept as an append-only journal: `add` and `remove` append one short line (where the storage can
 * append: a file on the desktop) instead of rewriting the whole list, and the line is on disk before the method
 * returns, so a crash right after `add` still has the command. The journal is rewritten whole (atomically) only when
 * it has grown well past the list. Items are parsed once, when read back. An unreadable line or item is kept aside
 * under `<key>:unreadable`, never dropped; a list stored whole (a JSON array, as older versions wrote) still loads.
 */
export class PersistedList<T extends Keyed> {
  private items: T[];
  /** Lines in the stored journal, to know when to compact it. */
  private lines: number;

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly key: string,
    private readonly schema: z.ZodType<T, unknown>,
  ) {
    const loaded = load(storage, key, schema);
    this.items = loaded.items;
    this.lines = loaded.lines;
  }

  get all(): readonly T[] {
    return this.items;
  }

  add(item: T): void {
    this.append({ add: item }, [...this.items, item]);
  }

  remove(commandIds: ReadonlySet<string>): void {
    if (commandIds.size === 0) return;
    const kept = this.items.filter((item) => !commandIds.has(idOf(item)));
    if (kept.length === this.items.length) return;
    const removed = this.items.filter((item) => commandIds.has(idOf(item))).map(idOf);
    this.append({ remove: removed }, kept);
  }

  private append(line: z.infer<typeof journalLineSchema>, items: T[]): void {
    if (!this.storage.append || this.lines + 1 > items.length + COMPACT_SLACK) return this.rewrite(items);
    this.storage.append(this.key, `${JSON.stringify(line)}\n`);
    this.items = items;
    this.lines += 1;
  }

  private rewrite(items: T[]): void {
    this.storage.write(this.key, items.map((item) => `${JSON.stringify({ add: item })}\n`).join(''));
    this.items = items;
    this.lines = items.length;
  }
}

function idOf(item: Keyed): string {
  return 'commandId' in item ? item.commandId : item.command.commandId;
}

function load<T extends Keyed>(
  storage: KeyValueStorage,
  key: string,
  schema: z.ZodType<T, unknown>,
): { items: T[]; lines: number } {
  const raw = storage.read(key);
  if (raw === null) return { items: [], lines: 0 };
  const unreadable: string[] = [];
  const items: T[] = [];
  const take = (value: unknown, text: string): void => {
    const parsed = schema.safeParse(value);
    if (parsed.success) items.push(parsed.data);
    else unreadable.push(text);
  };
  const whole = raw.trimStart().startsWith('[') ? parseJson(raw) : undefined;
  let lines = 0;
  if (Array.isArray(whole)) {
    for (const value of whole) take(value, JSON.stringify(value));
    lines = Number.POSITIVE_INFINITY; // the old format: rewritten as a journal at the next change
  } else {
    const texts = raw.split('\n').filter((text) => text.trim() !== '');
    lines = texts.length;
    for (const text of texts) {
      const line = journalLineSchema.safeParse(parseJson(text));
      if (!line.success) unreadable.push(text);
      else if ('add' in line.data) take(line.data.add, text);
      else {
        const gone = new Set(line.data.remove);
        const kept = items.filter((item) => !gone.has(idOf(item)));
        items.splice(0, items.length, ...kept);
      }
    }
  }
  if (unreadable.length > 0) {
    const aside = storage.read(`${key}:unreadable`);
    storage.write(`${key}:unreadable`, [aside, ...unreadable].filter((t) => t !== null).join('\n'));
  }
  return { items, lines };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
