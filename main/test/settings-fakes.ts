import type { Logger } from '../log.js';
import type { StoredSettings } from '../settings-model.js';
import { SettingsService, type SettingsBackend, type TokenVault } from '../settings-service.js';

/** The settings file in memory: `file` is what would be on disk. */
export class MemoryBackend implements SettingsBackend {
  writes: StoredSettings[] = [];
  constructor(public data: unknown = {}) {}
  read(): unknown {
    return this.data;
  }
  write(settings: StoredSettings): void {
    this.data = JSON.parse(JSON.stringify(settings));
    this.writes.push(settings);
  }
  get file(): string {
    return JSON.stringify(this.data);
  }
}

/** Reversible and plainly not clear text: enough to prove that what reaches the file went through the vault. */
export const fakeVault = (available = true): TokenVault => ({
  canPersist: () => available,
  encrypt: (token) => Buffer.from(`enc:${[...token].reverse().join('')}`).toString('base64'),
  decrypt: (encrypted) => {
    const text = Buffer.from(encrypted, 'base64').toString();
    if (!text.startsWith('enc:')) throw new Error('bad bytes');
    return [...text.slice(4)].reverse().join('');
  },
});

export function recordingLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (message: string) => lines.push(message);
  return { lines, info: push, warn: push, error: push };
}

export function settingsService(backend = new MemoryBackend(), vaultAvailable = true): SettingsService {
  return new SettingsService(backend, fakeVault(vaultAvailable), recordingLog());
}
