import { safeStorage } from 'electron';
import Store from 'electron-store';
import type { Logger } from './log.js';
import { canPersistSecrets } from './settings-model.js';
import { SettingsService, type SettingsBackend, type TokenVault } from './settings-service.js';

/**
 * The settings service on electron-store (`settings.json` in the user data folder) and Electron's safeStorage.
 * Only the wiring lives here; the schema, migration and token rules are in settings-model.ts and
 * settings-service.ts. Call after `app` is ready (safeStorage needs it on Linux and Windows).
 */
export function createSettings(log: Logger): SettingsService {
  const store = new Store<Record<string, unknown>>({ name: 'settings', clearInvalidConfig: true });
  const backend: SettingsBackend = {
    read: () => store.store,
    write: (settings) => {
      store.store = { ...settings };
    },
  };
  const vault: TokenVault = {
    canPersist: () =>
      canPersistSecrets({
        encryptionAvailable: safeStorage.isEncryptionAvailable(),
        platform: process.platform,
        ...(process.platform === 'linux' ? { linuxBackend: safeStorage.getSelectedStorageBackend() } : {}),
      }),
    encrypt: (token) => safeStorage.encryptString(token).toString('base64'),
    decrypt: (encrypted) => safeStorage.decryptString(Buffer.from(encrypted, 'base64')),
  };
  return new SettingsService(backend, vault, log);
}
