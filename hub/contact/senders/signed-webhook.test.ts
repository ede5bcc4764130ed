import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpReceiver, type HttpReceiver } from '../../test/support/http-receiver.js';
import { samplePage } from '../../test/support/page-messages.js';
import { sendSignedWebhook, verifyWarroomSignature } from './signed-webhook.js';

const SECRET = 'a-webhook-secret-of-32-characters!';
const NOW_MS = Date.parse('2026-12-03T18:00:00.000Z');
const NOW_S = NOW_MS / 1000;

describe('signed webhook', () => {
  let receiver: HttpReceiver;
  beforeAll(async () => {
    receiver = await startHttpReceiver([
      { status: 204 },
      { status: 429, headers: { 'Retry-After': '5' } },
      { status: 500 },
    ]);
  });
  afterAll(() => receiver.close());

  it('posts the page as JSON, signed over "<timestamp>.<body>"; the signature verifies, and fails with a wrong secret or an old timestamp', async () => {
    const page = samplePage();
    const outcome = await sendSignedWebhook(`${receiver.origin}/warroom`, SECRET, page, {
      timeoutMs: 2000,
      now: () => NOW_MS,
      deliveryId: () => 'delivery-1',
    });
    expect(outcome).toEqual({ ok: true, detail: 'HTTP 204' });
    const request = await receiver.next();
    const h = request.headers;
    expect(h['content-type']).toBe('application/json');
    expect(h['user-agent']).toBe('Warroom');
    expect(h['x-warroom-timestamp']).toBe(String(NOW_S));
    expect(h['x-warroom-delivery']).toBe('delivery-1');
    expect(h['x-warroom-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    const timestamp = String(h['x-warroom-timestamp']);
    const signature = String(h['x-warroom-signature']);
    expect(verifyWarroomSignature(SECRET, timestamp, request.text, signature, NOW_S)).toBe(true);
    expect(verifyWarroomSignature(SECRET, timestamp, request.text, signature, NOW_S + 300)).toBe(true);
    expect(verifyWarroomSignature('another-secret-of-enough-length', timestamp, request.text, signature, NOW_S)).toBe(
      false,
    );
    expect(verifyWarroomSignature(SECRET, timestamp, request.text, signature, NOW_S + 301)).toBe(false);
    expect(verifyWarroomSignature(SECRET, timestamp, `${request.text} `, signature, NOW_S)).toBe(false);
    expect(verifyWarroomSignature(SECRET, String(NOW_S + 1), request.text, signature, NOW_S)).toBe(false);
    expect(verifyWarroomSignature(SECRET, undefined, request.text, signature, NOW_S)).toBe(false);
    expect(JSON.parse(request.text)).toEqual({
      type: 'page',
      id: 'delivery-1',
      sentAt: '2026-12-03T18:00:00.000Z',
      subject: page.subject,
      lines: page.lines,
      severity: 'SEV-1',
      incident: page.incident,
      pageId: 'page-7',
      ackUrl: page.ackUrl,
      incidentUrl: page.incidentUrl,
      runbookUrl: page.runbookUrl,
      code: null,
    });
  });

  it('each delivery has its own id; 429 and 500 are retryable', async () => {
    const first = await sendSignedWebhook(`${receiver.origin}/warroom`, SECRET, samplePage(), { timeoutMs: 2000 });
    const second = await sendSignedWebhook(`${receiver.origin}/warroom`, SECRET, samplePage(), { timeoutMs: 2000 });
    expect(first).toMatchObject({ ok: false, retryable: true, retryAfterMs: 5000 });
    expect(second).toMatchObject({ ok: false, retryable: true, retryAfterMs: null });
    const ids = [
      (await receiver.next()).headers['x-warroom-delivery'],
      (await receiver.next()).headers['x-warroom-delivery'],
    ];
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[0]).not.toBe(ids[1]);
  });
});
