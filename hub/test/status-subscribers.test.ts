import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { publicId } from '../../shared/status-page/public-status.js';
import { verifyWarroomSignature } from '../contact/senders/signed-webhook.js';
import { declare } from './support/commands.js';
import { startHttpReceiver, type HttpReceiver } from './support/http-receiver.js';
import { startSmtpTestServer, type ReceivedMail, type SmtpTestServer } from './support/smtp-test-server.js';
import { acceptedChange as change } from './support/status-page-hub.js';
import { uid } from './support/test-client.js';
import { useTestHub } from './support/test-hub.js';

/**
 * Status page subscribers end to end, against a real hub (SQLite file, socket.io), a real SMTP server and a local
 * webhook receiver: double opt-in by a POSTed link, per-service delivery, one-click unsubscribe, signed webhooks,
 * and not one internal word in anything sent.
 */

const MARKER = 'QZX-INTERNAL-5521';
const SECRET_TITLE = `${MARKER} psp-eu-west-1b`;

let smtp: SmtpTestServer;
let receiver: HttpReceiver;

beforeEach(async () => {
  smtp = await startSmtpTestServer();
  receiver = await startHttpReceiver();
});

afterEach(async () => {
  await receiver.close();
  await smtp.close();
});

const fixture = useTestHub(() => ({
  contact: {
    smtp: { host: smtp.host, port: smtp.port, secure: false, requireTLS: false, from: 'Acme <status@example.com>' },
    sendTimeoutMs: 5000,
  },
}));
const connect = (token: string) => fixture.connect(token);

const form = (email: string, ...services: string[]) =>
  new URLSearchParams([['email', email], ...services.map((s): [string, string] => ['service', s])]).toString();

async function post(url: string, body: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  return { status: response.status, text: await response.text() };
}

/** The link after `label: ` in a mail's text. */
function linkIn(mail: ReceivedMail, label: string): string {
  const line = (mail.parsed.text ?? '').split('\n').find((l) => l.startsWith(`${label}: `));
  if (!line) throw new Error(`no "${label}" link in: ${mail.parsed.text}`);
  return line.slice(label.length + 2).trim();
}

/** Header lines unfolded (RFC 5322), by lower-case name. */
function headersOf(mail: ReceivedMail): Map<string, string> {
  return new Map(mail.parsed.headerLines.map((h) => [h.key, h.line.replace(/\r\n(?=[ \t])/g, '')]));
}

function everything(mail: ReceivedMail): string {
  return [
    ...mail.parsed.headerLines.map((h) => h.line),
    mail.parsed.text ?? '',
    typeof mail.parsed.html === 'string' ? mail.parsed.html : '',
  ].join('\n');
}

/** The next `n` mails, by recipient. */
async function nextMails(n: number): Promise<Map<string, ReceivedMail>> {
  const byRecipient = new Map<string, ReceivedMail>();
  for (let i = 0; i < n; i += 1) {
    const mail = await smtp.next();
    for (const to of mail.to) byRecipient.set(to, mail);
  }
  return byRecipient;
}

describe('status page subscribers on a real hub', () => {
  it('double opt-in, per service, one-click unsubscribe, signed webhooks, and no internal word anywhere', async () => {
    const admin = await connect(fixture.t.tokens.admin);
    const ana = await connect(fixture.t.tokens.responder);
    await change(admin, {
      kind: 'config.save',
      config: {
        title: 'Acme status',
        timeZone: 'UTC',
        services: [
          { key: 'payments-api', name: 'Checkout', description: '', override: null },
          { key: 'search', name: 'Search', description: '', override: null },
        ],
        maintenances: [],
      },
    });
    const hook = await change(admin, { kind: 'webhook.add', url: `${receiver.origin}/hook`, services: [] });
    const hookSecret = hook.secret ?? '';
    expect(hookSecret.length).toBeGreaterThan(16);
    const searchHook = await change(admin, {
      kind: 'webhook.add',
      url: `${receiver.origin}/search`,
      services: ['search'],
    });
    expect(searchHook.id).not.toBeNull();

    // Three visitors: Checkout only, Search only, and every service (who never confirms).
    const subscribe = `${fixture.t.hub.url}/status/subscribe`;
    const answers = [
      await post(subscribe, form('pat@example.com', 'checkout')),
      await post(subscribe, form('sam@example.com', 'search')),
      await post(subscribe, form('una@example.com')),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers[0]?.text).toContain('Check your inbox');
    const confirmations = await nextMails(3);
    const patConfirm = confirmations.get('pat@example.com');
    const samConfirm = confirmations.get('sam@example.com');
    if (!patConfirm || !samConfirm) throw new Error('a confirmation e-mail is missing');
    expect(patConfirm.parsed.subject).toBe('[Acme status] Confirm your subscription');

    // A forged or altered confirmation link confirms nothing.
    const patLink = linkIn(patConfirm, 'Confirm');
    expect(patLink.startsWith(`${fixture.t.hub.url}/status/confirm/`)).toBe(true);
    const forged = patLink.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await post(forged, '')).status).toBe(404);
    expect((await post(patLink.replace('.checkout.', '.*.'), '')).status).toBe(404);
    // GET only asks; the POST confirms.
    expect((await fetch(patLink)).status).toBe(200);
    expect((await post(patLink, '')).text).toContain('You are subscribed');
    expect((await post(linkIn(samConfirm, 'Confirm'), '')).text).toContain('You are subscribed');

    // An incident on payments-api: an internal update with the marker, then the first external update.
    const { incidentId } = await declare(ana, { title: SECRET_TITLE, service: 'payments-api', severity: 'SEV-2' });
    const internal = await ana.send('status_update.post', incidentId, {
      updateId: uid(),
      text: `${MARKER} restarting pod 7`,
      audience: 'internal',
    });
    expect(internal.ok).toBe(true);
    const firstUpdateId = uid();
    const external = await ana.send('status_update.post', incidentId, {
      updateId: firstUpdateId,
      text: 'Some card payments fail. We are working on it.',
      audience: 'external',
      publicTitle: 'Payments are failing',
    });
    expect(external).toMatchObject({ ok: true });

    const update = await smtp.next();
    expect(update.to).toEqual(['pat@example.com']);
    expect(update.parsed.subject).toBe('[Acme status] Payments are failing: Investigating');
    expect(update.parsed.text).toContain('Some card payments fail. We are working on it.');
    expect(update.parsed.text).toContain(`${fixture.t.hub.url}/status#incident-${publicId(incidentId)}`);
    const unsubscribeUrl = linkIn(update, 'Unsubscribe');
    const headers = headersOf(update);
    expect(headers.get('list-unsubscribe')).toBe(`List-Unsubscribe: <${unsubscribeUrl}>`);
    expect(headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');

    // The every-service webhook gets the signed public JSON; the Search webhook gets nothing.
    const delivery = await receiver.next();
    expect(delivery.path).toBe('/hook');
    const header = (name: string) => {
      const value = delivery.headers[name];
      return typeof value === 'string' ? value : undefined;
    };
    expect(
      verifyWarroomSignature(
        hookSecret,
        header('x-warroom-timestamp'),
        delivery.text,
        header('x-warroom-signature'),
        Math.floor(Date.now() / 1000),
      ),
    ).toBe(true);
    expect(JSON.parse(delivery.text)).toMatchObject({
      version: 1,
      type: 'incident.update',
      page: { title: 'Acme status', url: `${fixture.t.hub.url}/status` },
      incident: {
        id: publicId(incidentId),
        title: 'Payments are failing',
        services: [{ id: 'checkout', name: 'Checkout' }],
      },
      update: { id: publicId(firstUpdateId), body: 'Some card payments fail. We are working on it.' },
    });

    await fixture.t.hub.statusPage.settled();
    // Sam (Search only) and Una (never confirmed) got their confirmation and nothing else.
    expect(smtp.messages.map((m) => m.to.join(',')).sort()).toEqual([
      'pat@example.com',
      'pat@example.com',
      'sam@example.com',
      'una@example.com',
    ]);
    expect(receiver.requests.map((r) => r.path)).toEqual(['/hook']);

    // RFC 8058 one-click, as a mail client does it.
    const oneClick = await post(unsubscribeUrl, 'List-Unsubscribe=One-Click');
    expect(oneClick.status).toBe(200);
    expect(oneClick.text).toContain('You are unsubscribed');

    const second = await ana.send('status_update.post', incidentId, {
      updateId: uid(),
      text: 'A fix is being rolled out.',
      audience: 'external',
    });
    expect(second.ok).toBe(true);
    expect(JSON.parse((await receiver.next()).text)).toMatchObject({ update: { body: 'A fix is being rolled out.' } });
    await fixture.t.hub.statusPage.settled();
    expect(smtp.messages.length).toBe(4); // nothing more to Pat

    for (const mail of smtp.messages) expect(everything(mail)).not.toContain(MARKER);
    for (const request of receiver.requests) {
      expect(request.text).not.toContain(MARKER);
      expect(request.text).not.toContain('payments-api');
    }
  });
});
