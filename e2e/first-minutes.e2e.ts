import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot } from './support/artifacts.js';
import { launchChromium, unexpectedConsoleErrors, type WebClient } from './support/browser.js';
import { startE2eHub, type E2eHub } from './support/hub-process.js';
import { openSignedIn } from './support/signed-in.js';
import { openIncident, severityAndStatus, waitForConnection } from './support/warroom-page.js';

const ALERT = {
  key: 'first-minutes-checkout',
  title: 'Checkout 5xx above 5%',
  description: '12% of POST /checkout requests fail.',
  service: 'checkout',
  team: 'payments',
  impact: 'Customers cannot complete purchases',
  cause: 'Payment gateway timeouts',
  runbookUrl: 'https://runbooks.example.com/checkout/5xx',
  severity: 'critical',
};

/** Whether the element shows wholly inside the top `height` px of the page as it is scrolled (to the top). */
async function aboveTheFold(locator: Locator, height: number): Promise<boolean> {
  const box = await locator.boundingBox();
  return box !== null && box.y >= 0 && box.y + box.height <= height;
}

/** The document's width against the window's: anything wider scrolls sideways. */
function widths(page: Page): Promise<{ scroll: number; client: number }> {
  return page.locator('html').evaluate((html) => {
    const root = html as unknown as { scrollWidth: number; clientWidth: number };
    return { scroll: root.scrollWidth, client: root.clientWidth };
  });
}

describe('the first minutes of an incident an alert declared', () => {
  let hub: E2eHub;
  let browser: Browser;
  let ana: WebClient; // on call: acknowledges and leads
  let vic: WebClient; // a stakeholder: a viewer on the hub

  beforeAll(async () => {
    hub = await startE2eHub([
      { name: 'ana', role: 'responder' },
      { name: 'vic', role: 'viewer' },
    ]);
    browser = await launchChromium();
    ana = await openSignedIn(browser, hub, 'ana');
    vic = await openSignedIn(browser, hub, 'vic');
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.dispose();
  });

  it('shows who leads, who is missing, the next update and what is undone above the fold at 1280x800', async () => {
    const { page } = ana;
    await page.setViewportSize({ width: 1280, height: 800 });
    const res = await fetch(`${hub.url}/api/webhooks/generic`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hub.integrationToken('generic')}`, 'content-type': 'application/json' },
      body: JSON.stringify(ALERT),
    });
    expect(res.status).toBe(202);
    await openIncident(page, ALERT.title);
    const head = page.getByRole('region', { name: 'Incident at a glance' });
    await head.getByText(/^⚠ No lead$/).waitFor(); // loud, until someone leads
    await severityAndStatus(page, 'Triage').waitFor();

    await head.getByRole('button', { name: 'Acknowledge and lead' }).click();
    await severityAndStatus(page, 'Investigating').waitFor();
    await waitForConnection(page, { connection: 'online', pending: 0 });
    const roles = head.getByRole('definition');
    const lead = roles.filter({ hasText: /^ana$/ });
    await lead.waitFor();
    await head.getByRole('button', { name: 'Acknowledge and lead' }).waitFor({ state: 'detached' });

    const noComms = head.getByText('No Comms Lead', { exact: true });
    const noFixers = head.getByText('No fixers', { exact: true });
    const nextUpdate = head.getByText('Next update due', { exact: true });
    const nextUpdateValue = nextUpdate.locator('xpath=following-sibling::dd[1]');
    const undone = head.getByRole('button', { name: /^Undone: \d+$/ });
    const next = head.getByText('Next: mitigate', { exact: true });
    const fixersTerm = head.getByText('Fixers', { exact: true });
    expect(await nextUpdateValue.innerText()).toMatch(/^in \d+m \(\d\d:\d\d\)$/); // SEV-1: every 30 minutes
    const count = Number((await undone.innerText()).replace('Undone: ', ''));
    expect(count).toBeGreaterThanOrEqual(2); // no Comms Lead, no fixers, the lead's checklist
    for (const shown of [lead, noComms, fixersTerm, noFixers, nextUpdate, nextUpdateValue, undone, next])
      expect(await aboveTheFold(shown, 800)).toBe(true);
    // The same count as the undone panel, further down.
    expect(
      await page
        .getByRole('region', { name: /^What is undone/ })
        .getByRole('heading')
        .innerText(),
    ).toBe(`What is undone (${count})`);
    await saveScreenshot(page, 'first-minutes', { docs: true });
  });

  it('has no sideways scrolling at 900x700, with a form open too', async () => {
    const { page } = ana;
    await page.setViewportSize({ width: 900, height: 700 });
    await page.getByRole('heading', { level: 2, name: ALERT.title }).waitFor();
    const { scroll, client } = await widths(page);
    expect(scroll).toBeLessThanOrEqual(client);
    await page.getByRole('button', { name: /^Edit details/ }).click();
    await page.getByRole('form', { name: 'Edit the incident' }).waitFor();
    const open = await widths(page);
    expect(open.scroll).toBeLessThanOrEqual(open.client);
    await saveScreenshot(page, 'first-minutes-900', { fullPage: true });
    await page.keyboard.press('Escape');
    await page.getByRole('form', { name: 'Edit the incident' }).waitFor({ state: 'detached' });
  });

  it('shows a viewer the stakeholder view with no write controls', async () => {
    const { page } = vic;
    await page.setViewportSize({ width: 1280, height: 800 });
    await openIncident(page, ALERT.title);
    const view = page.getByRole('region', { name: 'Stakeholder view' });
    await view.waitFor();
    expect(await view.innerText()).toContain(ALERT.impact);
    await view.getByText('No external update yet.').waitFor();
    expect(await view.locator('[data-next-update]').innerText()).toMatch(/^at \d\d:\d\d, in \d+m$/);
    const room = page.getByRole('article');
    expect(await room.getByRole('button').allInnerTexts()).toEqual(['← Back to board']);
    expect(await room.locator('form, input, textarea, select').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Acknowledge and lead' }).count()).toBe(0);
    await saveScreenshot(page, 'first-minutes-viewer');
  });

  it('had no page errors and no CSP violations', () => {
    for (const client of [ana, vic]) {
      expect(client.pageErrors).toEqual([]);
      expect(unexpectedConsoleErrors(client)).toEqual([]);
    }
  });
});
