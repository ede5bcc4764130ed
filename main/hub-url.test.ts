import { describe, expect, it } from 'vitest';
import { normalizeHubUrl, sameHub } from './hub-url.js';

describe('normalizeHubUrl', () => {
  it('keeps the origin only', () => {
    expect(normalizeHubUrl('http://127.0.0.1:4380/')).toEqual({ ok: true, hubUrl: 'http://127.0.0.1:4380' });
    expect(normalizeHubUrl('  https://Hub.Example.com:443 ')).toEqual({ ok: true, hubUrl: 'https://hub.example.com' });
  });

  it('refuses what is not an http(s) address, with the shared wording', () => {
    expect(normalizeHubUrl('hub.example.com')).toEqual({
      ok: false,
      message: 'The hub address must be a URL such as http://127.0.0.1:4380.',
    });
    expect(normalizeHubUrl('ws://hub.example.com')).toEqual({
      ok: false,
      message: 'The hub address must start with http:// or https://.',
    });
  });

  it('refuses a path, a query and credentials', () => {
    expect(normalizeHubUrl('https://hub.example.com/warroom')).toEqual({
      ok: false,
      message: "Give the hub's address without a path, such as https://hub.example.com (the hub serves at the root).",
    });
    expect(normalizeHubUrl('https://hub.example.com/?x=1').ok).toBe(false);
    expect(normalizeHubUrl('https://ana:pw@hub.example.com').ok).toBe(false);
  });
});

describe('sameHub', () => {
  it('compares canonical forms', () => {
    expect(sameHub('http://127.0.0.1:4380/', 'http://127.0.0.1:4380')).toBe(true);
    expect(sameHub('http://127.0.0.1:4380', 'http://localhost:4380')).toBe(false);
    expect(sameHub('nonsense', 'nonsense')).toBe(false);
  });
});
