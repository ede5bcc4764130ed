import type { Availability, NotificationPrefs, PublicSettings } from '../shared/ipc/settings.js';
import type { Logger } from './log.js';
import { migrateSettings, type StoredSettings, type WindowBounds } from './settings-model.js';

/** The settings file (electron-store in the app, a plain object in tests). */
export interface SettingsBackend {
  read(): unknown;
  write(settings: StoredSettings): void;
}

/** The OS secret store (Electron's safeStorage in the app). */
export interface TokenVault {
  /** Whether a secret written now would be encrypted by the OS (see canPersistSecrets). */
  canPersist(): boolean;
  /** Base64 of the encrypted bytes. */
  encrypt(token: string): string;
  /** Throws when the bytes cannot be decrypted (another user, a reset keyring). */
  decrypt(encrypted: string): string;
}

/**
 * Where this session's token lives: encrypted on disk; in memory only (no OS encryption: asked again after
 * a restart); read from the local hub's token file (which is its own source of truth); or nowhere.
 */
export type TokenKeeping = 'encrypted' | 'session-only' | 'local-hub-file' | 'none';

/**
 * The app's settings with the rules about the token: it is written only encrypted by the OS, never in clear
 * text; without OS encryption it is kept in memory for the session, and the log says so.
 */
export class SettingsService {
  private current: StoredSettings;
  private token: string | null = null;
  private keeping: TokenKeeping = 'none';

  constructor(
    private readonly backend: SettingsBackend,
    private readonly vault: TokenVault,
    private readonly log: Logger,
  ) {
    const { settings, changed } = migrateSettings(backend.read());
    this.current = settings;
    if (changed) backend.write(settings);
    if (settings.encryptedToken) this.token = this.decryptStored(settings.encryptedToken);
  }

  get settings(): StoredSettings {
    return this.current;
  }

  /** The token for this session, if any; it never leaves main. */
  get sessionToken(): string | null {
    return this.token;
  }

  get tokenKeeping(): TokenKeeping {
    return this.keeping;
  }

  /** A hub and token the person connected with: the token is persisted only if the OS encrypts it. */
  setCredentials(hubUrl: string, token: string): TokenKeeping {
    this.token = token;
    if (this.vault.canPersist()) {
      try {
        this.save({ hubUrl, encryptedToken: this.vault.encrypt(token) });
        this.keeping = 'encrypted';
        return this.keeping;
      } catch (error) {
        this.log.warn('Encrypting the token failed', { error: String(error) });
      }
    }
    this.save({ hubUrl, encryptedToken: null });
    this.keeping = 'session-only';
    this.log.warn(
      'The OS offers no encryption for secrets (safeStorage), so the hub token is kept in memory for this session only; you will be asked for it again after a restart.',
    );
    return this.keeping;
  }

  /** Connected to the local hub with the token from its file: only the address is saved. */
  useLocalHubToken(hubUrl: string, token: string): void {
    this.token = token;
    this.keeping = 'local-hub-file';
    this.save({ hubUrl, encryptedToken: null });
  }

  /** Forgets the token; the address stays to fill in the form. The local hub is not picked up by itself again. */
  signOut(): void {
    this.token = null;
    this.keeping = 'none';
    this.save({ encryptedToken: null, useLocalHub: false });
  }

  setNotifications(notifications: NotificationPrefs): void {
    this.save({ notifications });
  }

  setAvailability(availability: Availability): void {
    this.save({ availability });
  }

  setWindowBounds(windowBounds: WindowBounds): void {
    this.save({ windowBounds });
  }

  publicSettings(signedIn: boolean): PublicSettings {
    const { hubUrl, notifications, availability } = this.current;
    return { hubUrl, signedIn, notifications, availability };
  }

  private save(changes: Partial<StoredSettings>): void {
    this.current = { ...this.current, ...changes };
    this.backend.write(this.current);
  }

  private decryptStored(encrypted: string): string | null {
    try {
      const token = this.vault.decrypt(encrypted);
      this.keeping = 'encrypted';
      return token;
    } catch (error) {
      this.log.warn('The saved hub token cannot be decrypted (the OS keyring changed?); sign in again.', {
        error: String(error),
      });
      this.save({ encryptedToken: null });
      return null;
    }
  }
}
