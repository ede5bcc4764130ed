import { describe, expect, it } from 'vitest';
import { ensureVapidKeys, VAPID_SETTING } from './vapid-keys.js';

/** The store's settingIfAbsent as the SQLite and PostgreSQL stores behave: the first value stored wins. */
function memoryStore() {
  const settings = new Map<string, string>();
  return {
    settings,
    settingIfAbsent(key: string, value: string): Promise<string> {
      if (!settings.has(key)) settings.set(key, value);
      return Promise.resolve(settings.get(key) ?? value);
    },
  };
}
const seal = (plain: string): string => `sealed:${Buffer.from(plain).toString('base64')}`;
const open = (sealed: string): string => Buffer.from(sealed.replace(/^sealed:/, ''), 'base64').toString();

describe('ensureVapidKeys', () => {
  it('makes a P-256 key pair once, stores it sealed, and every later call (another node) gets the same', async () => {
    const store = memoryStore();
    const [a, b] = await Promise.all([
      ensureVapidKeys(store, seal, open, 'mailto:ops@example.com'),
      ensureVapidKeys(store, seal, open, 'mailto:ops@example.com'),
    ]);
    expect(a).toEqual(b);
    expect(Buffer.from(a.publicKey, 'base64url')).toHaveLength(65);
    expect(Buffer.from(a.privateKey, 'base64url')).toHaveLength(32);
    expect(a.subject).toBe('mailto:ops@example.com');
    const stored = store.settings.get(VAPID_SETTING) ?? '';
    expect(stored.startsWith('sealed:')).toBe(true);
    expect(stored).not.toContain(a.privateKey);
    expect(await ensureVapidKeys(store, seal, open, 'https://warroom.example.com')).toMatchObject({
      publicKey: a.publicKey,
    });
  });

  it('refuses a subject push services cannot use, and a stored value that is not its JSON', async () => {
    await expect(ensureVapidKeys(memoryStore(), seal, open, 'ops@example.com')).rejects.toThrow(
      /mailto: or https:\/\//,
    );
    const store = memoryStore();
    store.settings.set(VAPID_SETTING, seal('garbage'));
    await expect(ensureVapidKeys(store, seal, open, 'mailto:ops@example.com')).rejects.toThrow(/cannot be read/);
  });
});
