import webPush from 'web-push';
import { z } from 'zod';
import type { VapidKeys } from './senders/web-push.js';

/** The hub's VAPID key pair, stored sealed under this setting; nodes agree on the first one stored. */
export const VAPID_SETTING = 'vapid';

const storedKeysSchema = z.object({ publicKey: z.string().min(1), privateKey: z.string().min(1) });

/**
 * The key pair browsers subscribe with (the public key goes to PushManager.subscribe as applicationServerKey). Made
 * on first use; changing it would orphan every subscription, so it is kept for good. `subject`: mailto: or https:.
 */
export async function ensureVapidKeys(
  store: { settingIfAbsent(key: string, value: string): Promise<string> },
  seal: (plain: string) => string,
  open: (sealed: string) => string,
  subject: string,
): Promise<VapidKeys> {
  if (!/^(mailto:|https:\/\/)/.test(subject)) {
    throw new Error(
      `the VAPID subject must be a mailto: or https:// address (push services contact it), not "${subject}"`,
    );
  }
  const fresh = webPush.generateVAPIDKeys();
  const stored = await store.settingIfAbsent(
    VAPID_SETTING,
    seal(JSON.stringify({ publicKey: fresh.publicKey, privateKey: fresh.privateKey })),
  );
  const plain = open(stored); // its own error (another secrets key) says more than ours would
  let parsed: z.infer<typeof storedKeysSchema>;
  try {
    parsed = storedKeysSchema.parse(JSON.parse(plain));
  } catch {
    throw new Error(
      `the stored VAPID keys (setting "${VAPID_SETTING}") cannot be read: they are not the JSON the hub writes`,
    );
  }
  return { ...parsed, subject };
}
