import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageMessage } from '../shared/contact/page-message.js';
import type { Incident } from '../shared/domain/incident.js';
import { pushPayload } from '../hub/contact/senders/web-push.js';
import { ackLinkIn, codeIn } from '../hub/test/support/contact-client.js';
import { startHttpReceiver, type HttpReceiver } from '../hub/test/support/http-receiver.js';
import { startSmtpTestServer, type ReceivedMail, type SmtpTestServer } from '../hub/test/support/smtp-test-server.js';
import { join } from 'node:path';
import { DOC_SCREENSHOTS, saveScreenshot } from './support/artifacts.js';
import { startAlertmanager, type AlertmanagerProcess } from './support/alertmanager-process.js';
import { launchChromium, unexpectedConsoleErrors, type WebClient } from './support/browser.js';
import { startE2eHub, type E2eHub } from './support/hub-process.js';
import { openSignedIn } from './support/signed-in.js';
import { createRotation, openIncident, openScreen, pageEntry, routeService } from './support/warroom-page.js';

/**
 * A page reaches a person beyond the app, end to end: a real Alertmanager alert, a real hub process with SMTP and
 * ntfy set up, a real SMTP server and a receiver standing in for ntfy, real Chromium. Ana sets up e-mail and ntfy on
 * her Profile (verifying each with the code it received), is paged, leaves the desktop notification alone, gets the
 * e-mail, and acknowledges from its link. Waits are bounded polls, never fixed sleeps.
 */
describe('paged by e-mail and ntfy, acknowledged from the e-mail', () => {
  let smtp: SmtpTestServer;
  let ntfy: HttpReceiver;
  let hub: E2eHub;
  let browser: Browser;
  let admin: WebClient;
  let ana: WebClient;
  let alertmanager: AlertmanagerProcess | undefined;

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    ntfy = await startHttpReceiver();
    hub = await startE2eHub(
      [
        { name: 'root', role: 'admin' },
        { name: 'ana', role: 'responder' },
      ],
      {
        env: {
          WARROOM_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
          WARROOM_SMTP_FROM: 'Warroom <pager@warroom.test>',
          WARROOM_NTFY_URL: ntfy.origin,
        },
      },
    );
    browser = await launchChromium();
    admin = await openSignedIn(browser, hub, 'root');
    ana = await openSignedIn(browser, hub, 'ana');
  });

  afterAll(async () => {
    await alertmanager?.stop();
    await browser?.close();
    await hub?.dispose();
    await smtp?.close();
    await ntfy?.close();
  });

  /** ntfy's POSTs (the hub also asks its GET /v1/health), as JSON. */
  const ntfyPosts = () =>
    ntfy.requests
      .filter((r) => r.method === 'POST')
      .map(
        (r) => JSON.parse(r.text) as { topic: string; message: string; priority: number; actions: { url: string }[] },
      );

  it('adds and verifies e-mail and ntfy on the Profile, with the codes they received', async () => {
    const { page } = ana;
    await openScreen(page, 'Profile');
    const section = page.getByRole('region', { name: 'How pages reach me' });
    await section.waitFor();
    const form = section.getByRole('form', { name: 'Add a method' });

    await form.getByLabel('Kind').selectOption({ label: 'E-mail' });
    await form.getByLabel('E-mail address').fill('ana@example.com');
    await form.getByRole('button', { name: 'Add E-mail' }).click();
    const mail = await smtp.next();
    expect(mail.parsed.subject).toMatch(/^Warroom verification code \d{6}$/);
    const mailForm = section.getByRole('form', { name: 'Verify E-mail a•••@example.com' });
    await mailForm.getByLabel('Code').fill(codeIn(mail.parsed.text ?? ''));
    await mailForm.getByRole('button', { name: 'Verify', exact: true }).click();
    await mailForm.waitFor({ state: 'detached' });

    await form.getByLabel('Kind').selectOption({ label: 'ntfy' });
    await form.getByLabel('ntfy topic').fill('ana-pager-7f3');
    await form.getByRole('button', { name: 'Add ntfy' }).click();
    await expect.poll(() => ntfyPosts().length, { timeout: 10_000 }).toBe(1);
    const ntfyForm = section.getByRole('form', { name: /^Verify ntfy / });
    await ntfyForm.getByLabel('Code').fill(codeIn(ntfyPosts()[0]?.message ?? ''));
    await ntfyForm.getByRole('button', { name: 'Verify', exact: true }).click();
    await ntfyForm.waitFor({ state: 'detached' });

    const methods = section.getByRole('list', { name: 'Contact methods' });
    await expect.poll(() => methods.getByText('Verified').count(), { timeout: 10_000 }).toBe(2);
    await saveScreenshot(page, 'profile-contact', { docs: true, fullPage: true });
    expect(unexpectedConsoleErrors(ana)).toEqual([]);
  });

  it('an Alertmanager alert pages ana by e-mail and ntfy; the e-mail link acknowledges; the Paging panel shows both', async () => {
    await openScreen(admin.page, 'On-call');
    await createRotation(admin.page, {
      name: 'Checkout',
      people: ['ana'],
      handoffTime: '00:00',
      shift: 'Daily',
      timeZone: 'UTC',
      firstHandoff: new Date().toISOString().slice(0, 10),
    });
    await routeService(admin.page, 'checkout', 'Checkout');

    alertmanager = await startAlertmanager({
      webhookUrl: `${hub.url}/api/webhooks/alertmanager`,
      token: hub.integrationToken('alertmanager'),
    });
    await alertmanager.postAlerts([
      {
        labels: { alertname: 'CheckoutErrors', severity: 'critical', service: 'checkout' },
        annotations: {
          summary: 'Checkout 5xx rate above 5%',
          runbook_url: 'https://runbooks.example.com/checkout/5xx',
        },
        startsAt: new Date().toISOString(),
      },
    ]);

    // Ana's desktop notification is left alone: the page reaches her by e-mail and ntfy too.
    let page: ReceivedMail;
    do page = await smtp.next();
    while (!page.parsed.subject?.startsWith('[SEV-1]'));
    expect(page.parsed.subject).toBe('[SEV-1] INC-1 Checkout 5xx rate above 5%');
    const text = page.parsed.text ?? '';
    expect(text).toContain('Runbook: https://runbooks.example.com/checkout/5xx');
    const link = ackLinkIn(text);
    expect(link).toMatch(new RegExp(`^${hub.url}/ack/`));
    expect(page.parsed.html).toContain('>Acknowledge</a>');
    await expect.poll(() => ntfyPosts().length, { timeout: 10_000 }).toBe(2);
    expect(ntfyPosts()[1]).toMatchObject({ topic: 'ana-pager-7f3', priority: 5 });

    // The link in ana's browser: a page with one button; pressing it acknowledges as ana.
    const tab = await ana.page.context().newPage();
    await tab.goto(link);
    await tab.getByRole('heading', { name: '[SEV-1] INC-1 Checkout 5xx rate above 5%' }).waitFor();
    await saveScreenshot(tab, 'acknowledge-link', { docs: true });
    const incidents = async () => (await hub.api<{ incidents: Incident[] }>('/api/incidents', 'root')).incidents;
    expect((await incidents())[0]?.moments.acknowledgedAt).toBeNull();
    await tab.getByRole('button', { name: 'Acknowledge' }).click();
    await tab.getByRole('heading', { name: 'Acknowledged INC-1' }).waitFor();
    await tab.close();
    await expect.poll(async () => (await incidents())[0]?.lastAcknowledgedBy?.name, { timeout: 10_000 }).toBe('ana');

    // The room's Paging panel: the page to ana, acknowledged, with each message and what it answered.
    await openScreen(admin.page, 'Board');
    await openIncident(admin.page, 'Checkout 5xx rate above 5%');
    const entry = pageEntry(admin.page, 'ana');
    await entry.getByText(/acknowledged by ana/).waitFor();
    const messages = entry.getByRole('list', { name: 'Messages to ana' });
    await messages.locator('[data-delivery-method="email"][data-delivery-result="sent"]').waitFor();
    await messages.locator('[data-delivery-method="ntfy"][data-delivery-result="sent"]').waitFor();
    expect(await messages.getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(/^(E-mail \(a•••@example\.com\)|ntfy \(127\.0\.0\.1:\d+\/ana•••\)): sent/),
      expect.stringMatching(/^(E-mail \(a•••@example\.com\)|ntfy \(127\.0\.0\.1:\d+\/ana•••\)): sent/),
    ]);
    const panel = admin.page.getByRole('region', { name: 'Paging' });
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: join(DOC_SCREENSHOTS, 'paging-deliveries.png'), animations: 'disabled' });
    expect(unexpectedConsoleErrors(admin)).toEqual([]);
  });

  it('the service worker shows a pushed page with an Acknowledge action', async () => {
    const context: BrowserContext = ana.page.context();
    await context.grantPermissions(['notifications'], { origin: hub.url });
    const page = await context.newPage();
    await page.goto(`${hub.url}/`);
    const cdp = await context.newCDPSession(page);
    const registrations: { registrationId: string; scopeURL: string }[] = [];
    cdp.on('ServiceWorker.workerRegistrationUpdated', (e: { registrations: typeof registrations }) =>
      registrations.push(...e.registrations),
    );
    await cdp.send('ServiceWorker.enable');
    // What "Get pages in this browser" registers (renderer/bridge/browser-push.ts); subscribing needs a push
    // service this machine cannot reach, so the test delivers the message itself, as the push service would.
    expect(await page.evaluate(REGISTER_PUSH_WORKER)).toBe(true);
    await expect
      .poll(() => registrations.find((r) => r.scopeURL === `${hub.url}/push/`)?.registrationId, { timeout: 10_000 })
      .toBeDefined();
    const registrationId = registrations.find((r) => r.scopeURL === `${hub.url}/push/`)?.registrationId ?? '';

    // The payload the hub's Web Push sender makes for the incident's page.
    const [incident] = (await hub.api<{ incidents: Incident[] }>('/api/incidents', 'root')).incidents;
    const paged = incident?.pages[0];
    if (!incident || !paged) throw new Error('no paged incident');
    const payload = pushPayload(
      pageMessage(incident, paged, {
        ackUrl: `${hub.url}/ack/x.1.y`,
        incidentUrl: `${hub.url}/#/incident/${incident.id}`,
      }),
    );
    await cdp.send('ServiceWorker.deliverPushMessage', {
      origin: hub.url,
      registrationId,
      data: JSON.stringify(payload),
    });
    const shown = async () => JSON.parse(await page.evaluate(PUSH_NOTIFICATIONS)) as Shown[];
    await expect.poll(async () => (await shown())?.length, { timeout: 10_000 }).toBe(1);
    expect((await shown())?.[0]).toEqual({
      title: '[SEV-1] INC-1 Checkout 5xx rate above 5%',
      tag: `warroom-page-${paged.id}`,
      actions: ['Acknowledge', 'Open'],
    });
    await page.close();
  });
});

// Run in the page (strings: the e2e code is type-checked without the DOM's types).
/** What "Get pages in this browser" registers (renderer/bridge/browser-push.ts), waited for until active. */
const REGISTER_PUSH_WORKER = `(async () => {
  await navigator.serviceWorker.register('/push-sw.js', { scope: '/push/' });
  const registration = await navigator.serviceWorker.getRegistration('/push/');
  for (let i = 0; i < 100 && !registration.active; i++) await new Promise((r) => setTimeout(r, 50));
  return Boolean(registration.active);
})()`;

interface Shown {
  readonly title: string;
  readonly tag: string;
  readonly actions: readonly string[];
}

/** The push worker's notifications on screen, as JSON of Shown[]. */
const PUSH_NOTIFICATIONS = `(async () => {
  const registration = await navigator.serviceWorker.getRegistration('/push/');
  const shown = await registration.getNotifications();
  return JSON.stringify(shown.map((n) => ({ title: n.title, tag: n.tag, actions: n.actions.map((a) => a.title) })));
})()`;
