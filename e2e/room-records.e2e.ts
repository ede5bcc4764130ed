import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot } from './support/artifacts.js';
import { launchChromium, openClient, unexpectedConsoleErrors, type WebClient } from './support/browser.js';
import { startE2eHub, type E2eHub } from './support/hub-process.js';
import {
  addTried,
  createRotation,
  giveRole,
  isFocused,
  openIncident,
  openScreen,
  pageEntry,
  routeService,
  signInByLink,
  triedEntry,
  waitForConnection,
} from './support/warroom-page.js';

const TITLE = 'Search returns no results';

/**
 * The room's records in a real browser against a real hub: an incident nobody could be paged for says so, an
 * attempt's outcome is set by keyboard, a mistaken attempt is struck out (and stays struck after a reload), and an
 * external update asks before it goes to customers, then the audience is Internal again.
 */
describe('the room keeps honest records: nobody paged, outcomes by keyboard, struck entries, external updates', () => {
  let hub: E2eHub;
  let browser: Browser;
  let root: WebClient; // admin: sets up on-call
  let ana: WebClient; // declares and works the incident

  beforeAll(async () => {
    hub = await startE2eHub([
      { name: 'root', role: 'admin' },
      { name: 'ana', role: 'responder' },
      { name: 'bo', role: 'responder' },
      { name: 'cy', role: 'responder' },
    ]);
    browser = await launchChromium();
    root = await openClient(browser, 'about:blank');
    ana = await openClient(browser, 'about:blank');
    await Promise.all([
      signInByLink(root.page, hub.url, hub.token('root')),
      signInByLink(ana.page, hub.url, hub.token('ana')),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.dispose();
  });

  it('says "Nobody was paged" for a SEV-1 alert whose service no rotation covers (no default rotation)', async () => {
    // One rotation, for checkout only; no default rotation, so "search" pages nobody.
    await openScreen(root.page, 'On-call');
    await createRotation(root.page, {
      name: 'Checkout',
      people: ['ana', 'bo', 'cy'],
      handoffTime: '00:00',
      shift: 'Daily',
      timeZone: 'UTC',
      firstHandoff: new Date().toISOString().slice(0, 10),
    });
    await routeService(root.page, 'checkout', 'Checkout');

    // Monitoring posts a SEV-1 alert for search: an incident in triage that nobody has acknowledged, so it should page.
    const res = await fetch(`${hub.url}/api/webhooks/generic`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hub.integrationToken('generic')}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        key: 'search-empty-results',
        title: TITLE,
        service: 'search',
        team: 'discovery',
        impact: 'Every search returns an empty page',
        severity: 'critical',
      }),
    });
    expect(res.status).toBe(202);
    await openIncident(ana.page, TITLE);
    const notice = ana.page.getByRole('region', { name: /Nobody was paged/ });
    await notice.waitFor();
    expect(await notice.getByRole('alert').innerText()).toMatch(/^SEV-1: .*search/);
    // …and the hub's log says so too, for whoever watches the hub rather than the room.
    await expect
      .poll(() => hub.logMessages(), { timeout: 10_000 })
      .toContain('Nobody was paged: no rotation covers search');
    await notice.getByRole('combobox', { name: 'Page a rotation' }).locator('option', { hasText: 'Checkout' }).waitFor({
      state: 'attached',
    });
  });

  it('sets an outcome by keyboard (Tab to the entry, a key, a note, Enter)', async () => {
    const { page } = ana;
    await addTried(page, 'Restarted search-7', 'A stuck shard');
    await addTried(page, 'Rolled back the checkout deploy', 'The deploy broke search');
    const entry = triedEntry(page, 'Restarted search-7').getByRole('article');
    await entry.focus();
    await page.keyboard.press('2'); // no effect
    const note = page.getByLabel(/^Note on “No effect”/);
    await note.waitFor();
    expect(await isFocused(note)).toBe(true);
    await page.keyboard.type('Still empty after the restart');
    await page.keyboard.press('Enter');
    await triedEntry(page, 'Restarted search-7').filter({ hasText: 'Note: Still empty after the restart' }).waitFor();
    expect(await triedEntry(page, 'Restarted search-7').locator('.outcome').innerText()).toContain('No effect');
    expect(await isFocused(entry)).toBe(true); // back on the entry: the next key works at once
  });

  it('strikes a mistaken entry out with a reason: kept, shown struck, still struck after a reload', async () => {
    const { page } = ana;
    const what = 'Rolled back the checkout deploy';
    await triedEntry(page, what).getByRole('article').focus();
    await page.keyboard.press('x');
    const reason = page.getByLabel('Why strike it out?');
    await reason.waitFor();
    await reason.fill('Logged on the wrong incident');
    await page.keyboard.press('Enter');
    const struck = triedEntry(page, what);
    await struck.locator('s', { hasText: what }).waitFor();
    await struck.getByText(/Struck out by ana: Logged on the wrong incident/).waitFor();
    expect(await struck.getByRole('combobox').count()).toBe(0); // no outcome to change

    await page.reload();
    await waitForConnection(page, { connection: 'online' });
    await page.getByRole('heading', { level: 2, name: TITLE }).waitFor();
    await triedEntry(page, what).locator('s', { hasText: what }).waitFor();
    await triedEntry(page, what)
      .getByText(/Struck out by ana: Logged on the wrong incident/)
      .waitFor();
    await triedEntry(page, 'Restarted search-7').filter({ hasText: 'Note: Still empty after the restart' }).waitFor();
  });

  it('asks before an external update goes to customers, then sets the audience back to Internal', async () => {
    const { page } = ana;
    const form = page.getByRole('form', { name: 'Post a status update' });
    const text = 'Search is unavailable for everyone. We are working on it; next update in 30 minutes.';
    const external = form.getByRole('radio', { name: /^External/ });
    // Nobody leads this alert's incident and ana is not the Communication Lead: the form says so before she types.
    expect(await external.isDisabled()).toBe(true);
    const why = await external.getAttribute('aria-describedby');
    await page
      .locator(`[id="${why ?? ''}"]`)
      .getByText(/Only the Communication Lead/)
      .waitFor();
    await giveRole(page, 'Communication Lead', 'ana');
    await external.check();
    await form.getByLabel('Public title').fill('Search is unavailable');
    await form.getByLabel('Update').fill(text);
    await form.getByRole('button', { name: 'Post external update' }).click();
    const ask = form.getByRole('alertdialog', { name: 'This goes to customers: post?' });
    await ask.waitFor();
    expect(await isFocused(ask.getByRole('button', { name: 'Post' }))).toBe(true);
    // The room as it stands: nobody paged, an outcome with its note, a struck entry, the question.
    await saveScreenshot(page, 'room-records', { docs: true, fullPage: true });

    await page.keyboard.press('Enter'); // Post
    await page.getByRole('list', { name: 'Posted updates' }).getByText(text).waitFor();
    await ask.waitFor({ state: 'detached' });
    expect(await form.getByRole('radio', { name: 'Internal' }).isChecked()).toBe(true);
    await form.getByRole('button', { name: 'Post internal update' }).waitFor();
  });

  it('pages a rotation in one click from the notice, which then goes', async () => {
    const notice = ana.page.getByRole('region', { name: /Nobody was paged/ });
    await notice.getByRole('button', { name: 'Page Checkout' }).click();
    await notice.waitFor({ state: 'detached' });
    // The hub pages the chosen rotation's primary (ana, on call today): the Paging panel shows it.
    await pageEntry(ana.page, 'ana').waitFor();
    await waitForConnection(ana.page, { connection: 'online', pending: 0 });
  });

  it('had no page errors and no CSP violations', () => {
    for (const client of [root, ana]) {
      expect(client.pageErrors).toEqual([]);
      expect(unexpectedConsoleErrors(client)).toEqual([]);
    }
  });
});
