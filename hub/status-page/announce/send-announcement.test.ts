import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AnnounceMessage } from '../../../shared/status-page/announce-message.js';
import type { AnnounceTarget } from '../../../shared/status-page/announcements.js';
import { startHttpReceiver, type HttpReceiver } from '../../test/support/http-receiver.js';
import { sendAnnouncement } from './send-announcement.js';

const message: AnnounceMessage = {
  what: 'internal_update',
  headline: 'INC-42 update: SEV-1 Checkout <down> & out',
  facts: [
    { label: 'Severity', value: 'SEV-1' },
    { label: 'Status', value: 'Investigating' },
    { label: 'Lead', value: 'Ana <Lima>' },
    { label: 'Service', value: 'payments-api' },
  ],
  text: 'DB failover *now*\n<b>primary</b> & replica',
  link: { label: 'Open INC-42 in Warroom', url: 'https://warroom.example/#/incident/inc-42' },
  severity: 'SEV-1',
  broadcast: false,
};

interface Block {
  type: string;
  text?: { type: string; text: string };
  fields?: { type: string; text: string }[];
  elements?: { type: string; text: string }[];
}

const TOKEN = 'xoxb-1234567890-abcdefghij';

describe('sending an announcement to each kind of channel', () => {
  let receiver: HttpReceiver;
  beforeAll(async () => {
    receiver = await startHttpReceiver();
  });
  beforeEach(() => receiver.answerWith([{ status: 200, body: 'ok' }]));
  afterAll(() => receiver.close());

  const slack = (): AnnounceTarget => ({ kind: 'slack', url: `${receiver.origin}/services/T0/B0/secretpath` });
  const slackApp = (): AnnounceTarget => ({
    kind: 'slack-app',
    token: TOKEN,
    channel: 'C0123ABC',
    apiUrl: `${receiver.origin}/api`,
  });
  const mattermost = (): AnnounceTarget => ({ kind: 'mattermost', url: `${receiver.origin}/hooks/mmsecret123` });
  const teams = (): AnnounceTarget => ({ kind: 'teams', url: `${receiver.origin}/workflows/teamssecret123` });

  it('Slack incoming webhook: Block Kit header, fact fields, the text and the link, escaped as Slack asks', async () => {
    const sent = await sendAnnouncement(slack(), message, 'ignored', { timeoutMs: 2000 });
    expect(sent).toEqual({ outcome: { ok: true, detail: 'HTTP 200' }, ts: null });
    const request = await receiver.next();
    expect(request.path).toBe('/services/T0/B0/secretpath');
    expect(request.headers['content-type']).toBe('application/json');
    const body = JSON.parse(request.text) as { text: string; blocks: Block[]; thread_ts?: string };
    expect(body.text).toBe('INC-42 update: SEV-1 Checkout &lt;down&gt; &amp; out');
    expect(body.thread_ts).toBeUndefined();
    expect(body.blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'context']);
    expect(body.blocks[0]?.text).toEqual({ type: 'plain_text', text: message.headline });
    expect(body.blocks[1]?.fields?.map((f) => f.text)).toEqual([
      '*Severity*\nSEV-1',
      '*Status*\nInvestigating',
      '*Lead*\nAna &lt;Lima&gt;',
      '*Service*\npayments-api',
    ]);
    expect(body.blocks[2]?.text).toEqual({
      type: 'mrkdwn',
      text: 'DB failover *now*\n&lt;b&gt;primary&lt;/b&gt; &amp; replica',
    });
    expect(body.blocks[3]?.elements).toEqual([
      { type: 'mrkdwn', text: '<https://warroom.example/#/incident/inc-42|Open INC-42 in Warroom>' },
    ]);
  });

  it('Slack app: chat.postMessage with the bot token, the channel and the blocks; the answer’s ts comes back', async () => {
    receiver.answerWith([
      { status: 200, body: JSON.stringify({ ok: true, channel: 'C0123ABC', ts: '1700000000.000100' }) },
    ]);
    const sent = await sendAnnouncement(slackApp(), message, null, { timeoutMs: 2000 });
    expect(sent.outcome.ok).toBe(true);
    expect(sent.ts).toBe('1700000000.000100');
    const request = await receiver.next();
    expect(request.path).toBe('/api/chat.postMessage');
    expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(request.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = JSON.parse(request.text) as Record<string, unknown>;
    expect(body.channel).toBe('C0123ABC');
    expect(body.text).toBe('INC-42 update: SEV-1 Checkout &lt;down&gt; &amp; out');
    expect(Array.isArray(body.blocks)).toBe(true);
    expect(body).not.toHaveProperty('thread_ts');
  });

  it('Slack app: a reply names its thread; a resolution is broadcast to the channel too', async () => {
    receiver.answerWith([{ status: 200, body: JSON.stringify({ ok: true, ts: '1700000000.000200' }) }]);
    await sendAnnouncement(slackApp(), message, '1700000000.000100', { timeoutMs: 2000 });
    const reply = JSON.parse((await receiver.next()).text) as Record<string, unknown>;
    expect(reply.thread_ts).toBe('1700000000.000100');
    expect(reply).not.toHaveProperty('reply_broadcast');
    await sendAnnouncement(slackApp(), { ...message, what: 'resolved', broadcast: true }, '1700000000.000100', {
      timeoutMs: 2000,
    });
    const resolved = JSON.parse((await receiver.next()).text) as Record<string, unknown>;
    expect(resolved).toMatchObject({ thread_ts: '1700000000.000100', reply_broadcast: true });
  });

  it('Slack app: ok:false channel_not_found and invalid_auth are final; ratelimited is retried; the token never shows', async () => {
    receiver.answerWith([
      { status: 200, body: JSON.stringify({ ok: false, error: 'channel_not_found' }) },
      { status: 200, body: JSON.stringify({ ok: false, error: 'invalid_auth' }) },
      { status: 200, body: JSON.stringify({ ok: false, error: 'ratelimited' }) },
      { status: 429, body: JSON.stringify({ ok: false, error: 'ratelimited' }), headers: { 'Retry-After': '7' } },
      { status: 200, body: '<html>proxy</html>' },
    ]);
    const outcomes = [];
    for (let i = 0; i < 5; i++)
      outcomes.push((await sendAnnouncement(slackApp(), message, null, { timeoutMs: 2000 })).outcome);
    expect(outcomes[0]).toMatchObject({ ok: false, retryable: false, retryAfterMs: null });
    expect(outcomes[0]?.detail).toContain('channel_not_found');
    expect(outcomes[1]).toMatchObject({ ok: false, retryable: false });
    expect(outcomes[1]?.detail).toContain('invalid_auth');
    expect(outcomes[2]).toMatchObject({ ok: false, retryable: true });
    expect(outcomes[3]).toMatchObject({ ok: false, retryable: true, retryAfterMs: 7000 });
    expect(outcomes[3]?.detail).toContain('HTTP 429');
    expect(outcomes[4]).toMatchObject({ ok: false, retryable: false });
    for (const o of outcomes) expect(o?.detail).not.toContain(TOKEN);
  });

  it('Mattermost: Markdown text with the headline, the facts, the escaped text and the link', async () => {
    const sent = await sendAnnouncement(mattermost(), message, null, { timeoutMs: 2000 });
    expect(sent.outcome).toEqual({ ok: true, detail: 'HTTP 200' });
    const request = await receiver.next();
    expect(request.path).toBe('/hooks/mmsecret123');
    const body = JSON.parse(request.text) as { text: string };
    expect(Object.keys(body)).toEqual(['text']);
    const [headline, facts, text, link] = body.text.split('\n\n');
    expect(headline).toBe('#### INC\\-42 update: SEV\\-1 Checkout \\<down\\> \\& out');
    expect(facts).toContain('**Lead:** Ana \\<Lima\\>');
    expect(text).toBe('DB failover \\*now\\*  \n\\<b\\>primary\\</b\\> \\& replica');
    expect(link).toBe('[Open INC\\-42 in Warroom](<https://warroom.example/#/incident/inc-42>)');
  });

  it('Teams: an Adaptive Card 1.4 with the headline in red for a SEV-1, a FactSet, the text and an OpenUrl action', async () => {
    receiver.answerWith([{ status: 202 }]);
    const sent = await sendAnnouncement(teams(), message, null, { timeoutMs: 2000 });
    expect(sent.outcome).toEqual({ ok: true, detail: 'HTTP 202' });
    const body = JSON.parse((await receiver.next()).text) as {
      type: string;
      attachments: {
        contentType: string;
        content: { type: string; version: string; body: unknown[]; actions: unknown[] };
      }[];
    };
    expect(body.type).toBe('message');
    const card = body.attachments[0];
    expect(card?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card?.content.type).toBe('AdaptiveCard');
    expect(card?.content.version).toBe('1.4');
    expect(card?.content.body).toEqual([
      { type: 'TextBlock', text: message.headline, wrap: true, size: 'Large', weight: 'Bolder', color: 'Attention' },
      { type: 'FactSet', facts: message.facts.map((f) => ({ title: f.label, value: f.value })) },
      { type: 'TextBlock', text: message.text, wrap: true },
    ]);
    expect(card?.content.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Open INC-42 in Warroom', url: message.link.url },
    ]);
  });

  it.each([
    ['slack', slack],
    ['mattermost', mattermost],
    ['teams', teams],
    ['slack-app', slackApp],
  ] as const)(
    '%s: 429 with Retry-After and 500 are retried, 404 is final; the secret part never shows',
    async (_kind, target) => {
      receiver.answerWith([
        { status: 429, body: 'rate_limited', headers: { 'Retry-After': '30' } },
        { status: 500, body: 'oops' },
        { status: 404, body: 'no_service' },
      ]);
      const t = target();
      const results = [];
      for (let i = 0; i < 3; i++) results.push((await sendAnnouncement(t, message, null, { timeoutMs: 2000 })).outcome);
      expect(results[0]).toMatchObject({ ok: false, retryable: true, retryAfterMs: 30_000 });
      expect(results[1]).toMatchObject({ ok: false, retryable: true, retryAfterMs: null });
      expect(results[2]).toMatchObject({ ok: false, retryable: false });
      for (const r of results) {
        expect(r?.detail).not.toMatch(/secret|xoxb/);
        expect(r?.detail).toMatch(/^HTTP \d{3}/);
      }
    },
  );
});
