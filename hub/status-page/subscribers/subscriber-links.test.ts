import { describe, expect, it } from 'vitest';
import {
  checkConfirmToken,
  checkUnsubscribeToken,
  CONFIRM_TTL_MS,
  confirmToken,
  unsubscribeToken,
} from './subscriber-links.js';

const KEY = Buffer.from('k'.repeat(32));
const OTHER_KEY = Buffer.from('o'.repeat(32));
const NOW = Date.parse('2026-12-03T10:00:00.000Z');

describe('unsubscribe links', () => {
  it('name their subscriber, forever, and only when this key signed them', () => {
    const token = unsubscribeToken(KEY, 's-1');
    expect(checkUnsubscribeToken(KEY, token)).toBe('s-1');
    expect(checkUnsubscribeToken(OTHER_KEY, token)).toBeNull();
    expect(checkUnsubscribeToken(KEY, token.replace('s-1', 's-2'))).toBeNull();
    expect(checkUnsubscribeToken(KEY, `${token}x`)).toBeNull();
    expect(checkUnsubscribeToken(KEY, '')).toBeNull();
  });
});

describe('confirm links', () => {
  it('carry the services chosen and expire after seven days', () => {
    const token = confirmToken(KEY, 's-1', ['checkout', 'search'], NOW);
    expect(checkConfirmToken(KEY, token, NOW)).toEqual({
      ok: true,
      subscriberId: 's-1',
      services: ['checkout', 'search'],
    });
    expect(checkConfirmToken(KEY, confirmToken(KEY, 's-1', [], NOW), NOW)).toMatchObject({ ok: true, services: [] });
    expect(checkConfirmToken(KEY, token, NOW + CONFIRM_TTL_MS - 1000)).toMatchObject({ ok: true });
    expect(checkConfirmToken(KEY, token, NOW + CONFIRM_TTL_MS)).toMatchObject({ ok: false, why: 'expired' });
  });

  it('refuse anything altered: the services, the expiry, the subscriber, the key, the purpose', () => {
    const token = confirmToken(KEY, 's-1', ['checkout'], NOW);
    const [id, expires, services, signature] = token.split('.');
    const forged = (parts: (string | undefined)[]) => checkConfirmToken(KEY, parts.join('.'), NOW);
    expect(forged([id, expires, '*', signature])).toEqual({ ok: false, why: 'forged' });
    expect(forged([id, String(Number(expires) + 86_400), services, signature])).toEqual({ ok: false, why: 'forged' });
    expect(forged(['s-2', expires, services, signature])).toEqual({ ok: false, why: 'forged' });
    expect(checkConfirmToken(OTHER_KEY, token, NOW)).toEqual({ ok: false, why: 'forged' });
    // An unsubscribe link is not a confirm link, nor the other way round.
    expect(checkConfirmToken(KEY, unsubscribeToken(KEY, 's-1'), NOW)).toEqual({ ok: false, why: 'forged' });
    expect(checkUnsubscribeToken(KEY, token)).toBeNull();
  });
});
