import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot } from './support/artifacts.js';
import { launchChromium, openClient, unexpectedConsoleErrors, type WebClient } from './support/browser.js';
import { startE2eHub, type E2eHub } from './support/hub-process.js';
import {
  focusedText,
  isFocused,
  roleBox,
  severityAndStatus,
  signInByLink,
  triedEntry,
  waitForConnection,
  waitForScreen,
} from './support/warroom-page.js';

const TITLE = 'Search returns no results';

/** Types text with the keyboard, then presses the given keys, one after the other. */
async function type(page: Page, text: string, ...keys: string[]): Promise<void> {
  await page.keyboard.type(text);
  for (const key of keys) await page.keyboard.press(key);
}

describe('the common path with the keyboard only', () => {
  let hub: E2eHub;
  let browser: Browser;
  let kim: WebClient;

  beforeAll(async () => {
    hub = await startE2eHub([
      { name: 'kim', role: 'responder' },
      { name: 'lee', role: 'responder' },
    ]);
    browser = await launchChromium();
    kim = await openClient(browser, 'about:blank');
    await signInByLink(kim.page, hub.url, hub.token('kim')); // a link, not a click
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.dispose();
  });

  it('declares, logs an attempt, posts an update, mitigates, downgrades, hands over, checks an item, and goes back', async () => {
    const { page } = kim;
    const keys = page.keyboard;

    // n: declare (it opens the form). Title, Tab to the service, Tab to the severity (none is chosen for you: Space
    // picks the first, SEV-1), Tab to the impact, Enter.
    await keys.press('n');
    await type(page, TITLE, 'Tab');
    await type(page, 'search', 'Tab', 'Space', 'Tab');
    await type(page, 'Nobody gets search results', 'Enter');
    const heading = page.getByRole('heading', { level: 2, name: TITLE });
    await heading.waitFor();
    expect(await isFocused(heading)).toBe(true); // the room opens with the focus on its title
    await severityAndStatus(page, 'SEV-1').waitFor();

    // t: one line in "What we've tried".
    await keys.press('t');
    await type(page, 'Restarted search-7', 'Tab');
    await type(page, 'A stuck shard', 'Enter');
    await triedEntry(page, 'Restarted search-7').waitFor();

    // Escape leaves the field; u: a status update, posted with Ctrl+Enter.
    await type(page, '', 'Escape', 'u');
    await type(page, 'Search is down for everyone; we are restarting the cluster.', 'Control+Enter');
    await page.getByRole('list', { name: 'Posted updates' }).getByText('Search is down for everyone').waitFor();

    // s: the next step (Mark mitigated), Enter.
    await type(page, '', 'Escape', 's');
    expect(await focusedText(page)).toBe('button: Mark mitigated');
    await keys.press('Enter');
    await severityAndStatus(page, 'Mitigated').waitFor();

    // ?: the shortcuts overlay; Escape closes it.
    await keys.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    expect(await help.innerText()).toContain("Add to what we've tried");
    await saveScreenshot(page, 'shortcuts-dark');
    await keys.press('Escape');
    await help.waitFor({ state: 'detached' });

    // e: downgrade with a reason.
    await keys.press('e');
    await type(page, '', 'Tab');
    await type(page, 'Only one region is still affected', 'Enter');
    await severityAndStatus(page, 'SEV-2').waitFor();

    // r: roles. Hand the Incident Lead over to lee. (Sent, the severity form closed: the focus is on its button.)
    await keys.press('r');
    expect(await focusedText(page)).toBe('select: Hand over Incident Lead to');
    await type(page, '', 'Tab', 'Enter');
    await roleBox(page, 'Incident Lead').getByText('lee', { exact: true }).waitFor();

    // c: checklists. Space checks the first item.
    await keys.press('c');
    await keys.press('Space');
    await page
      .getByRole('progressbar', { name: /: 1 of \d+ done$/ })
      .first()
      .waitFor();

    // b: back to the board, with the focus on the incident just left; d switches the theme.
    await keys.press('b');
    await waitForScreen(page, 'board');
    expect(await focusedText(page)).toBe(`button: ${TITLE}`);
    await keys.press('d');
    await page.locator('html.theme-light').waitFor({ state: 'attached' });
    await keys.press('Enter');
    await heading.waitFor();
    await waitForConnection(page, { connection: 'online', pending: 0 });
  });

  it('had no page errors and no CSP violations', () => {
    expect(kim.pageErrors).toEqual([]);
    expect(unexpectedConsoleErrors(kim)).toEqual([]);
  });
});
