import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PersistedList, queuedCommandSchema, type QueuedCommand } from '../shared/sync/outbox.js';
import { FileStorage } from './file-storage.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function storage(): { store: FileStorage; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'warroom-file-storage-'));
  dirs.push(dir);
  return { store: new FileStorage(dir), dir };
}

const command = (id: string): QueuedCommand =>
  queuedCommandSchema.parse({
    commandId: id,
    type: 'tried.add',
    incidentId: 'inc',
    payload: { entryId: id, what: `attempt ${id}` },
    clientAt: '2026-11-27T03:10:00.000Z',
  });

describe('FileStorage', () => {
  it('appends to a value in place, and writes whole values by replacing the file', () => {
    const { store, dir } = storage();
    store.append('k', 'a\n');
    store.append('k', 'b\n');
    expect(store.read('k')).toBe('a\nb\n');
    store.write('k', 'whole');
    expect(store.read('k')).toBe('whole');
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    store.remove('k');
    expect(store.read('k')).toBeNull();
  });

  it('keeps the outbox as a journal on disk that a new process reads back', () => {
    const { store, dir } = storage();
    const outbox = new PersistedList(store, 'outbox', queuedCommandSchema);
    outbox.add(command('a'));
    outbox.add(command('b'));
    outbox.remove(new Set(['a']));
    expect(store.read('outbox')?.trim().split('\n')).toHaveLength(3);
    const reopened = new PersistedList(new FileStorage(dir), 'outbox', queuedCommandSchema);
    expect(reopened.all).toEqual([command('b')]);
  });
});
