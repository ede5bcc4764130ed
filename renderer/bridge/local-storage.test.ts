import { describe, expect, it } from 'vitest';
import { LocalKeyValueStorage, type WebStorage } from './local-storage.js';

function memoryStorage(): WebStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

describe('LocalKeyValueStorage', () => {
  it('reads, writes and removes under its prefix only', () => {
    const backing = memoryStorage();
    backing.setItem('outbox:other-app', 'theirs');
    const storage = new LocalKeyValueStorage(backing);
    expect(storage.read('outbox:x')).toBeNull();
    storage.write('outbox:x', '[1]');
    expect(storage.read('outbox:x')).toBe('[1]');
    expect([...backing.items.keys()].sort()).toEqual(['outbox:other-app', 'warroom:outbox:x']);
    storage.remove('outbox:x');
    expect(storage.read('outbox:x')).toBeNull();
    expect(backing.items.get('outbox:other-app')).toBe('theirs');
  });

  it('lets a full quota throw, so a command is never dropped silently', () => {
    const storage = new LocalKeyValueStorage({
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    });
    expect(() => storage.write('k', 'v')).toThrow('QuotaExceededError');
  });
});
