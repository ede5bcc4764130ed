import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, unexpectedConsoleErrors, type WebClient } from './support/browser.js';
import { startE2eHub, type E2eHub } from './support/hub-process.js';
import { openSignedIn } from './support/signed-in.js';

/** An admin revokes a person's token while their war room is open: the page stops at once and says why. */
describe('revoking access while the web client is open', () => {
  let hub: E2eHub;
  let browser: Browser;
  let dana: WebClient;

  beforeAll(async () => {
    hub = await startE2eHub([{ name: 'dana', role: 'responder' }]);
    browser = await launchChromium();
    dana = await openSignedIn(browser, hub, 'dana');
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.dispose();
  });

  it('shows "Your access was revoked" and no longer shows the board', async () => {
    const { page } = dana;
    await page.getByTestId('connection-banner').and(page.locator('[data-connection="online"]')).waitFor();
    hub.cli(['token', 'revoke', '--user', 'dana']);
    await page.getByText(/Your access was revoked\. An admin revoked the token/).waitFor();
    await page.screenshot({ path: '/tmp/e2e-revoked.png', fullPage: true });
    expect(await page.getByRole('button', { name: 'Declare an incident' }).count()).toBe(0); // nor a way to declare
    expect(dana.pageErrors).toEqual([]);
    expect(unexpectedConsoleErrors(dana)).toEqual([]);
  });
});
