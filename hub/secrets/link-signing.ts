import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Links the hub signs (acknowledge links, subscribers' confirm and unsubscribe links): a random key per hub, kept
 * sealed as a store setting (all nodes agree on the first one stored), an HMAC-SHA256 in base64url, and a
 * constant-time comparison, so a forged link is refused before anything is looked up.
 */
export async function storedSigningKey(
  settings: { settingIfAbsent(key: string, value: string): Promise<string> },
  setting: string,
  seal: (plain: string) => string,
  open: (sealed: string) => string,
): Promise<Buffer> {
  const stored = await settings.settingIfAbsent(setting, seal(randomBytes(32).toString('base64')));
  return Buffer.from(open(stored), 'base64');
}

export function signText(key: Buffer, text: string): string {
  return createHmac('sha256', key).update(text).digest('base64url');
}

/** Equal texts, compared in constant time. */
export function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
