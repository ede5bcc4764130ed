import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { declare } from './support/commands.js';
import { startHttpReceiver, type HttpReceiver } from './support/http-receiver.js';
import { acceptedChange as change, statusPageView } from './support/status-page-hub.js';
import { useTestHub } from './support/test-hub.js';

/**
 * The team's chat announcements on a real hub (SQLite file, socket.io clients): an admin adds a channel with
 * `statuspage.change`, incidents declared by a responder reach it (or not, by severity), and "send a test message"
 * answers with what the channel said. A local HTTP receiver plays the chat services.
 */

let receiver: HttpReceiver;

beforeEach(async () => {
  receiver = await startHttpReceiver();
});

afterEach(async () => {
  await receiver.close();
});

const fixture = useTestHub(() => ({ contact: { sendTimeoutMs: 5000 } }));
const connect = (token: string) => fixture.connect(token);

interface SlackBody {
  text: string;
  thread_ts?: string;
  blocks: { type: string; elements?: { text: string }[] }[];
}

describe('chat announcements on a real hub', () => {
  it('a SEV-1 reaches the SEV-1 channel with the incident link, a SEV-3 does not; last send is in the view', async () => {
    const admin = await connect(fixture.t.tokens.admin);
    const ana = await connect(fixture.t.tokens.responder);
    const added = await change(admin, {
      kind: 'channel.add',
      channel: {
        name: '#incidents',
        severities: ['SEV-1'],
        target: { kind: 'slack', url: `${receiver.origin}/services/T1/B1/hooksecret` },
      },
    });
    expect(added.id).toBeTruthy();

    const sev1 = await declare(ana, { title: 'Checkout down', severity: 'SEV-1', service: 'payments-api' });
    const first = await receiver.next();
    expect(first.path).toBe('/services/T1/B1/hooksecret');
    const body = JSON.parse(first.text) as SlackBody;
    expect(body.text).toBe('INC-1 declared: SEV-1 Checkout down');
    const link = `${fixture.t.hub.url}/#/incident/${sev1.incidentId}`;
    expect(body.blocks.at(-1)?.elements?.[0]?.text).toBe(`<${link}|Open INC-1 in Warroom>`);

    // A SEV-3, then another SEV-1: the channel hears only the second SEV-1, so the SEV-3 was passed over.
    await declare(ana, { title: 'Disk filling', severity: 'SEV-3' });
    await declare(ana, { title: 'Search down', severity: 'SEV-1' });
    const second = JSON.parse((await receiver.next()).text) as SlackBody;
    expect(second.text).toBe('INC-3 declared: SEV-1 Search down');
    expect(receiver.requests.map((r) => (JSON.parse(r.text) as SlackBody).text)).not.toContain(
      'INC-2 declared: SEV-3 Disk filling',
    );

    await fixture.t.hub.statusPage.settled();
    const view = await statusPageView(admin);
    if (!view.ok) throw new Error(view.error.message);
    const channel = view.view.channels.find((c) => c.id === added.id);
    expect(channel).toMatchObject({ name: '#incidents', kind: 'slack', severities: ['SEV-1'] });
    expect(channel?.target).not.toContain('hooksecret');
    expect(channel?.last).toMatchObject({ result: 'sent', detail: 'HTTP 200' });
  });

  it('channel.test sends a test message now and answers with what the channel said', async () => {
    const admin = await connect(fixture.t.tokens.admin);
    const added = await change(admin, {
      kind: 'channel.add',
      channel: {
        name: 'War room (Teams)',
        severities: ['SEV-1', 'SEV-2'],
        target: { kind: 'teams', url: `${receiver.origin}/workflows/teamssecret` },
      },
    });
    receiver.answerWith([{ status: 202 }, { status: 404, body: 'WorkflowNotFound' }]);
    const ok = await change(admin, { kind: 'channel.test', id: added.id ?? '' });
    expect(ok.sent).toEqual({ ok: true, detail: 'HTTP 202' });
    const card = JSON.parse((await receiver.next()).text) as {
      attachments: { content: { body: { text?: string }[] } }[];
    };
    expect(card.attachments[0]?.content.body[0]?.text).toMatch(/^Warroom test message from /);
    const refused = await change(admin, { kind: 'channel.test', id: added.id ?? '' });
    expect(refused.sent?.ok).toBe(false);
    expect(refused.sent?.detail).toContain('HTTP 404');
    expect(refused.sent?.detail).toContain('WorkflowNotFound');
    expect(refused.sent?.detail).not.toContain('teamssecret');
  });
});
