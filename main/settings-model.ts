import { z } from 'zod';
import {
  DEFAULT_NOTIFICATION_PREFS,
  availabilitySchema,
  notificationPrefsSchema,
  type Availability,
  type NotificationPrefs,
} from '../shared/ipc/settings.js';

/**
 * The desktop app's settings file (electron-store, `settings.json` in the user data folder): its schema,
 * defaults and migration. Pure, so it is tested without Electron; `settings.ts` is the thin adapter.
 */
export const SETTINGS_VERSION = 1;

export const windowBoundsSchema = z.object({
  x: z.number().finite(),
  y: z.number().finite(),
  width: z.number().finite().positive(),
  height: z.number().finite().positive(),
  maximized: z.boolean(),
});
export type WindowBounds = z.infer<typeof windowBoundsSchema>;

/** Base64 of the bytes `safeStorage.encryptString` returns: never the token itself. */
export const encryptedTokenSchema = z
  .string()
  .min(4)
  .max(4096)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/);

export interface StoredSettings {
  readonly version: typeof SETTINGS_VERSION;
  /** The hub this app connects to; kept after sign-out to fill in the connect form. */
  readonly hubUrl: string | null;
  /** The token, encrypted by the OS (safeStorage). Null when signed out, or when it may not be persisted. */
  readonly encryptedToken: string | null;
  readonly notifications: NotificationPrefs;
  readonly availability: Availability;
  readonly windowBounds: WindowBounds | null;
  /**
   * Whether to pick up the local hub's admin token (from its token file) when no token is stored. True until
   * the person signs out: someone who signed out is not signed in again behind their back.
   */
  readonly useLocalHub: boolean;
}

export const DEFAULT_SETTINGS: StoredSettings = {
  version: SETTINGS_VERSION,
  hubUrl: null,
  encryptedToken: null,
  notifications: DEFAULT_NOTIFICATION_PREFS,
  availability: 'available',
  windowBounds: null,
  useLocalHub: true,
};

const hubUrlFieldSchema = z
  .string()
  .regex(/^https?:\/\//)
  .max(2048);

/**
 * Reads whatever is in the settings file into the current shape. Each field is read on its own, so one
 * damaged value (hand-edited file, older or newer app) falls back to its default without losing the rest.
 * A token stored in clear text (any key named `token`) is never carried over. `changed` says whether the
 * file should be rewritten.
 */
export function migrateSettings(raw: unknown): { settings: StoredSettings; changed: boolean } {
  const input: Record<string, unknown> = isRecord(raw) ? raw : {};
  const field = <T>(key: keyof StoredSettings, schema: z.ZodType<T>, fallback: T): T => {
    const parsed = schema.safeParse(input[key]);
    return parsed.success ? parsed.data : fallback;
  };
  const notifications = isRecord(input.notifications)
    ? notificationPrefsSchema.parse({
        ...DEFAULT_NOTIFICATION_PREFS,
        ...pickValid(input.notifications, notificationPrefsSchema.shape),
      })
    : DEFAULT_NOTIFICATION_PREFS;
  const settings: StoredSettings = {
    version: SETTINGS_VERSION,
    hubUrl: field('hubUrl', hubUrlFieldSchema.nullable(), DEFAULT_SETTINGS.hubUrl),
    encryptedToken: field('encryptedToken', encryptedTokenSchema.nullable(), DEFAULT_SETTINGS.encryptedToken),
    notifications,
    availability: field('availability', availabilitySchema, DEFAULT_SETTINGS.availability),
    windowBounds: field('windowBounds', windowBoundsSchema.nullable(), DEFAULT_SETTINGS.windowBounds),
    useLocalHub: field('useLocalHub', z.boolean(), DEFAULT_SETTINGS.useLocalHub),
  };
  return { settings, changed: !sameJson(settings, raw) };
}

/**
 * Whether a secret may be written to disk: only when the OS encrypts it. On Linux without a keyring
 * Electron falls back to `basic_text`, a key hard-coded in Chromium, which is clear text in all but name.
 */
export function canPersistSecrets(os: {
  readonly encryptionAvailable: boolean;
  readonly platform: string;
  readonly linuxBackend?: string;
}): boolean {
  if (!os.encryptionAvailable) return false;
  if (os.platform !== 'linux') return true;
  return os.linuxBackend !== undefined && os.linuxBackend !== 'basic_text' && os.linuxBackend !== 'unknown';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The keys of `input` whose values pass their field's schema. */
function pickValid(input: Record<string, unknown>, shape: Record<string, z.ZodType>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(shape).flatMap(([key, schema]) =>
      Object.hasOwn(input, key) && schema.safeParse(input[key]).success ? [[key, input[key]]] : [],
    ),
  );
}

function sameJson(settings: StoredSettings, raw: unknown): boolean {
  if (!isRecord(raw)) return false;
  const keys = Object.keys(settings);
  if (Object.keys(raw).length !== keys.length) return false;
  return keys.every((key) => JSON.stringify(raw[key]) === JSON.stringify(settings[key as keyof StoredSettings]));
}
