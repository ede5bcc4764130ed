/**
 * A page reaches the person beyond the app: a real hub (real SQLite file, socket.io) on a fake clock, a real SMTP
 * server (smtp-server) and a local HTTP receiver standing in for ntfy and a signed webhook. The person's rules run
 * on the hub's stored outbox: ntfy after 1 minute, e-mail after 3, the webhook after 5, until acknowledged.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PageDelivery } from '../../shared/domain/incident.js';
import type { ContactOptions } from '../contact/contact.js';
import { ackLinkIn, addVerified, saveRules } from './support/contact-client.js';
import { startHttpReceiver, type HttpReceiver } from './support/http-receiver.js';
import { FakeTime } from './support/fake-time.js';
import { createLogger } from '../log.js';
import {
  MINUTE,
  WEDNESDAY,
  act,
  declareAt,
  oncallView,
  setUpCheckout,
  startPagingHub,
  type PagingHub,
} from './support/paging-hub.js';
import { startSmtpTestServer, type SmtpTestServer } from './support/smtp-test-server.js';
import type { TestClient } from './support/test-client.js';

let smtp: SmtpTestServer;
let ntfy: HttpReceiver;
let hook: HttpReceiver;
let t: PagingHub;
let ana: TestClient;
let admin: TestClient;
const methods = { mail: '', ntfy: '', hook: '' };
const logLines: string[] = [];

/** ntfy's posts (the hub also asks its GET /v1/health). */
const posts = (r: HttpReceiver) => r.requests.filter((q) => q.method === 'POST');
async function nextPost(r: HttpReceiver) {
  for (;;) {
    const request = await r.next();
    if (request.method === 'POST') return request;
  }
}
const ntfyJson = (text: string) =>
  JSON.parse(text) as {
    topic: string;
    message: string;
    priority: number;
    actions: { action: string; url: string; method?: string }[];
  };

function contactOptions(): ContactOptions {
  return {
    smtp: {
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      requireTLS: false,
      from: 'Warroom <pager@warroom.test>',
    },
    ntfyServer: ntfy.origin,
    sendTimeoutMs: 2000,
  };
}

/** Ana on call for checkout, with e-mail, ntfy and a webhook verified, and rules ntfy 1 min, e-mail 3, webhook 5. */
async function setUp(time = new FakeTime(WEDNESDAY)): Promise<void> {
  smtp = await startSmtpTestServer();
  ntfy = await startHttpReceiver();
  hook = await startHttpReceiver();
  logLines.length = 0;
  const logger = createLogger({ write: (line: string) => void logLines.push(line) }, 'info');
  t = await startPagingHub(time, undefined, logger, contactOptions());
  admin = await t.connect(t.tokens.admin);
  ana = await t.connect(t.tokens.ana);
  await setUpCheckout(t, admin);
  methods.mail = await addVerified(
    ana,
    { kind: 'email', address: 'ana@example.com' },
    async () => (await smtp.next()).parsed.text ?? '',
  );
  methods.ntfy = await addVerified(
    ana,
    { kind: 'ntfy', topic: 'ana-pager' },
    async () => ntfyJson((await nextPost(ntfy)).text).message,
  );
  methods.hook = await addVerified(
    ana,
    { kind: 'webhook', url: `${hook.origin}/sms`, secret: 'a-shared-secret-of-16+' },
    async () => (JSON.parse((await hook.next()).text) as { lines: string[] }).lines.join('\n'),
  );
  await saveRules(ana, [
    { methodId: methods.ntfy, afterMinutes: 1 },
    { methodId: methods.mail, afterMinutes: 3 },
    { methodId: methods.hook, afterMinutes: 5 },
  ]);
}

afterEach(async () => {
  await t.close();
  await Promise.all([smtp.close(), ntfy.close(), hook.close()]);
});

const deliveries = (incidentId: string): PageDelivery[] =>
  t.hub.state().incidents[incidentId]?.pages.find((p) => p.person.name === 'ana')?.deliveries ?? [];

describe('notification rules on the outbox', () => {
  beforeEach(() => setUp());

  it('sends each step at its delay, and the e-mail link acknowledges and stops the rest', async () => {
    const incidentId = await declareAt(admin, t.time, { severity: 'SEV-2' });
    await t.advance(0);
    expect([posts(ntfy).length, smtp.messages.length, hook.requests.length]).toEqual([1, 1, 1]); // the codes only

    await t.advance(1 * MINUTE);
    const push = ntfyJson((await nextPost(ntfy)).text);
    expect(push).toMatchObject({ topic: 'ana-pager', priority: 4 });
    expect(push.actions[0]).toMatchObject({ action: 'http', method: 'POST' });
    expect(push.actions[0]?.url).toMatch(new RegExp(`^${t.hub.url}/ack/`));
    expect(smtp.messages).toHaveLength(1);

    await t.advance(2 * MINUTE);
    const mail = await smtp.next();
    expect(mail.to).toEqual(['ana@example.com']);
    expect(mail.parsed.subject).toBe('[SEV-2] INC-1 Checkout errors');
    expect(mail.parsed.text).toContain(`Open the incident: ${t.hub.url}/#/incident/${incidentId}`);
    expect(deliveries(incidentId).map((d) => [d.method, d.result, d.attempts])).toEqual([
      ['ntfy', 'sent', 1],
      ['email', 'sent', 1],
    ]);

    const link = ackLinkIn(mail.parsed.text ?? '');
    const shown = await fetch(link);
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain('Checkout errors');
    expect(t.hub.state().incidents[incidentId]?.moments.acknowledgedAt).toBeNull(); // a GET never acknowledges

    const pressed = await fetch(link, { method: 'POST' });
    expect(pressed.status).toBe(200);
    expect(await pressed.text()).toContain('Acknowledged INC-1');
    await t.advance(0);
    const incident = t.hub.state().incidents[incidentId];
    expect(incident?.lastAcknowledgedBy?.name).toBe('ana');
    expect(incident?.pages[0]?.acknowledgedAt).not.toBeNull();

    await t.advance(10 * MINUTE);
    expect(hook.requests).toHaveLength(1); // the webhook step never ran: only its verification
    const row = await t.hub.hubStore.contact.outboxRow(incident?.pages[0]?.id ?? '', methods.hook);
    expect(row).toMatchObject({ status: 'cancelled', detail: 'not sent: acknowledged by ana' });
  });

  it.each([
    { acknowledgedAfter: 0.5, sent: [] },
    { acknowledgedAfter: 2, sent: ['ntfy'] },
    { acknowledgedAfter: 4, sent: ['ntfy', 'email'] },
    { acknowledgedAfter: null, sent: ['ntfy', 'email', 'webhook'] },
  ])(
    'acknowledged after $acknowledgedAfter min: only the steps due before it went out',
    async ({ acknowledgedAfter, sent }) => {
      // SEV-3: its step timeout (60 min) keeps the escalation from moving on while the rules run.
      const incidentId = await declareAt(admin, t.time, { severity: 'SEV-3' });
      if (acknowledgedAfter !== null) {
        await t.advance(acknowledgedAfter * MINUTE);
        await act(ana, t.time, 'incident.acknowledge', incidentId, { lead: false });
      }
      await t.advance(10 * MINUTE);
      expect(deliveries(incidentId).map((d) => d.method)).toEqual(sent);
      expect([posts(ntfy).length, smtp.messages.length, hook.requests.length]).toEqual(
        ['ntfy', 'email', 'webhook'].map((m) => 1 + (sent.includes(m) ? 1 : 0)),
      );
    },
  );

  it('retries an SMTP server that says "try later", records a refusal as failed, and the next step still runs', async () => {
    const incidentId = await declareAt(admin, t.time, { severity: 'SEV-3' });
    smtp.refuse('rcpt', 451, 'mailbox busy');
    await t.advance(3 * MINUTE);
    expect(deliveries(incidentId).find((d) => d.method === 'email')).toMatchObject({
      result: 'retrying',
      attempts: 1,
      nextAttemptAt: new Date(Date.parse(WEDNESDAY) + 3 * MINUTE + 30_000).toISOString(),
    });
    smtp.refuse('rcpt', 550, 'no such user');
    await t.advance(30_000);
    const failed = deliveries(incidentId).find((d) => d.method === 'email');
    expect(failed).toMatchObject({ result: 'failed', attempts: 2, nextAttemptAt: null });
    expect(failed?.detail).toMatch(/550/);
    // The guardrail: the log says ana's e-mail failed, and so does the on-call screen.
    expect(
      logLines.some((l) =>
        /ana may not be reached by a page: the last page by E-mail \(a•••@example.com\) failed: 550/.test(l),
      ),
    ).toBe(true);
    expect((await oncallView(admin)).reachability).toEqual([
      {
        userId: t.people.ana.id,
        name: 'ana',
        problems: [expect.stringMatching(/^the last page by E-mail .* failed: 550/)],
      },
      expect.objectContaining({ name: 'bo' }),
      expect.objectContaining({ name: 'cy' }),
    ]);
    await t.advance(2 * MINUTE);
    expect(hook.requests).toHaveLength(2);
    expect(deliveries(incidentId).map((d) => [d.method, d.result])).toEqual([
      ['ntfy', 'sent'],
      ['email', 'failed'],
      ['webhook', 'sent'],
    ]);
    const events = await t.hub.store.readIncident(incidentId);
    expect(
      events
        .filter((e) => e.type === 'page.delivery')
        .map((e) => e.type === 'page.delivery' && `${e.payload.method} ${e.payload.result}`),
    ).toEqual(['ntfy sent', 'email retrying', 'email failed', 'webhook sent']);
  });

  it('answers 429 and 500 with back-off, and gives up after the last try', async () => {
    ntfy.answerWith([
      { status: 429, headers: { 'retry-after': '120' } },
      { status: 500, body: 'oops' },
    ]);
    const incidentId = await declareAt(admin, t.time, { severity: 'SEV-3' });
    await t.advance(1 * MINUTE);
    expect(deliveries(incidentId)[0]).toMatchObject({ result: 'retrying', attempts: 1 });
    // Retry-After 120 s is longer than the first back-off (30 s): honoured.
    expect(deliveries(incidentId)[0]?.nextAttemptAt).toBe(new Date(Date.parse(WEDNESDAY) + 3 * MINUTE).toISOString());
    await t.advance(30 * MINUTE);
    expect(deliveries(incidentId)[0]).toMatchObject({ method: 'ntfy', result: 'failed', attempts: 6 });
    expect(posts(ntfy)).toHaveLength(1 + 6);
  });
});

describe('restart safety', () => {
  beforeEach(() => setUp());

  it('a hub restarted between steps sends the later step once, and nothing twice', async () => {
    const incidentId = await declareAt(admin, t.time, { severity: 'SEV-3' });
    await t.advance(1 * MINUTE);
    expect(posts(ntfy)).toHaveLength(2);
    t = await t.restart(3 * MINUTE); // down from 1 to 4 minutes: the e-mail (3) fell due meanwhile
    await t.advance(0);
    expect(smtp.messages).toHaveLength(2); // the code, then the page after the restart
    expect(posts(ntfy)).toHaveLength(2);
    await t.advance(2 * MINUTE);
    expect(hook.requests).toHaveLength(2);
    expect(deliveries(incidentId).map((d) => [d.method, d.attempts])).toEqual([
      ['ntfy', 1],
      ['email', 1],
      ['webhook', 1],
    ]);
  });
});

describe('response windows come first', () => {
  // 03:00 in Berlin: a SEV-3 page is held until working hours (09:00 Berlin = 08:00 UTC).
  beforeEach(() => setUp(new FakeTime('2026-03-25T02:00:00.000Z')));

  it('a held page sends nothing until it goes out, then its rules run from then', async () => {
    const incidentId = await declareAt(admin, t.time, { severity: 'SEV-3' });
    await t.advance(60 * MINUTE);
    expect([posts(ntfy).length, smtp.messages.length]).toEqual([1, 1]);
    await t.advance(5 * 60 * MINUTE + 1 * MINUTE);
    expect(t.hub.state().incidents[incidentId]?.pages[0]?.status).toBe('sent');
    expect(posts(ntfy)).toHaveLength(2);
    expect(deliveries(incidentId)[0]?.at).toBe('2026-03-25T08:01:00.000Z');
  });
});
