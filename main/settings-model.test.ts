import { describe, expect, it } from 'vitest';
import { DEFAULT_NOTIFICATION_PREFS } from '../shared/ipc/settings.js';
import { DEFAULT_SETTINGS, canPersistSecrets, migrateSettings, type StoredSettings } from './settings-model.js';

const full: StoredSettings = {
  version: 1,
  hubUrl: 'https://hub.example.com',
  encryptedToken: 'djEwAAAAc2VjcmV0Ynl0ZXM=',
  notifications: { newIncident: false, escalation: true, roleAssigned: true, minSeverity: 'SEV-2' },
  availability: 'unavailable',
  windowBounds: { x: 10, y: 20, width: 1200, height: 800, maximized: false },
  useLocalHub: false,
};

describe('migrateSettings', () => {
  it('starts from the defaults for an empty or missing file', () => {
    expect(migrateSettings({})).toEqual({ settings: DEFAULT_SETTINGS, changed: true });
    expect(migrateSettings(undefined)).toEqual({ settings: DEFAULT_SETTINGS, changed: true });
    expect(migrateSettings([1, 2])).toEqual({ settings: DEFAULT_SETTINGS, changed: true });
    expect(DEFAULT_SETTINGS.notifications).toEqual(DEFAULT_NOTIFICATION_PREFS);
    expect(DEFAULT_SETTINGS.availability).toBe('available');
  });

  it('keeps current settings as they are, and says nothing changed', () => {
    expect(migrateSettings(JSON.parse(JSON.stringify(full)))).toEqual({ settings: full, changed: false });
  });

  it('drops a token stored in clear text', () => {
    const { settings, changed } = migrateSettings({ hubUrl: 'http://127.0.0.1:4380', token: 'wr_plain_text' });
    expect(changed).toBe(true);
    expect(JSON.stringify(settings)).not.toContain('wr_plain_text');
    expect(settings.encryptedToken).toBeNull();
    expect(settings.hubUrl).toBe('http://127.0.0.1:4380');
  });

  it('replaces only the damaged fields', () => {
    const { settings } = migrateSettings({
      ...full,
      availability: 'on holiday',
      windowBounds: { x: 'left', y: 0, width: 100, height: 100, maximized: false },
      hubUrl: 'javascript:alert(1)',
      encryptedToken: 'not base64!',
    });
    expect(settings).toEqual({
      ...full,
      availability: 'available',
      windowBounds: null,
      hubUrl: null,
      encryptedToken: null,
    });
  });

  it('keeps the valid notification preferences of a partly damaged set', () => {
    const { settings } = migrateSettings({ notifications: { newIncident: false, minSeverity: 'SEV-9' } });
    expect(settings.notifications).toEqual({ ...DEFAULT_NOTIFICATION_PREFS, newIncident: false });
  });

  it('rewrites a file from another version in the current shape', () => {
    const { settings, changed } = migrateSettings({ ...full, version: 0, legacyField: true });
    expect(changed).toBe(true);
    expect(settings).toEqual(full);
  });
});

describe('canPersistSecrets', () => {
  it('persists when the OS encrypts (macOS Keychain, Windows DPAPI)', () => {
    expect(canPersistSecrets({ encryptionAvailable: true, platform: 'darwin' })).toBe(true);
    expect(canPersistSecrets({ encryptionAvailable: true, platform: 'win32' })).toBe(true);
  });

  it('persists on Linux only with a real keyring', () => {
    expect(canPersistSecrets({ encryptionAvailable: true, platform: 'linux', linuxBackend: 'gnome_libsecret' })).toBe(
      true,
    );
    expect(canPersistSecrets({ encryptionAvailable: true, platform: 'linux', linuxBackend: 'kwallet6' })).toBe(true);
    expect(canPersistSecrets({ encryptionAvailable: true, platform: 'linux', linuxBackend: 'basic_text' })).toBe(false);
    expect(canPersistSecrets({ encryptionAvailable: true, platform: 'linux', linuxBackend: 'unknown' })).toBe(false);
  });

  it('never persists without encryption', () => {
    expect(canPersistSecrets({ encryptionAvailable: false, platform: 'darwin' })).toBe(false);
    expect(canPersistSecrets({ encryptionAvailable: false, platform: 'linux', linuxBackend: 'kwallet' })).toBe(false);
  });
});
