import type { ContactOptions } from './contact.js';
import { loadSmtpSettings } from './smtp-settings.js';

/**
 * What `serve` reads about contact methods: SMTP (WARROOM_SMTP_URL + WARROOM_SMTP_FROM, else `<data>/smtp.json`),
 * the team's ntfy server (WARROOM_NTFY_URL), the address people open the hub at (WARROOM_PUBLIC_URL, for links in
 * messages) and the Web Push contact (WARROOM_VAPID_SUBJECT). A bad value stops the start with its reason.
 */
export function contactOptionsFrom(env: NodeJS.ProcessEnv, dataDir: string): ContactOptions {
  const text = (name: string) => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const publicUrl = text('WARROOM_PUBLIC_URL');
  const ntfyServer = text('WARROOM_NTFY_URL');
  for (const [name, value] of [
    ['WARROOM_PUBLIC_URL', publicUrl],
    ['WARROOM_NTFY_URL', ntfyServer],
  ] as const)
    if (value !== undefined && !/^https?:\/\/[^/\s]+/.test(value))
      throw new Error(
        `${name} must be an http:// or https:// address, like https://warroom.example.com (it is "${value}")`,
      );
  return {
    smtp: loadSmtpSettings(env, dataDir),
    ntfyServer,
    publicUrl,
    vapidSubject: text('WARROOM_VAPID_SUBJECT'),
    renewKeys: text('WARROOM_RENEW_CONTACT_KEYS') === '1',
  };
}
