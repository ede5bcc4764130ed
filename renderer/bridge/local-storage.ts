import type { KeyValueStorage } from '../../shared/sync/storage.js';

/** The part of the Web Storage API used here, so tests can pass a Map-backed fake. */
export type WebStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * The sync engine's storage in the browser: localStorage, every key under one prefix. Synchronous like the
 * engine needs: a command is stored before `send` returns. A full quota throws, so the caller learns that the
 * command was not queued instead of losing it silently.
 */
export class LocalKeyValueStorage implements KeyValueStorage {
  constructor(
    private readonly storage: WebStorage,
    private readonly prefix = 'warroom:',
  ) {}

  read(key: string): string | null {
    return this.storage.getItem(this.prefix + key);
  }

  write(key: string, value: string): void {
    this.storage.setItem(this.prefix + key, value);
  }

  remove(key: string): void {
    this.storage.removeItem(this.prefix + key);
  }
}
