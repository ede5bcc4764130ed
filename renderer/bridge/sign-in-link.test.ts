import { describe, expect, it } from 'vitest';
import { newId } from './new-id.js';
import { fragmentHasToken, pageHubUrl, tokenFromFragment } from './sign-in-link.js';

describe('sign-in links', () => {
  it('reads the token from the fragment', () => {
    expect(tokenFromFragment('#token=wr_abc-DEF_123')).toBe('wr_abc-DEF_123');
    expect(tokenFromFragment('#incident=1&token=wr_x')).toBe('wr_x');
    expect(tokenFromFragment('#token=wr_%2Fenc')).toBe('wr_/enc');
  });

  it('finds no token in an empty or unrelated fragment', () => {
    expect(tokenFromFragment('')).toBeNull();
    expect(tokenFromFragment('#')).toBeNull();
    expect(tokenFromFragment('#token=')).toBeNull();
    expect(tokenFromFragment('#token=%20%20')).toBeNull();
    expect(tokenFromFragment('#board')).toBeNull();
  });

  it('notices a token parameter even when empty, so it is still cleared from the address bar', () => {
    expect(fragmentHasToken('#token=')).toBe(true);
    expect(fragmentHasToken('#other=1')).toBe(false);
  });

  it('takes the page origin as the hub only for http(s) pages', () => {
    expect(pageHubUrl('http://127.0.0.1:4380')).toBe('http://127.0.0.1:4380');
    expect(pageHubUrl('https://warroom.example.com')).toBe('https://warroom.example.com');
    expect(pageHubUrl('null')).toBeNull(); // file:// in Electron
    expect(pageHubUrl('file://')).toBeNull();
  });
});

describe('newId', () => {
  it('makes 32 hex characters from 16 random bytes', () => {
    expect(newId((bytes) => bytes.fill(0xab))).toBe('ab'.repeat(16));
    expect(newId()).toMatch(/^[0-9a-f]{32}$/);
    expect(newId()).not.toBe(newId());
  });
});
