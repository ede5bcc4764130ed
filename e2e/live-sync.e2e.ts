import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, unexpectedConsoleErrors, type WebClient } from './support/browser.js';
import { startE2eHub, type E2eHub } from './support/hub-process.js';
import { openSignedIn } from './support/signed-in.js';
import {
  addTried,
  backToBoard,
  banner,
  boardRow,
  declareIncident,
  openIncident,
  triedEntry,
  waitForConnection,
} from './support/warroom-page.js';

describe('two web clients on one real hub', () => {
  let hub: E2eHub;
  let browser: Browser;
  let ana: WebClient;
  let bo: WebClient;

  beforeAll(async () => {
    hub = await startE2eHub([
      { name: 'ana', role: 'responder' },
      { name: 'bo', role: 'responder' },
    ]);
    browser = await launchChromium();
    ana = await openSignedIn(browser, hub, 'ana');
    bo = await openSignedIn(browser, hub, 'bo');
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.dispose();
  });

  it('signs in from the link and takes the token out of the address bar', async () => {
    expect(ana.page.url()).toBe(`${hub.url}/`);
    expect(await banner(ana.page).textContent()).toBe('Online');
    await ana.page.getByText('Signed in as ana (responder)').waitFor();
  });

  it('shows an incident declared in one client on the other board, then its tried entries, without reloading', async () => {
    const loadsBefore = { ana: ana.loads(), bo: bo.loads() };
    await declareIncident(ana.page, { title: 'Checkout errors', severity: 'SEV-1', service: 'checkout' });
    await waitForConnection(ana.page, { connection: 'online', pending: 0 });

    const row = boardRow(bo.page, 'Checkout errors');
    await row.waitFor();
    expect(await row.getByRole('cell').allInnerTexts()).toEqual([
      'SEV-1 Critical',
      expect.stringContaining('Checkout errors'),
      'Investigating',
      'ana',
      expect.stringMatching(/ago/),
      expect.stringContaining('none yet'),
      'checkout',
    ]);
    await bo.page.getByRole('row').filter({ hasText: 'checkout' }).filter({ hasText: 'INC-1' }).waitFor();

    // A second, lower incident sorts below the SEV-1.
    await backToBoard(ana.page);
    await declareIncident(ana.page, { title: 'Search results are slow', severity: 'SEV-3', service: 'search' });
    await boardRow(bo.page, 'Search results are slow').waitFor();
    const titles = await bo.page.locator('tbody tr button').allInnerTexts();
    expect(titles).toEqual(['Checkout errors', 'Search results are slow']);
    await bo.page.screenshot({ path: '/tmp/e2e-board.png', fullPage: true });

    // bo watches the incident while ana logs an attempt.
    await openIncident(bo.page, 'Checkout errors');
    await bo.page.getByText('Nothing yet.').waitFor();
    await backToBoard(ana.page);
    await openIncident(ana.page, 'Checkout errors');
    await addTried(ana.page, 'Rolled back deploy 142', 'The new connection pool starves checkout');

    const entry = triedEntry(bo.page, 'Rolled back deploy 142');
    await entry.waitFor();
    expect(await entry.innerText()).toContain('Hypothesis: The new connection pool starves checkout');
    expect(await entry.innerText()).toContain('ana');
    await bo.page.screenshot({ path: '/tmp/e2e-incident.png', fullPage: true });

    expect({ ana: ana.loads(), bo: bo.loads() }).toEqual(loadsBefore);
  });

  it('had no page errors and no CSP violations', () => {
    for (const client of [ana, bo]) {
      expect(client.pageErrors).toEqual([]);
      expect(unexpectedConsoleErrors(client)).toEqual([]);
    }
  });
});
