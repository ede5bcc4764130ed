import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, startHttpReceiver, type HttpReceiver } from '../../test/support/http-receiver.js';
import { httpPost, outcomeOfStatus, parseRetryAfter } from './http-post.js';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-12-03T18:00:00Z');
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Thu, 03 Dec 2026 18:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Thu, 03 Dec 2026 17:00:00 GMT', now)).toBe(0); // in the past: now
  });
  it('gives null for nothing or nonsense', () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-5', now)).toBeNull();
  });
});

describe('outcomeOfStatus', () => {
  const none = new Headers();
  it('maps each class of status', () => {
    expect(outcomeOfStatus(202, none, '')).toEqual({ ok: true, detail: 'HTTP 202' });
    expect(outcomeOfStatus(408, none, '')).toMatchObject({ ok: false, retryable: true });
    expect(outcomeOfStatus(502, none, '')).toMatchObject({ ok: false, retryable: true, retryAfterMs: null });
    expect(outcomeOfStatus(503, new Headers({ 'Retry-After': '3' }), '')).toMatchObject({
      retryable: true,
      retryAfterMs: 3000,
    });
    expect(outcomeOfStatus(403, none, 'invalid_token')).toEqual({
      ok: false,
      retryable: false,
      retryAfterMs: null,
      detail: 'HTTP 403: forbidden: check the token or the webhook address (invalid_token)',
    });
    expect(outcomeOfStatus(301, none, '')).toMatchObject({ ok: false, retryable: false });
  });
});

describe('httpPost against a real receiver', () => {
  let receiver: HttpReceiver;
  beforeAll(async () => {
    receiver = await startHttpReceiver();
  });
  afterAll(() => receiver.close());

  it('answers 200, then 429 with Retry-After, then 500, in turn', async () => {
    receiver.answerWith([
      { status: 200, body: 'ok' },
      { status: 429, headers: { 'Retry-After': '12' }, body: 'slow down' },
      { status: 500, body: 'boom' },
    ]);
    const post = () =>
      httpPost(
        { url: `${receiver.origin}/hook`, headers: { 'Content-Type': 'text/plain' }, body: 'hi' },
        { timeoutMs: 2000 },
      );
    expect(await post()).toEqual({ ok: true, detail: 'HTTP 200' });
    expect(await post()).toEqual({
      ok: false,
      retryable: true,
      retryAfterMs: 12_000,
      detail: 'HTTP 429: too many messages: the service asks to slow down (slow down)',
    });
    expect(await post()).toEqual({
      ok: false,
      retryable: true,
      retryAfterMs: null,
      detail: 'HTTP 500: the service had an error (boom)',
    });
    const first = await receiver.next();
    expect(first).toMatchObject({ method: 'POST', path: '/hook', text: 'hi' });
    expect(first.headers['content-type']).toBe('text/plain');
  });

  it('never puts the URL path or a given secret in a detail, even when the answer echoes them', async () => {
    receiver.answerWith([{ status: 404, body: 'no hook /services/T000/B000/XXXXsecret here; token tk_verysecret' }]);
    const outcome = await httpPost(
      { url: `${receiver.origin}/services/T000/B000/XXXXsecret`, headers: {}, body: '{}' },
      { timeoutMs: 2000, secrets: ['tk_verysecret'] },
    );
    expect(outcome).toMatchObject({ ok: false, retryable: false });
    expect(outcome.detail).toContain('HTTP 404: not found');
    expect(outcome.detail).not.toContain('XXXXsecret');
    expect(outcome.detail).not.toContain('tk_verysecret');
  });

  it('gives up after its timeout, retryable', async () => {
    receiver.answerWith([{ hang: true }]);
    const outcome = await httpPost({ url: `${receiver.origin}/slow`, headers: {}, body: 'x' }, { timeoutMs: 100 });
    expect(outcome).toEqual({ ok: false, retryable: true, retryAfterMs: null, detail: 'no answer within 100 ms' });
  });
});

it('a refused connection is retryable, in the words of the system error', async () => {
  const port = await closedPort();
  const outcome = await httpPost({ url: `http://127.0.0.1:${port}/x`, headers: {}, body: 'x' }, { timeoutMs: 2000 });
  expect(outcome).toEqual({
    ok: false,
    retryable: true,
    retryAfterMs: null,
    detail: `connect ECONNREFUSED 127.0.0.1:${port}`,
  });
});
