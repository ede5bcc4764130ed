import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHttpReceiver, type HttpReceiver } from '../../test/support/http-receiver.js';
import { samplePage, sampleVerification } from '../../test/support/page-messages.js';
import { escapeSlack, sendMattermost, sendSlack } from './chat.js';

interface SlackBody {
  text: string;
  blocks: {
    type: string;
    text?: { type: string; text: string };
    elements?: { type: string; text: { text: string }; url: string }[];
  }[];
}

describe('Slack and Mattermost incoming webhooks', () => {
  let receiver: HttpReceiver;
  beforeAll(async () => {
    receiver = await startHttpReceiver();
  });
  beforeEach(() => receiver.answerWith([{ status: 200, body: 'ok' }]));
  afterAll(() => receiver.close());

  it('escapes &, < and > as Slack asks', () => {
    expect(escapeSlack('a <b> & c')).toBe('a &lt;b&gt; &amp; c');
  });

  it('sends Slack blocks: the subject, the lines with links, and Acknowledge / Open incident link buttons', async () => {
    const page = samplePage();
    const url = `${receiver.origin}/services/T000/B000/XXXXXXXXXXXX`;
    expect(await sendSlack(url, page, { timeoutMs: 2000 })).toEqual({ ok: true, detail: 'HTTP 200' });
    const request = await receiver.next();
    expect(request.path).toBe('/services/T000/B000/XXXXXXXXXXXX');
    expect(request.headers['content-type']).toBe('application/json');
    const body = JSON.parse(request.text) as SlackBody;
    expect(body.text).toBe('[SEV-1] INC-42 Checkout &lt;is&gt; down &amp; "Zahlung" fällt aus');
    expect(body.blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: `*${body.text}*` } });
    const lines = body.blocks[1]?.text?.text ?? '';
    expect(lines).toContain('Impact: &lt;b&gt;all&lt;/b&gt; payments &amp; refunds fail');
    expect(lines).toContain(`Acknowledge: <${escapeSlack(page.ackUrl ?? '')}>`);
    expect(lines).not.toMatch(/<b>/);
    const actions = body.blocks[2];
    expect(actions?.type).toBe('actions');
    expect(actions?.elements?.map((e) => [e.type, e.text.text, e.url])).toEqual([
      ['button', 'Acknowledge', page.ackUrl],
      ['button', 'Open incident', page.incidentUrl],
      ['button', 'Runbook', page.runbookUrl],
    ]);
  });

  it("Slack's 404 no_service, 403 invalid_token and 410 channel_is_archived are final, and never name the URL", async () => {
    receiver.answerWith([
      { status: 404, body: 'no_service' },
      { status: 403, body: 'invalid_token' },
      { status: 410, body: 'channel_is_archived' },
    ]);
    const url = `${receiver.origin}/services/T111/B222/secretpart`;
    for (const code of ['no_service', 'invalid_token', 'channel_is_archived']) {
      const outcome = await sendSlack(url, samplePage(), { timeoutMs: 2000 });
      expect(outcome).toMatchObject({ ok: false, retryable: false, retryAfterMs: null });
      expect(outcome.detail).toContain(code);
      expect(outcome.detail).not.toContain('secretpart');
      expect(outcome.detail).not.toContain(receiver.origin);
    }
  });

  it('a verification has no buttons, only its text', async () => {
    await sendSlack(`${receiver.origin}/s`, sampleVerification(), { timeoutMs: 2000 });
    const body = JSON.parse((await receiver.next()).text) as SlackBody;
    expect(body.blocks.map((b) => b.type)).toEqual(['section', 'section']);
    expect(body.blocks[1]?.text?.text).toContain('482913');
  });

  it('sends Mattermost Markdown text with escaped text and the links', async () => {
    const page = samplePage();
    expect(await sendMattermost(`${receiver.origin}/hooks/abc123xyz`, page, { timeoutMs: 2000 })).toEqual({
      ok: true,
      detail: 'HTTP 200',
    });
    const body = JSON.parse((await receiver.next()).text) as { text: string };
    expect(Object.keys(body)).toEqual(['text']);
    expect(body.text).toMatch(/^#### \\\[SEV\\-1\\\] INC\\-42 Checkout \\<is\\> down \\& "Zahlung" fällt aus\n/);
    expect(body.text).toContain('Impact: \\<b\\>all\\</b\\> payments \\& refunds fail');
    expect(body.text).toContain(`[**Acknowledge**](<${page.ackUrl}>)`);
    expect(body.text).toContain(`[Open incident](<${page.incidentUrl}>)`);
    expect(body.text).toContain(`[Runbook](<${page.runbookUrl}>)`);
    expect(body.text).toContain(`Runbook: <${page.runbookUrl}>`);
  });
});
