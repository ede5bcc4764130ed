import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHttpReceiver, type HttpReceiver } from '../../test/support/http-receiver.js';
import { samplePage, sampleTest, sampleVerification } from '../../test/support/page-messages.js';
import { ntfyPriority, sendNtfy } from './ntfy.js';

describe('ntfy', () => {
  let receiver: HttpReceiver;
  beforeAll(async () => {
    receiver = await startHttpReceiver();
  });
  beforeEach(() => receiver.answerWith([{ status: 200, body: '{"id":"abc"}' }]));
  afterAll(() => receiver.close());

  it('publishes a page as JSON to the server root, with priority, tags, click and an Acknowledge POST action', async () => {
    const page = samplePage();
    const outcome = await sendNtfy(
      { kind: 'ntfy', server: `${receiver.origin}/`, topic: 'war-room_1' },
      page,
      'https://unused.example',
      {
        timeoutMs: 2000,
      },
    );
    expect(outcome).toEqual({ ok: true, detail: 'HTTP 200' });
    const request = await receiver.next();
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers.authorization).toBeUndefined();
    expect(JSON.parse(request.text)).toEqual({
      topic: 'war-room_1',
      title: page.subject, // UTF-8 as it is: "fällt" arrives intact, which a header could not carry
      message: page.lines.join('\n'),
      priority: 5,
      tags: ['rotating_light'],
      click: page.incidentUrl,
      actions: [
        { action: 'http', label: 'Acknowledge', url: page.ackUrl, method: 'POST', clear: true },
        { action: 'view', label: 'Runbook', url: page.runbookUrl },
      ],
    });
  });

  it('uses the default server and the token, and keeps the token out of a detail', async () => {
    receiver.answerWith([{ status: 403, body: '{"code":40301,"error":"forbidden","token":"tk_secret123456"}' }]);
    const outcome = await sendNtfy(
      { kind: 'ntfy', topic: 'pager', token: 'tk_secret123456' },
      sampleTest(),
      receiver.origin,
      {
        timeoutMs: 2000,
      },
    );
    expect(outcome).toMatchObject({ ok: false, retryable: false });
    expect(outcome.detail).toMatch(/^HTTP 403: forbidden/);
    expect(outcome.detail).not.toContain('tk_secret123456');
    const request = await receiver.next();
    expect(request.headers.authorization).toBe('Bearer tk_secret123456');
    const body = JSON.parse(request.text) as Record<string, unknown>;
    expect(body).toMatchObject({ topic: 'pager', priority: 3, tags: ['white_check_mark'], actions: [] });
    expect(body).not.toHaveProperty('click');
  });

  it('maps severities to ntfy priorities', () => {
    expect(ntfyPriority(samplePage())).toBe(5);
    expect(ntfyPriority(samplePage(undefined, { severity: 'SEV-2' }))).toBe(4);
    expect(ntfyPriority(samplePage(undefined, { severity: 'SEV-3' }))).toBe(3);
    expect(ntfyPriority(sampleTest())).toBe(3);
    expect(ntfyPriority(sampleVerification())).toBe(3);
  });

  it('a 429 is retryable with its Retry-After, a 500 retryable', async () => {
    receiver.answerWith([{ status: 429, headers: { 'Retry-After': '60' } }, { status: 500 }]);
    const target = { kind: 'ntfy' as const, topic: 'pager' };
    expect(await sendNtfy(target, samplePage(), receiver.origin, { timeoutMs: 2000 })).toMatchObject({
      ok: false,
      retryable: true,
      retryAfterMs: 60_000,
    });
    expect(await sendNtfy(target, samplePage(), receiver.origin, { timeoutMs: 2000 })).toMatchObject({
      ok: false,
      retryable: true,
    });
  });

  it('does not make a link of a runbook that is not http(s)', async () => {
    await sendNtfy(
      { kind: 'ntfy', topic: 'pager' },
      samplePage(undefined, { runbookUrl: 'javascript:alert(1)' }),
      receiver.origin,
      {
        timeoutMs: 2000,
      },
    );
    const body = JSON.parse((await receiver.next()).text) as { actions: { label: string }[] };
    expect(body.actions.map((a) => a.label)).toEqual(['Acknowledge']);
  });
});
