import { describe, expect, it } from 'vitest';
import { checkHub } from './hub-check.js';

const answering =
  (body: string, status = 200): typeof fetch =>
  async () =>
    new Response(body, { status, headers: { 'content-type': 'application/json' } });

describe('checkHub', () => {
  it('accepts a Warroom /healthz', async () => {
    const urls: string[] = [];
    const fetchFn: typeof fetch = async (url) => {
      urls.push(String(url));
      return new Response(JSON.stringify({ ok: true, seq: 4, protocol: 1 }));
    };
    expect(await checkHub(fetchFn, 'http://hub.test:4380')).toEqual({ ok: true });
    expect(urls).toEqual(['http://hub.test:4380/healthz']);
  });

  it('says the address is unreachable when nothing answers', async () => {
    const refused: typeof fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    const result = await checkHub(refused, 'http://hub.test:1');
    expect(result).toEqual({
      ok: false,
      message: expect.stringContaining('Could not reach a hub at http://hub.test:1'),
    });
  });

  it.each([
    ['a 404', answering('not found', 404)],
    ['HTML', answering('<!doctype html><p>router admin</p>')],
    ['other JSON', answering(JSON.stringify({ status: 'up' }))],
  ])('says something else answered when it gets %s', async (_, fetchFn) => {
    const result = await checkHub(fetchFn, 'http://printer.test');
    expect(result).toEqual({ ok: false, message: expect.stringContaining('not like a Warroom hub') });
  });
});
