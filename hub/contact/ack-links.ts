import { randomBytes } from 'node:crypto';
import { sameText, signText, storedSigningKey } from '../secrets/link-signing.js';
import type { AckLinkRow, ContactStore } from './contact-store.js';

/** How long an acknowledge link works: a day covers a night's pages, and an old mail cannot acknowledge next week's. */
export const ACK_LINK_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * One-time, expiring, signed acknowledge links: `/ack/<id>.<expires (unix s)>.<HMAC-SHA256 of "id.expires">`. The
 * signature refuses a forged or altered link before any lookup; the expiry is inside what is signed; the stored row
 * (ack_links) makes it one-time across nodes and says which page and person it is for. The signing key is random,
 * made once per hub (all nodes share it through the store) and kept sealed like every other secret.
 */
export class AckLinks {
  constructor(
    private readonly store: Pick<ContactStore, 'addAckLink' | 'ackLink' | 'useAckLink'>,
    private readonly signingKey: Buffer,
  ) {}

  /** Makes and stores a link for this page and person; returns the token (the path segment after /ack/). */
  async issue(link: { incidentId: string; pageId: string; userId: string }, now: number): Promise<string> {
    const id = randomBytes(16).toString('base64url');
    const expires = Math.floor((now + ACK_LINK_TTL_MS) / 1000);
    await this.store.addAckLink({ ...link, id, expiresAt: new Date(expires * 1000).toISOString(), usedAt: null });
    return `${id}.${expires}.${this.sign(`${id}.${expires}`)}`;
  }

  /** What a token is: a link to act on, or why not (forged, expired, unknown, used), decided before anything changes. */
  async check(token: string, now: number): Promise<AckLinkCheck> {
    const match = /^([A-Za-z0-9_-]{22})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!match) return { ok: false, why: 'forged' };
    const [, id = '', expires = '', signature = ''] = match;
    if (!sameText(signature, this.sign(`${id}.${expires}`))) return { ok: false, why: 'forged' };
    if (Number(expires) * 1000 <= now)
      return { ok: false, why: 'expired', expiresAt: new Date(Number(expires) * 1000).toISOString() };
    const link = await this.store.ackLink(id);
    if (!link) return { ok: false, why: 'unknown' };
    if (link.usedAt) return { ok: false, why: 'used', link };
    return { ok: true, link };
  }

  /** Uses the link once: false if it was used meanwhile (another tab, another node). */
  use(link: AckLinkRow, now: number): Promise<boolean> {
    return this.store.useAckLink(link.id, new Date(now).toISOString());
  }

  private sign(text: string): string {
    return signText(this.signingKey, text);
  }
}

export type AckLinkCheck =
  | { readonly ok: true; readonly link: AckLinkRow }
  | { readonly ok: false; readonly why: 'forged' | 'unknown' }
  | { readonly ok: false; readonly why: 'expired'; readonly expiresAt: string }
  | { readonly ok: false; readonly why: 'used'; readonly link: AckLinkRow };

/** The key is 32 random bytes, stored sealed under this setting; nodes agree on the first one stored. */
export const ACK_KEY_SETTING = 'ack-signing-key';

export function ackSigningKey(
  store: Pick<ContactStore, 'settingIfAbsent'>,
  seal: (plain: string) => string,
  open: (sealed: string) => string,
): Promise<Buffer> {
  return storedSigningKey(store, ACK_KEY_SETTING, seal, open);
}
