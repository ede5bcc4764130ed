import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpReceiver, type HttpReceiver } from '../../test/support/http-receiver.js';
import { samplePage } from '../../test/support/page-messages.js';
import { sendTeams } from './teams.js';

interface TeamsBody {
  type: string;
  attachments: {
    contentType: string;
    contentUrl: null;
    content: {
      $schema: string;
      type: string;
      version: string;
      body: { type: string; text: string; wrap: boolean; color?: string }[];
      actions: { type: string; title: string; url: string }[];
    };
  }[];
}

describe('Teams Workflows webhook', () => {
  let receiver: HttpReceiver;
  beforeAll(async () => {
    receiver = await startHttpReceiver([
      { status: 202 },
      { status: 400, body: '{"error":{"code":"TriggerInputSchemaMismatch"}}' },
    ]);
  });
  afterAll(() => receiver.close());

  it('posts an Adaptive Card 1.4 with Acknowledge as Action.OpenUrl; 202 Accepted is ok', async () => {
    const page = samplePage();
    const url = `${receiver.origin}/workflows/abc/triggers/manual/paths/invoke?api-version=1&sig=SECRETSIG`;
    expect(await sendTeams(url, page, { timeoutMs: 2000 })).toEqual({ ok: true, detail: 'HTTP 202' });
    const request = await receiver.next();
    expect(request.headers['content-type']).toBe('application/json');
    const body = JSON.parse(request.text) as TeamsBody;
    expect(body.type).toBe('message');
    expect(body.attachments).toHaveLength(1);
    const attachment = body.attachments[0];
    expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(attachment?.contentUrl).toBeNull();
    const card = attachment?.content;
    expect(card).toMatchObject({
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      type: 'AdaptiveCard',
      version: '1.4',
    });
    expect(card?.body[0]).toMatchObject({ type: 'TextBlock', text: page.subject, wrap: true, color: 'Attention' });
    expect(card?.body.slice(1).map((b) => b.text)).toEqual(page.lines);
    expect(card?.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Acknowledge', url: page.ackUrl },
      { type: 'Action.OpenUrl', title: 'Open incident', url: page.incidentUrl },
      { type: 'Action.OpenUrl', title: 'Runbook', url: page.runbookUrl },
    ]);
  });

  it('a 400 is final and keeps the signed URL out of the detail', async () => {
    const outcome = await sendTeams(`${receiver.origin}/workflows/abc?sig=SECRETSIG`, samplePage(), {
      timeoutMs: 2000,
    });
    expect(outcome).toMatchObject({ ok: false, retryable: false });
    expect(outcome.detail).toContain('TriggerInputSchemaMismatch');
    expect(outcome.detail).not.toContain('SECRETSIG');
  });
});
