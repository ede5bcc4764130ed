import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot } from './support/artifacts.js';
import { launchChromium, openClient, unexpectedConsoleErrors, type WebClient } from './support/browser.js';
import { startE2eHub, type E2eHub } from './support/hub-process.js';
import {
  createRotation,
  openScreen,
  pagedBanner,
  pageEntry,
  routeService,
  signInByLink,
  waitForScreen,
} from './support/warroom-page.js';

const ALERT = {
  key: 'checkout-payment-gateway',
  title: 'Payment gateway timeouts',
  description: '30% of card payments time out after 10s at the gateway.',
  service: 'checkout',
  team: 'payments',
  impact: 'About a third of customers cannot pay by card',
  cause: 'Gateway region eu-west degraded',
  runbookUrl: 'https://runbooks.example.com/checkout/gateway',
  severity: 'critical',
};

describe('paging on the desktop: an admin sets up on-call, an alert pages the primary, who acknowledges', () => {
  let hub: E2eHub;
  let browser: Browser;
  let admin: WebClient;
  let ana: WebClient; // primary of the new rotation

  beforeAll(async () => {
    hub = await startE2eHub([
      { name: 'root', role: 'admin' },
      { name: 'ana', role: 'responder' },
      { name: 'bo', role: 'responder' },
      { name: 'cy', role: 'responder' },
    ]);
    browser = await launchChromium();
    admin = await openClient(browser, 'about:blank');
    ana = await openClient(browser, 'about:blank');
    await Promise.all([
      signInByLink(admin.page, hub.url, hub.token('root')),
      signInByLink(ana.page, hub.url, hub.token('ana')),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.dispose();
  });

  it('routes checkout to a three-person rotation, pages its primary for a SEV-1 alert, and sees the ack live', async () => {
    // The admin creates the rotation (UTC, daily from today at 00:00: ana is primary now) and routes checkout.
    await openScreen(admin.page, 'On-call');
    await createRotation(admin.page, {
      name: 'Checkout',
      people: ['ana', 'bo', 'cy'],
      handoffTime: '00:00',
      shift: 'Daily',
      timeZone: 'UTC',
      firstHandoff: new Date().toISOString().slice(0, 10),
    });
    const card = admin.page.getByRole('region', { name: 'Checkout', exact: true });
    await card.getByTestId('primary-now').filter({ hasText: 'ana' }).waitFor();
    await card.getByTestId('backup-now').filter({ hasText: 'bo' }).waitFor();
    await routeService(admin.page, 'checkout', 'Checkout');
    expect(await card.getByRole('table').getByRole('row').count()).toBeGreaterThan(10); // two weeks of daily shifts
    await saveScreenshot(admin.page, 'oncall-dark', { docs: true });

    // Monitoring posts a SEV-1 alert for checkout to the real hub.
    const res = await fetch(`${hub.url}/api/webhooks/generic`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hub.integrationToken('generic')}`, 'content-type': 'application/json' },
      body: JSON.stringify(ALERT),
    });
    expect(res.status).toBe(202);

    // The primary is paged: the banner, then the incident's Alerts and Paging panels.
    const banner = pagedBanner(ana.page);
    await banner.filter({ hasText: `You are paged: INC-1 SEV-1 ${ALERT.title}` }).waitFor();
    await banner.getByRole('button', { name: 'Open INC-1' }).click();
    await waitForScreen(ana.page, 'incident');
    const alerts = ana.page.getByRole('region', { name: 'Alerts' });
    await alerts.getByText(ALERT.cause).waitFor();
    expect(await alerts.innerText()).toContain('fired once');
    expect(await alerts.getByRole('link', { name: /runbook/ }).getAttribute('href')).toBe(ALERT.runbookUrl);
    await pageEntry(ana.page, 'ana').and(ana.page.locator('[data-answered="false"]')).waitFor();
    // The pushed page's notice can be dismissed (it also goes by itself).
    await ana.page.locator('[data-page-notice="page"]').getByRole('button', { name: 'Dismiss' }).click();
    await ana.page.locator('[data-page-notice]').waitFor({ state: 'detached' });
    await saveScreenshot(ana.page, 'incident-alerts-dark', { docs: true, fullPage: true });

    // The admin follows the incident too.
    await openScreen(admin.page, 'Board');
    await admin.page.getByRole('button', { name: ALERT.title, exact: true }).click();
    await pageEntry(admin.page, 'ana').and(admin.page.locator('[data-answered="false"]')).waitFor();

    // The primary acknowledges from the banner: it goes, and the admin sees the page answered, live.
    await banner.getByRole('button', { name: 'Acknowledge INC-1' }).click();
    await banner.waitFor({ state: 'detached' });
    await pageEntry(admin.page, 'ana').and(admin.page.locator('[data-answered="true"]')).waitFor();
    await admin.page
      .getByRole('region', { name: 'Paging' })
      .getByText(/^Acknowledged at/)
      .waitFor();

    for (const client of [admin, ana]) {
      expect(client.pageErrors).toEqual([]);
      expect(unexpectedConsoleErrors(client)).toEqual([]);
    }
  });

  it('sends a test page from the profile and says it was delivered', async () => {
    await openScreen(ana.page, 'Profile');
    await ana.page.getByRole('button', { name: 'Send me a test page' }).click();
    await ana.page.locator('[data-test-page="delivered"]').waitFor();
    await ana.page.locator('[data-page-notice="test"]').waitFor();
    expect(ana.pageErrors).toEqual([]);
  });
});
