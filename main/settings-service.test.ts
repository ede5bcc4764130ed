import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from './settings-model.js';
import { SettingsService } from './settings-service.js';
import { MemoryBackend, fakeVault, recordingLog } from './test/settings-fakes.js';

describe('SettingsService', () => {
  it('stores the token only encrypted, and reads it back after a restart', () => {
    const backend = new MemoryBackend();
    const first = new SettingsService(backend, fakeVault(true), recordingLog());
    expect(first.setCredentials('https://hub.example.com', 'wr_secret')).toBe('encrypted');
    expect(backend.file).not.toContain('wr_secret');
    expect(first.settings.encryptedToken).toMatch(/^[A-Za-z0-9+/]+=*$/);

    const second = new SettingsService(backend, fakeVault(true), recordingLog());
    expect(second.sessionToken).toBe('wr_secret');
    expect(second.tokenKeeping).toBe('encrypted');
    expect(second.settings.hubUrl).toBe('https://hub.example.com');
  });

  it('keeps the token in memory only, and says so, when the OS cannot encrypt', () => {
    const backend = new MemoryBackend();
    const log = recordingLog();
    const service = new SettingsService(backend, fakeVault(false), log);
    expect(service.setCredentials('https://hub.example.com', 'wr_secret')).toBe('session-only');
    expect(service.sessionToken).toBe('wr_secret');
    expect(backend.file).not.toContain('wr_secret');
    expect(service.settings).toMatchObject({ hubUrl: 'https://hub.example.com', encryptedToken: null });
    expect(log.lines.join('\n')).toMatch(/kept in memory for this session only/);

    const afterRestart = new SettingsService(backend, fakeVault(false), recordingLog());
    expect(afterRestart.sessionToken).toBeNull();
    expect(afterRestart.settings.hubUrl).toBe('https://hub.example.com');
  });

  it('falls back to memory when encryption fails at the last moment', () => {
    const backend = new MemoryBackend();
    const vault = {
      ...fakeVault(true),
      encrypt: () => {
        throw new Error('keyring locked');
      },
    };
    const service = new SettingsService(backend, vault, recordingLog());
    expect(service.setCredentials('https://hub.example.com', 'wr_secret')).toBe('session-only');
    expect(backend.file).not.toContain('wr_secret');
  });

  it('forgets a token it can no longer decrypt', () => {
    const backend = new MemoryBackend({
      ...DEFAULT_SETTINGS,
      hubUrl: 'https://hub.example.com',
      encryptedToken: 'AAAA',
    });
    const log = recordingLog();
    const service = new SettingsService(backend, fakeVault(true), log);
    expect(service.sessionToken).toBeNull();
    expect(service.settings.encryptedToken).toBeNull();
    expect(log.lines.join('\n')).toMatch(/cannot be decrypted/);
  });

  it('does not save the local hub token, whose file stays the source of truth', () => {
    const backend = new MemoryBackend();
    const service = new SettingsService(backend, fakeVault(true), recordingLog());
    service.useLocalHubToken('http://127.0.0.1:4380', 'wr_local');
    expect(service.sessionToken).toBe('wr_local');
    expect(service.tokenKeeping).toBe('local-hub-file');
    expect(backend.file).not.toContain('wr_local');
    expect(service.settings).toMatchObject({
      hubUrl: 'http://127.0.0.1:4380',
      encryptedToken: null,
      useLocalHub: true,
    });
  });

  it('signs out: token gone, address kept, local hub no longer picked up', () => {
    const backend = new MemoryBackend();
    const service = new SettingsService(backend, fakeVault(true), recordingLog());
    service.setCredentials('https://hub.example.com', 'wr_secret');
    service.signOut();
    expect(service.sessionToken).toBeNull();
    expect(service.tokenKeeping).toBe('none');
    expect(service.settings).toMatchObject({
      hubUrl: 'https://hub.example.com',
      encryptedToken: null,
      useLocalHub: false,
    });
    expect(service.publicSettings(false)).toEqual({
      hubUrl: 'https://hub.example.com',
      signedIn: false,
      notifications: DEFAULT_SETTINGS.notifications,
      availability: 'available',
    });
  });

  it('saves preferences, availability and window bounds at once', () => {
    const backend = new MemoryBackend();
    const service = new SettingsService(backend, fakeVault(true), recordingLog());
    const prefs = { newIncident: false, escalation: true, roleAssigned: false, minSeverity: 'SEV-1' } as const;
    service.setNotifications(prefs);
    service.setAvailability('unavailable');
    service.setWindowBounds({ x: 1, y: 2, width: 900, height: 700, maximized: true });
    const reread = new SettingsService(backend, fakeVault(true), recordingLog());
    expect(reread.settings).toMatchObject({
      notifications: prefs,
      availability: 'unavailable',
      windowBounds: { x: 1, y: 2, width: 900, height: 700, maximized: true },
    });
  });

  it('rewrites a damaged file once, in the current shape', () => {
    const backend = new MemoryBackend({ token: 'wr_clear', availability: 'maybe' });
    new SettingsService(backend, fakeVault(true), recordingLog());
    expect(backend.writes).toHaveLength(1);
    expect(backend.data).toEqual(DEFAULT_SETTINGS);
    new SettingsService(backend, fakeVault(true), recordingLog());
    expect(backend.writes).toHaveLength(1);
  });
});
