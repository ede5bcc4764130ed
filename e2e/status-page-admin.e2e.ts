import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incidentAnchor } from '../shared/status-page/public-status.js';
import type { Incident } from '../shared/domain/incident.js';
import { DOC_SCREENSHOTS, saveScreenshot } from './support/artifacts.js';
import { launchChromium, unexpectedConsoleErrors, type WebClient } from './support/browser.js';
import { startE2eHub, type E2eHub } from './support/hub-process.js';
import { openSignedIn } from './support/signed-in.js';
import { declareIncident, giveRole, openIncident } from './support/warroom-page.js';

/**
 * The status page from inside the app, end to end: a real hub process and real Chromium on the web client. The
 * admin sets up a public service on the Status page screen; the Communication Lead writes the first external update
 * with a public title, sees it previewed in the page's own markup (under the app's strict CSP), posts it, follows
 * "See it on the status page" and finds it there at the incident's anchor. Waits are on app state, never sleeps.
 */
describe('the status page from the app', () => {
  let hub: E2eHub;
  let browser: Browser;
  let admin: WebClient;
  let cy: WebClient;

  beforeAll(async () => {
    hub = await startE2eHub([
      { name: 'root', role: 'admin' },
      { name: 'cy', role: 'responder' },
    ]);
    browser = await launchChromium();
    admin = await openSignedIn(browser, hub, 'root');
    cy = await openSignedIn(browser, hub, 'cy');
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.dispose();
  });

  it('the admin adds a public service on the Status page screen', async () => {
    const { page } = admin;
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Status page' }).click();
    await page.locator('.statuspage[data-loaded="true"]').waitFor();
    const settings = page.getByRole('form', { name: 'Page and public services' });
    await settings.getByLabel('Page title').fill('Acme status');
    await settings.getByRole('button', { name: 'Add a public service' }).click();
    const row = settings.getByRole('listitem', { name: 'Public service 1' });
    await row.getByLabel('Service (as incidents name it; never public)').fill('payments-api');
    await row.getByLabel('Public name').fill('Checkout');
    await row.getByLabel('Description').fill('Paying for an order');
    await settings.getByRole('button', { name: 'Save page and services' }).click();
    await settings.getByText('Saved.').waitFor();
    await page.getByText(`${hub.url}/status`, { exact: true }).waitFor();
    await saveScreenshot(page, 'status-page-admin', { docs: true, fullPage: true });
    expect(unexpectedConsoleErrors(admin)).toEqual([]);
  });

  it('Comms previews the first external update with its public title, posts it and follows the link to the page', async () => {
    await admin.page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Board' }).click();
    await declareIncident(admin.page, {
      title: 'PSP timeouts on eu-west-1b',
      severity: 'SEV-2',
      service: 'payments-api',
      impact: 'Card payments time out',
    });
    await giveRole(admin.page, 'Communication Lead', 'cy');

    const { page } = cy;
    await openIncident(page, 'PSP timeouts on eu-west-1b');
    const form = page.getByRole('form', { name: 'Post a status update' });
    const external = form.getByRole('radio', { name: 'External (customers)' });
    await expect.poll(() => external.isEnabled(), { timeout: 10_000 }).toBe(true);
    await external.check();
    const title = form.getByLabel('Public title');
    expect(await title.inputValue()).toBe('');
    await title.fill('Some card payments fail');
    await form.getByLabel('Update').fill('Some card payments fail. We are working with our payment provider on a fix.');

    // The preview: the page's own markup and stylesheet in a shadow root, the internal title nowhere.
    const preview = form.getByRole('group', { name: 'Status page preview' });
    await preview.locator('article h3').getByText('Some card payments fail').waitFor();
    const shown = await preview.evaluate((host) => {
      const root = host.shadowRoot;
      return { text: root?.textContent ?? '', styled: root?.adoptedStyleSheets.length ?? 0 };
    });
    expect(shown.text).toContain('We are working with our payment provider on a fix.');
    expect(shown.text).toContain('Affects: Checkout');
    expect(shown.text).not.toContain('PSP timeouts');
    expect(shown.styled).toBe(1);
    // The whole panel, from the top of the page: scrolled to it, the sticky connection banner would cover its heading.
    const panel = page.getByRole('region', { name: 'Status updates' });
    await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    const box = await panel.boundingBox();
    if (!box) throw new Error('no Status updates panel');
    await page.screenshot({
      path: join(DOC_SCREENSHOTS, 'status-update-preview.png'),
      fullPage: true,
      clip: box,
      animations: 'disabled',
      caret: 'hide',
    });

    await form.getByRole('button', { name: 'Post external update' }).click();
    await form
      .getByRole('alertdialog', { name: 'This goes to customers: post?' })
      .getByRole('button', { name: 'Post' })
      .click();
    const link = form.getByRole('link', { name: 'See it on the status page' });
    await link.waitFor();
    const [incident] = (await hub.api<{ incidents: Incident[] }>('/api/incidents', 'root')).incidents;
    if (!incident) throw new Error('no incident');
    const url = `${hub.url}/status#${incidentAnchor(incident.id)}`;
    expect(await link.getAttribute('href')).toBe(url);
    const [tab] = await Promise.all([cy.context.waitForEvent('page'), link.click()]);
    await tab.waitForLoadState();
    expect(tab.url()).toBe(url);
    const block = tab.locator(`#${incidentAnchor(incident.id)}`);
    await block.getByRole('heading', { name: 'Some card payments fail' }).waitFor();
    expect(await block.textContent()).toContain('We are working with our payment provider on a fix.');
    expect(await tab.content()).not.toContain('PSP timeouts');
    await tab.close();
    expect(unexpectedConsoleErrors(cy)).toEqual([]);
  });
});
