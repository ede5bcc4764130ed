/**
 * Where a client keeps its outbox and cache: a file per key in the desktop app, localStorage in the
 * browser. Synchronous on purpose: a command is on disk before `send` returns.
 */
export interface KeyValueStorage {
  read(key: string): string | null;
  write(key: string, value: string): void;
  remove(key: string): void;
  /**
   * Adds `text` at the end of the value, durably before returning, without rewriting what is there (a file opened
   * for appending). Optional: a storage without it has lists rewritten whole.
   */
  append?(key: string, text: string): void;
}

/** Keys for one hub and user, so two hubs (or two people on one machine) never mix their data. */
export function storageKeys(hubUrl: string, userHint: string): { outbox: string; rejected: string; cache: string } {
  const scope = `${hubUrl.replace(/\/+$/, '')}|${userHint}`;
  return { outbox: `outbox:${scope}`, rejected: `rejected:${scope}`, cache: `cache:${scope}` };
}

/** Storage in memory only: for tests, and for a host with nowhere to keep things (nothing survives a restart). */
export class MemoryKeyValueStorage implements KeyValueStorage {
  readonly items = new Map<string, string>();

  read(key: string): string | null {
    return this.items.get(key) ?? null;
  }

  write(key: string, value: string): void {
    this.items.set(key, value);
  }

  remove(key: string): void {
    this.items.delete(key);
  }

  append(key: string, text: string): void {
    this.items.set(key, (this.items.get(key) ?? '') + text);
  }
}
