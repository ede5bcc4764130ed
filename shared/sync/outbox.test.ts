import { describe, expect, it } from 'vitest';
import { PersistedList, queuedCommandSchema, type QueuedCommand } from './outbox.js';
import { MemoryKeyValueStorage } from './storage.js';

const command = (id: string): QueuedCommand => ({
  commandId: id,
  type: 'tried.add',
  incidentId: 'inc',
  payload: { entryId: id, what: `attempt ${id}` },
  clientAt: '2026-11-27T03:10:00.000Z',
});

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

  it('keeps an unreadable stored list aside instead of dropping it', () => {
    const storage = new MemoryKeyValueStorage();
    storage.write('outbox', '{"not": "a list"');
    const outbox = new PersistedList(storage, 'outbox', queuedCommandSchema);
    expect(outbox.all).toEqual([]);
    expect(storage.read('outbox:unreadable')).toBe('{"not": "a list"');
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
