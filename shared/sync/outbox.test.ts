import { describe, expect, it } from 'vitest';
import { PersistedList, queuedCommandSchema, type QueuedCommand } from './outbox.js';
import { MemoryKeyValueStorage } from './storage.js';

const command = (id: string): QueuedCommand => ({
  commandId: id,
  type: 'tried.add',
  incidentId: 'inc',
  payload: { entryId: id, what: `attempt ${id}`, hypothesis: '', outcome: 'pending' },
  clientAt: '2026-11-27T03:10:00.000Z',
});

/** Memory storage that counts whole writes and appends. */
class CountingStorage extends MemoryKeyValueStorage {
  writes = 0;
  appends = 0;
  override write(key: string, value: string): void {
    this.writes += 1;
    super.write(key, value);
  }
  override append(key: string, text: string): void {
    this.appends += 1;
    super.append(key, text);
  }
}

describe('PersistedList (the outbox)', () => {
  it('writes through on every change, so a new list on the same storage sees it', () => {
    const storage = new MemoryKeyValueStorage();
    const outbox = new PersistedList(storage, 'outbox', queuedCommandSchema);
    outbox.add(command('a'));
    outbox.add(command('b'));
    outbox.remove(new Set(['a']));
    const reopened = new PersistedList(storage, 'outbox', queuedCommandSchema);
    expect(reopened.all).toEqual([command('b')]);
  });

  it('appends one line per change instead of rewriting the list', () => {
    const storage = new CountingStorage();
    const outbox = new PersistedList(storage, 'outbox', queuedCommandSchema);
    for (const id of ['a', 'b', 'c']) outbox.add(command(id));
    outbox.remove(new Set(['b']));
    expect(storage.writes).toBe(0);
    expect(storage.appends).toBe(4);
    expect(storage.read('outbox')?.split('\n').filter(Boolean)).toHaveLength(4);
  });

  it('compacts the journal once it has grown well past the list', () => {
    const storage = new CountingStorage();
    const outbox = new PersistedList(storage, 'outbox', queuedCommandSchema);
    for (let i = 0; i < 100; i++) {
      outbox.add(command(`c${i}`));
      outbox.remove(new Set([`c${i}`]));
    }
    expect(storage.writes).toBeGreaterThan(0);
    const lines = storage.read('outbox')?.split('\n').filter(Boolean) ?? [];
    expect(lines.length).toBeLessThan(100);
    expect(new PersistedList(storage, 'outbox', queuedCommandSchema).all).toEqual([]);
  });

  it('reads a list stored whole by an older version, and rewrites it as a journal at the next change', () => {
    const storage = new CountingStorage();
    storage.items.set('outbox', JSON.stringify([command('a')]));
    const outbox = new PersistedList(storage, 'outbox', queuedCommandSchema);
    expect(outbox.all).toEqual([command('a')]);
    outbox.add(command('b'));
    expect(storage.writes).toBe(1);
    expect(new PersistedList(storage, 'outbox', queuedCommandSchema).all).toEqual([command('a'), command('b')]);
  });

  it('keeps an unreadable stored list aside instead of dropping it', () => {
    const storage = new MemoryKeyValueStorage();
    storage.write('outbox', '{"not": "a list"');
    const outbox = new PersistedList(storage, 'outbox', queuedCommandSchema);
    expect(outbox.all).toEqual([]);
    expect(storage.read('outbox:unreadable')).toBe('{"not": "a list"');
  });

  it('keeps a torn or invalid line aside and the rest of the list', () => {
    const storage = new MemoryKeyValueStorage();
    const outbox = new PersistedList(storage, 'outbox', queuedCommandSchema);
    outbox.add(command('a'));
    storage.append('outbox', `${JSON.stringify({ add: { ...command('x'), type: 'no.such' } })}\n{"add": {"comm`);
    const reopened = new PersistedList(storage, 'outbox', queuedCommandSchema);
    expect(reopened.all).toEqual([command('a')]);
    expect(storage.read('outbox:unreadable')?.split('\n')).toHaveLength(2);
  });

  it('does not write when nothing was removed', () => {
    const storage = new MemoryKeyValueStorage();
    const outbox = new PersistedList(storage, 'outbox', queuedCommandSchema);
    outbox.add(command('a'));
    storage.items.set('outbox', 'sentinel');
    outbox.remove(new Set(['zzz']));
    expect(storage.read('outbox')).toBe('sentinel');
  });
});
