import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../../test/support/http-receiver.js';
import { samplePage, sampleVerification } from '../../test/support/page-messages.js';
import { makeSelfSignedCert } from '../../test/support/self-signed-cert.js';
import { startSmtpTestServer, type SmtpTestServer } from '../../test/support/smtp-test-server.js';
import { escapeHtml } from '../../http/escape-html.js';
import { emailSenderFor, pageMessageId, type SmtpSettings } from './email.js';

const AUTH = { user: 'warroom', pass: 's3cret-pässword' };
const settingsFor = (server: { port: number }, extra: Partial<SmtpSettings> = {}): SmtpSettings => ({
  host: '127.0.0.1',
  port: server.port,
  secure: false,
  requireTLS: false,
  auth: AUTH,
  from: 'Warroom <pager@warroom.example.com>',
  ...extra,
});

describe('e-mail through a real SMTP server', () => {
  let server: SmtpTestServer;
  let settings: SmtpSettings;
  beforeAll(async () => {
    server = await startSmtpTestServer({ auth: AUTH });
    settings = settingsFor(server);
  });
  afterEach(() => server.accept());
  afterAll(() => server.close());

  it('logs in and delivers a page as text and HTML with the acknowledge and runbook links', async () => {
    const page = samplePage();
    const outcome = await emailSenderFor(settings, 2000).send('ada@example.com', page);
    expect(outcome).toEqual({ ok: true, detail: expect.stringMatching(/^250 .*OK: queued as test/) as unknown });
    expect(server.logins).toContainEqual({ user: AUTH.user, pass: AUTH.pass, accepted: true });
    const mail = await server.next();
    expect(mail.user).toBe(AUTH.user);
    expect(mail.from).toBe('pager@warroom.example.com');
    expect(mail.to).toEqual(['ada@example.com']);
    const { parsed } = mail;
    expect(parsed.subject).toBe(page.subject);
    expect(parsed.headers.get('x-warroom-page-id')).toBe('page-7');
    expect(parsed.messageId).toBe(pageMessageId('page-7', 'ada@example.com', settings.from));
    const text = parsed.text ?? '';
    for (const part of ['INC-42', 'SEV-1', `Runbook: ${page.runbookUrl}`, `Acknowledge: ${page.ackUrl}`])
      expect(text).toContain(part);
    const html = typeof parsed.html === 'string' ? parsed.html : '';
    expect(html).toContain(`<h2>${escapeHtml(page.subject)}</h2>`);
    expect(html).toContain('Impact: &#60;b&#62;all&#60;/b&#62; payments &#38; refunds fail');
    expect(html).not.toContain('<b>all</b>');
    expect(html).toMatch(new RegExp(`<a href="${escapeRegex(escapeHtml(page.ackUrl ?? ''))}"[^>]*>Acknowledge</a>`));
    expect(html).toContain(`<a href="${escapeHtml(page.runbookUrl ?? '')}">Runbook</a>`);
    expect(html).toContain(`<a href="${escapeHtml(page.incidentUrl ?? '')}">Open the incident</a>`);
  });

  it('the same page to the same address keeps its Message-ID; another address gets another', () => {
    const a = pageMessageId('page-7', 'ada@example.com', settings.from);
    expect(pageMessageId('page-7', 'ADA@example.com', settings.from)).toBe(a);
    expect(pageMessageId('page-7', 'bob@example.com', settings.from)).not.toBe(a);
    expect(a).toMatch(/^<page-[0-9a-f]{24}@warroom\.example\.com>$/);
  });

  it('a verification mail has no page headers and no acknowledge link', async () => {
    expect(await emailSenderFor(settings, 2000).send('ada@example.com', sampleVerification())).toMatchObject({
      ok: true,
    });
    const { parsed } = await server.next();
    expect(parsed.headers.has('x-warroom-page-id')).toBe(false);
    expect(parsed.text).toContain('482913');
    expect(parsed.html).not.toContain('Acknowledge');
  });

  it.each([
    ['rcpt', 451, true],
    ['rcpt', 550, false],
    ['data', 451, true],
    ['data', 550, false],
  ] as const)('a %s answered %i is retryable: %s, with the server line as detail', async (at, code, retryable) => {
    server.refuse(at, code);
    const outcome = await emailSenderFor(settings, 2000).send('ada@example.com', samplePage());
    expect(outcome).toMatchObject({ ok: false, retryable, retryAfterMs: null });
    expect(outcome.detail).toMatch(new RegExp(`^${code} `));
  });

  it('a wrong password is final and the detail does not contain it', async () => {
    const wrong = settingsFor(server, { auth: { user: 'warroom', pass: 'wrong-password-xyz' } });
    const outcome = await emailSenderFor(wrong, 2000).send('ada@example.com', samplePage());
    expect(outcome).toMatchObject({ ok: false, retryable: false });
    expect(outcome.detail).toMatch(/535/);
    expect(outcome.detail).not.toContain('wrong-password-xyz');
    expect(await emailSenderFor(wrong, 2000).verify()).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/535/) as unknown,
    });
  });

  it('verify() connects and logs in without sending', async () => {
    const before = server.messages.length;
    expect(await emailSenderFor(settings, 2000).verify()).toEqual({
      ok: true,
      detail: `connected to 127.0.0.1:${server.port} and logged in`,
    });
    expect(server.messages.length).toBe(before);
  });

  it('reuses one sender per settings and timeout', () => {
    expect(emailSenderFor(settings, 2000)).toBe(emailSenderFor(settings, 2000));
  });
});

it('a refused connection is retryable', async () => {
  const port = await closedPort();
  const outcome = await emailSenderFor(settingsFor({ port }), 2000).send('ada@example.com', samplePage());
  expect(outcome).toMatchObject({ ok: false, retryable: true, retryAfterMs: null });
  expect(outcome.detail).toContain('ECONNREFUSED');
});

describe('STARTTLS', () => {
  const cert = makeSelfSignedCert();
  let server: SmtpTestServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it('upgrades when the server offers it, and requireTLS holds the hub to it', async (context) => {
    if ('skip' in cert) {
      console.warn(`skipped STARTTLS test: ${cert.skip}`);
      context.skip();
      return;
    }
    server = await startSmtpTestServer({ auth: AUTH, tls: cert });
    const settings = settingsFor(server, { requireTLS: true, tlsRejectUnauthorized: false });
    expect(await emailSenderFor(settings, 2000).send('ada@example.com', samplePage())).toMatchObject({ ok: true });
    expect((await server.next()).secure).toBe(true);
    // A self-signed certificate is refused unless the settings say otherwise: a final failure, not a retry.
    const strict = await emailSenderFor(settingsFor(server, { requireTLS: true }), 2000).send(
      'ada@example.com',
      samplePage(),
    );
    expect(strict).toMatchObject({ ok: false, retryable: false });
    expect(strict.detail).toMatch(/certificate/i);
  });

  it('requireTLS against a server without STARTTLS is a final failure', async () => {
    server = await startSmtpTestServer({ auth: AUTH });
    const outcome = await emailSenderFor(settingsFor(server, { requireTLS: true }), 2000).send(
      'ada@example.com',
      samplePage(),
    );
    expect(outcome).toMatchObject({ ok: false, retryable: false });
    expect(server.messages).toHaveLength(0);
  });
});

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
