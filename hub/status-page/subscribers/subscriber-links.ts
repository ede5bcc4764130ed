import { sameText, signText as sign } from '../../secrets/link-signing.js';

/**
 * The signed links in subscriber e-mails (docs/status-page.md, "Subscribers"). Each is HMAC-SHA256 with the hub's
 * link key over "<purpose>.<subscriber id>[.<more>]", base64url, so a forged or altered link is refused in constant
 * time before any lookup, and a link for one purpose cannot be used for the other.
 * - unsubscribe: `<id>.<signature>`, no expiry: an old e-mail's link must keep working.
 * - confirm: `<id>.<expires (unix s)>.<services>.<signature>`, for seven days; `services` is what the person chose
 *   on the form (public service ids joined by "~", or "*" for every service), applied when they confirm, so that
 *   someone else typing a confirmed address into the form cannot change what its owner receives.
 */

export const CONFIRM_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const ALL_SERVICES = '*';
const ID = '[A-Za-z0-9_-]{1,64}';
const SIGNATURE = '[A-Za-z0-9_-]{43}';
const UNSUBSCRIBE_TOKEN = new RegExp(`^(${ID})\\.(${SIGNATURE})$`);
const CONFIRM_TOKEN = new RegExp(`^(${ID})\\.(\\d{1,12})\\.(\\*|[a-z0-9-]+(?:~[a-z0-9-]+)*)\\.(${SIGNATURE})$`);

export function unsubscribeToken(key: Buffer, subscriberId: string): string {
  return `${subscriberId}.${sign(key, `unsubscribe.${subscriberId}`)}`;
}

/** The subscriber the token is for, or null when it is not one this hub signed. */
export function checkUnsubscribeToken(key: Buffer, token: string): string | null {
  const match = UNSUBSCRIBE_TOKEN.exec(token);
  if (!match) return null;
  const [, id = '', signature = ''] = match;
  return sameText(signature, sign(key, `unsubscribe.${id}`)) ? id : null;
}

/** `services`: public service ids; empty: every service. */
export function confirmToken(key: Buffer, subscriberId: string, services: readonly string[], nowMs: number): string {
  const expires = Math.floor((nowMs + CONFIRM_TTL_MS) / 1000);
  const list = services.length > 0 ? services.join('~') : ALL_SERVICES;
  return `${subscriberId}.${expires}.${list}.${sign(key, `confirm.${subscriberId}.${expires}.${list}`)}`;
}

export type ConfirmCheck =
  | { readonly ok: true; readonly subscriberId: string; readonly services: readonly string[] }
  | { readonly ok: false; readonly why: 'forged' }
  | { readonly ok: false; readonly why: 'expired'; readonly expiresAt: string };

export function checkConfirmToken(key: Buffer, token: string, nowMs: number): ConfirmCheck {
  const match = CONFIRM_TOKEN.exec(token);
  if (!match) return { ok: false, why: 'forged' };
  const [, id = '', expires = '', list = '', signature = ''] = match;
  if (!sameText(signature, sign(key, `confirm.${id}.${expires}.${list}`))) return { ok: false, why: 'forged' };
  const expiresMs = Number(expires) * 1000;
  if (expiresMs <= nowMs) return { ok: false, why: 'expired', expiresAt: new Date(expiresMs).toISOString() };
  return { ok: true, subscriberId: id, services: list === ALL_SERVICES ? [] : list.split('~') };
}

/** When a confirm token made at `nowMs` expires (for the e-mail's words). */
export function confirmExpiry(nowMs: number): string {
  return new Date(Math.floor((nowMs + CONFIRM_TTL_MS) / 1000) * 1000).toISOString();
}
