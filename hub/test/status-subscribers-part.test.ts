import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestHub, bob } from '../../shared/domain/test-support.js';
import { publicId } from '../../shared/status-page/public-status.js';
import { statusPageConfigSchema, type StatusPageConfig } from '../../shared/status-page/status-page-config.js';
import { verifyWarroomSignature } from '../contact/senders/signed-webhook.js';
import { silentLogger } from '../log.js';
import { loadOrCreateKey, openSecret, sealSecret } from '../secrets/secret-box.js';
import type { StatusPagePart, StatusPagePartDeps } from '../status-page/status-page-parts.js';
import type { StatusPageStore } from '../status-page/status-page-store.js';
import { createSubscribers } from '../status-page/subscribers/subscribers.js';
import { startHttpReceiver, type HttpReceiver } from './support/http-receiver.js';
import { startSmtpTestServer, type ReceivedMail, type SmtpTestServer } from './support/smtp-test-server.js';
import { sqliteStoreFixture, type StoreFixture } from './support/store-fixtures.js';

/**
 * The subscribers part on its own, with real pieces: a real SQLite status page store, a real SMTP server, a real
 * HTTP server routing to the part, a local webhook receiver, and a fake clock. The outbox's loop is the wiring's;
 * here `deliverDue` does what it does (claim due rows, run the part's handler, finish them).
 */

const MARKER = 'ZQX-INTERNAL-7731';
const CONFIG: StatusPageConfig = statusPageConfigSchema.parse({
  title: 'Acme status',
  services: [
    { key: 'payments-api', name: 'Checkout' },
    { key: 'search', name: 'Search' },
  ],
});

interface Rig {
  readonly part: StatusPagePart;
  readonly store: StatusPageStore;
  readonly smtp: SmtpTestServer;
  readonly origin: string;
  readonly domain: TestHub;
  readonly clock: { now: () => number; advance(ms: number): void };
  readonly changes: { count: number };
  deliverDue(): Promise<void>;
  post(path: string, body: string, type?: string): Promise<{ status: number; text: string }>;
  get(path: string): Promise<{ status: number; text: string }>;
}

let fixture: StoreFixture;
let smtp: SmtpTestServer;
let server: Server | undefined;
let keyDir: string;

beforeEach(async () => {
  fixture = await sqliteStoreFixture('warroom-subscribers-');
  smtp = await startSmtpTestServer();
  keyDir = mkdtempSync(join(tmpdir(), 'warroom-subscribers-key-'));
});

afterEach(async () => {
  if (server) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = undefined;
  }
  await smtp.close();
  await fixture.dispose();
  rmSync(keyDir, { recursive: true, force: true });
});

async function rig(options: { email?: boolean } = {}): Promise<Rig> {
  const key = loadOrCreateKey(join(keyDir, 'secrets.key'));
  const store = fixture.store.statusPage;
  const domain = new TestHub('2026-12-03T10:00:00.000Z');
  let now = Date.parse(domain.now);
  const clock = { now: () => now, advance: (ms: number) => (now += ms) };
  const changes = { count: 0 };
  let base = '';
  const deps: StatusPagePartDeps = {
    store,
    seal: (plain) => sealSecret(key, plain),
    open: (sealed) => openSecret(key, sealed),
    state: () => domain.state,
    config: () => CONFIG,
    enqueue: async (rows) => {
      await store.enqueue(rows);
    },
    urls: {
      base: () => base,
      incident: (id) => `${base}/#/incident/${id}`,
      page: () => `${base}/status`,
    },
    smtp:
      options.email === false
        ? null
        : {
            host: smtp.host,
            port: smtp.port,
            secure: false,
            requireTLS: false,
            from: 'Acme status <status@example.com>',
          },
    sendTimeoutMs: 5000,
    linkKey: Buffer.from('0123456789abcdef0123456789abcdef'),
    clock,
    logger: silentLogger,
    changed: () => {
      changes.count += 1;
    },
  };
  const part = createSubscribers(deps);
  server = createServer((req, res) => {
    void part.handleHttp?.(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end('not the part’s');
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  base = origin;
  const answer = async (response: Response) => ({ status: response.status, text: await response.text() });
  return {
    part,
    store,
    smtp,
    origin,
    domain,
    clock,
    changes,
    async deliverDue() {
      await part.settled();
      const at = new Date(clock.now()).toISOString();
      const rows = await store.claimDue(at, 'test', new Date(clock.now() + 60_000).toISOString(), 100);
      for (const row of rows) {
        const handler = part.handlers[row.kind];
        if (!handler) throw new Error(`no handler for ${row.kind}`);
        const outcome = await handler(row, deps.open(row.sealedBody));
        await store.finish(row.id, 'test', {
          status: outcome.ok ? 'sent' : 'failed',
          attempts: row.attempts + 1,
          dueAt: row.dueAt,
          detail: outcome.detail,
          updatedAt: at,
        });
      }
    },
    post: async (path, body, type = 'application/x-www-form-urlencoded') =>
      answer(await fetch(`${origin}${path}`, { method: 'POST', headers: { 'content-type': type }, body })),
    get: async (path) => answer(await fetch(`${origin}${path}`)),
  };
}

const form = (email: string, ...services: string[]) =>
  new URLSearchParams([['email', email], ...services.map((s): [string, string] => ['service', s])]).toString();

/** The path of the link in a mail's text after `label: `. */
function linkIn(mail: ReceivedMail, label: string, origin: string): string {
  const line = (mail.parsed.text ?? '').split('\n').find((l) => l.startsWith(`${label}: `));
  if (!line) throw new Error(`no "${label}" link in: ${mail.parsed.text}`);
  const url = line.slice(label.length + 2).trim();
  expect(url.startsWith(origin)).toBe(true);
  return url.slice(origin.length);
}

/** Every byte of a received mail that a person could read: headers, subject, text and HTML. */
function allOf(mail: ReceivedMail): string {
  return [
    ...mail.parsed.headerLines.map((h) => h.line),
    mail.parsed.subject ?? '',
    mail.parsed.text ?? '',
    typeof mail.parsed.html === 'string' ? mail.parsed.html : '',
  ].join('\n');
}

async function subscribeAndConfirm(r: Rig, email: string, ...services: string[]): Promise<void> {
  expect((await r.post('/status/subscribe', form(email, ...services))).status).toBe(200);
  await r.deliverDue();
  const mail = await r.smtp.next();
  expect(mail.to).toEqual([email]);
  const confirm = linkIn(mail, 'Confirm', r.origin);
  expect((await r.post(confirm, '')).text).toContain('You are subscribed');
}

/** A SEV-2 on payments-api with an internal update carrying MARKER, then an external update (Bob holds Comms). */
function publishOnPayments(r: Rig, updateId: string, text: string) {
  const d = r.domain;
  if (!d.state.incidents['inc-1']) {
    r.part.onCommitted(d.declare({ service: 'payments-api', title: `${MARKER} title` }), d.state);
    r.part.onCommitted(d.ok('role.assign', { role: 'comms', person: bob }), d.state);
    r.part.onCommitted(
      d.ok('status_update.post', { updateId: 'u-internal', text: `${MARKER} restart`, audience: 'internal' }),
      d.state,
    );
  }
  const events = d.ok(
    'status_update.post',
    { updateId, text, audience: 'external', publicTitle: 'Payments are failing' },
    { actor: bob },
  );
  r.part.onCommitted(events, d.state);
  return events;
}

describe('e-mail subscribers (double opt-in, per service, one-click unsubscribe)', () => {
  it('confirms by POST, mails the right subscribers, and stops after a one-click unsubscribe', async () => {
    const r = await rig();
    // Ana chooses Checkout; Ben chooses Search only; Cy never confirms.
    expect((await r.post('/status/subscribe', form('ana@example.com', 'checkout'))).text).toContain('Check your inbox');
    await r.deliverDue();
    const confirmation = await r.smtp.next();
    expect(confirmation.parsed.subject).toBe('[Acme status] Confirm your subscription');
    expect(confirmation.parsed.text).toContain('(Checkout)');
    const confirmPath = linkIn(confirmation, 'Confirm', r.origin);

    // Stored sealed, masked, and found again by its hash: never in clear.
    const [stored] = await r.store.subscribers();
    expect(stored).toMatchObject({
      kind: 'email',
      target: 'a•••@example.com',
      services: ['payments-api'],
      confirmedAt: null,
    });
    expect(stored?.sealedTarget).not.toContain('ana@example.com');
    expect(stored?.addressHash).toMatch(/^[0-9a-f]{64}$/);

    // GET (a mail scanner) shows a button and confirms nothing.
    const asked = await r.get(confirmPath);
    expect(asked.status).toBe(200);
    expect(asked.text).toMatch(
      /<form method="post" action="[^"]+"><button type="submit">Confirm subscription<\/button>/,
    );
    expect(asked.text).toContain('<html lang="en">');
    expect(asked.text).not.toContain('<script');
    expect((await r.store.subscribers())[0]?.confirmedAt).toBeNull();

    // A forged or altered token is refused before anything changes.
    const altered = confirmPath.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await r.post(altered, '')).status).toBe(404);
    const widened = confirmPath.replace('.checkout.', '.checkout~search.');
    expect(widened).not.toBe(confirmPath);
    expect((await r.post(widened, '')).status).toBe(404);
    expect((await r.store.subscribers())[0]?.confirmedAt).toBeNull();

    expect((await r.post(confirmPath, '')).text).toContain('You are subscribed');
    expect((await r.store.subscribers())[0]?.confirmedAt).not.toBeNull();

    await subscribeAndConfirm(r, 'ben@example.com', 'search');
    expect((await r.post('/status/subscribe', form('cy@example.com'))).status).toBe(200);
    await r.deliverDue();
    expect((await r.smtp.next()).to).toEqual(['cy@example.com']);

    const before = r.smtp.messages.length;
    publishOnPayments(r, 'u-1', 'Some payments fail. We are on it.');
    await r.deliverDue();
    const update = await r.smtp.next();
    expect(r.smtp.messages.length).toBe(before + 1); // Ana only: not Ben (Search), not Cy (unconfirmed)
    expect(update.to).toEqual(['ana@example.com']);
    expect(update.parsed.subject).toBe('[Acme status] Payments are failing: Investigating');
    expect(update.parsed.text).toContain('Some payments fail. We are on it.');
    expect(update.parsed.text).toContain(`${r.origin}/status#incident-${publicId('inc-1')}`);
    const unsubscribe = linkIn(update, 'Unsubscribe', r.origin);
    const headers = new Map(update.parsed.headerLines.map((h) => [h.key, h.line.replace(/\r\n(?=[ \t])/g, '')]));
    expect(headers.get('list-unsubscribe')).toBe(`List-Unsubscribe: <${r.origin}${unsubscribe}>`);
    expect(headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    for (const mail of r.smtp.messages) expect(allOf(mail)).not.toContain(MARKER);

    // GET (a scanner, or the person from the mail's footer) asks first.
    const ask = await r.get(unsubscribe);
    expect(ask.text).toMatch(/<button type="submit">Unsubscribe<\/button>/);
    expect((await r.store.subscribers()).length).toBe(3);

    // RFC 8058 one-click: the mail client POSTs the header's URL with this body.
    const oneClick = await r.post(unsubscribe, 'List-Unsubscribe=One-Click');
    expect(oneClick.status).toBe(200);
    expect(oneClick.text).toContain('You are unsubscribed');
    expect((await r.store.subscribers()).map((s) => s.target).sort()).toEqual(['b•••@example.com', 'c•••@example.com']);
    // The link keeps working (the same answer), and GET only asks.
    expect((await r.post(unsubscribe, 'List-Unsubscribe=One-Click')).status).toBe(200);

    publishOnPayments(r, 'u-2', 'Fixed.');
    await r.deliverDue();
    expect(r.smtp.messages.length).toBe(before + 1);
  });

  it('answers the same whatever the address, and resends a confirmation at most once per window', async () => {
    const r = await rig();
    await subscribeAndConfirm(r, 'ana@example.com', 'checkout');
    const fresh = await r.post('/status/subscribe', form('new@example.com'));
    const again = await r.post('/status/subscribe', form('ana@example.com', 'search'));
    expect(again).toEqual(fresh);
    await r.deliverDue();
    expect((await r.smtp.next()).to).toEqual(['new@example.com']);
    expect(r.smtp.messages.length).toBe(2); // Ana's first, New's; Ana's second waits for the window
    // A confirmed subscriber's services change only when its owner confirms the new choice.
    const ana = async () => (await r.store.subscribers()).find((s) => s.target === 'a•••@example.com');
    expect((await ana())?.services).toEqual(['payments-api']);

    r.clock.advance(11 * 60_000);
    await r.post('/status/subscribe', form('ANA@example.com ', 'search'));
    await r.deliverDue();
    const second = await r.smtp.next();
    expect(second.to).toEqual(['ana@example.com']);
    expect(second.parsed.text).toContain('(Search)');
    expect((await r.store.subscribers()).length).toBe(2); // the same row, found by the address's hash
    await r.post(linkIn(second, 'Confirm', r.origin), '');
    expect((await ana())?.services).toEqual(['search']);
  });

  it('lets a confirmation link expire after seven days and forgets unconfirmed addresses', async () => {
    const r = await rig();
    await r.post('/status/subscribe', form('cy@example.com'));
    await r.deliverDue();
    const confirm = linkIn(await r.smtp.next(), 'Confirm', r.origin);
    r.clock.advance(7 * 24 * 60 * 60_000 + 1000);
    const expired = await r.post(confirm, '');
    expect(expired.status).toBe(410);
    expect(expired.text).toContain('has expired');
    // The next subscribe (anyone's) forgets it.
    await r.post('/status/subscribe', form('dee@example.com'));
    expect((await r.store.subscribers()).map((s) => s.target)).toEqual(['d•••@example.com']);
  });

  it('refuses bad forms with a clear page and stores nothing', async () => {
    const r = await rig();
    const bad = await r.post('/status/subscribe', form('not-an-address'));
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('is not an e-mail address');
    expect((await r.post('/status/subscribe', form('ana@example.com', 'no-such-service'))).status).toBe(400);
    expect((await r.post('/status/subscribe', form('ana@example.com'), 'application/json')).status).toBe(415);
    expect((await r.post('/status/subscribe', `email=${'a'.repeat(9000)}%40example.com`)).status).toBe(413);
    expect((await r.post('/status/unsubscribe/nope.nope', '')).status).toBe(404);
    expect(await r.store.subscribers()).toEqual([]);
    expect(r.smtp.messages).toEqual([]);
  });

  it('offers no e-mail subscription without SMTP settings', async () => {
    const r = await rig({ email: false });
    const answer = await r.post('/status/subscribe', form('ana@example.com'));
    expect(answer.status).toBe(404);
    expect(answer.text).toContain('E-mail subscriptions are not offered');
    expect(await r.store.subscribers()).toEqual([]);
  });
});

describe('webhook subscribers', () => {
  let receiver: HttpReceiver;
  beforeEach(async () => {
    receiver = await startHttpReceiver();
  });
  afterEach(async () => {
    await receiver.close();
  });

  it('get the signed, versioned public JSON for their services only', async () => {
    const r = await rig();
    const secret = 'whsec-0123456789abcdef';
    const key = loadOrCreateKey(join(keyDir, 'secrets.key'));
    const add = async (id: string, services: string[]) =>
      r.store.putSubscriber({
        id,
        kind: 'webhook',
        target: '127.0.0.1',
        sealedTarget: sealSecret(key, JSON.stringify({ url: `${receiver.origin}/${id}`, secret })),
        addressHash: null,
        services,
        createdAt: new Date(r.clock.now()).toISOString(),
        confirmedAt: new Date(r.clock.now()).toISOString(),
      });
    await add('w-payments', ['Payments-API']);
    await add('w-search', ['search']);
    const events = publishOnPayments(r, 'u-1', 'Some payments fail.');
    await r.deliverDue();
    const request = await receiver.next();
    expect(receiver.requests.length).toBe(1);
    expect(request.path).toBe('/w-payments');
    const timestamp = request.headers['x-warroom-timestamp'];
    const signature = request.headers['x-warroom-signature'];
    expect(
      verifyWarroomSignature(
        secret,
        typeof timestamp === 'string' ? timestamp : undefined,
        request.text,
        typeof signature === 'string' ? signature : undefined,
        Math.floor(r.clock.now() / 1000),
      ),
    ).toBe(true);
    expect(request.text).not.toContain(MARKER);
    expect(request.text).not.toContain('payments-api');
    expect(JSON.parse(request.text)).toMatchObject({
      version: 1,
      type: 'incident.update',
      page: { title: 'Acme status', url: `${r.origin}/status` },
      incident: {
        id: publicId('inc-1'),
        title: 'Payments are failing',
        services: [{ id: 'checkout', name: 'Checkout' }],
      },
      update: { id: publicId('u-1'), body: 'Some payments fail.', status: 'investigating' },
    });

    // The same commit handled again (a restart, another node) adds nothing: the row's id is (update, subscriber).
    r.part.onCommitted(events, r.domain.state);
    await r.deliverDue();
    expect(receiver.requests.length).toBe(1);
  });

  it('say what each send came to: retry on SMTP 4xx, HTTP 5xx and 429 (with Retry-After), not on SMTP 5xx', async () => {
    const r = await rig();
    const key = loadOrCreateKey(join(keyDir, 'secrets.key'));
    await subscribeAndConfirm(r, 'ana@example.com');
    await r.store.putSubscriber({
      id: 'w-all',
      kind: 'webhook',
      target: '127.0.0.1',
      sealedTarget: sealSecret(
        key,
        JSON.stringify({ url: `${receiver.origin}/hook`, secret: 'whsec-0123456789abcdef' }),
      ),
      addressHash: null,
      services: [],
      createdAt: new Date(r.clock.now()).toISOString(),
      confirmedAt: new Date(r.clock.now()).toISOString(),
    });
    publishOnPayments(r, 'u-1', 'Some payments fail.');
    await r.part.settled();
    const at = new Date(r.clock.now()).toISOString();
    const rows = await r.store.claimDue(at, 'test', new Date(r.clock.now() + 60_000).toISOString(), 10);
    const mailRow = rows.find((row) => row.kind === 'subscriber-email');
    const hookRow = rows.find((row) => row.kind === 'subscriber-webhook');
    if (!mailRow || !hookRow)
      throw new Error(`expected a mail and a webhook row, got ${rows.map((x) => x.kind).join()}`);
    const send = (row: typeof mailRow) => {
      const handler = r.part.handlers[row.kind];
      if (!handler) throw new Error(`no handler for ${row.kind}`);
      return handler(row, openSecret(key, row.sealedBody));
    };

    r.smtp.refuse('rcpt', 451);
    expect(await send(mailRow)).toMatchObject({ ok: false, retryable: true });
    r.smtp.refuse('rcpt', 550, '5.1.1 <ana@example.com> mailbox unavailable');
    const refused = await send(mailRow);
    expect(refused).toMatchObject({ ok: false, retryable: false });
    expect(refused.detail).toContain('mailbox unavailable');
    expect(refused.detail).not.toContain('ana@example.com'); // the outbox keeps details in clear
    r.smtp.accept();
    expect(await send(mailRow)).toMatchObject({ ok: true });

    receiver.answerWith([{ status: 429, headers: { 'retry-after': '120' } }, { status: 500 }, { status: 410 }]);
    expect(await send(hookRow)).toMatchObject({ ok: false, retryable: true, retryAfterMs: 120_000 });
    expect(await send(hookRow)).toMatchObject({ ok: false, retryable: true });
    expect(await send(hookRow)).toMatchObject({ ok: false, retryable: false });
    // Every try of one message carries the same delivery id, to dedupe on.
    const ids = receiver.requests.map((q) => q.headers['x-warroom-delivery']);
    expect(new Set(ids)).toEqual(new Set([hookRow.id]));

    // Unsubscribed meanwhile: nothing is sent, and trying again would not help.
    await r.store.removeSubscriber('w-all');
    expect(await send(hookRow)).toMatchObject({ ok: false, retryable: false });
  });
});
