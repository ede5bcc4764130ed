import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, unexpectedConsoleErrors, type WebClient } from './support/browser.js';
import { startE2eHub, type E2eHub } from './support/hub-process.js';
import { openSignedIn } from './support/signed-in.js';
import { declareIncident, openDeclareForm } from './support/warroom-page.js';

/** Titles must show what they say: the declare form refuses invisible and direction-reversing ones, in words. */
describe('the text rule in the web client', () => {
  let hub: E2eHub;
  let browser: Browser;
  let cara: WebClient;

  beforeAll(async () => {
    hub = await startE2eHub([{ name: 'cara', role: 'responder' }]);
    browser = await launchChromium();
    cara = await openSignedIn(browser, hub, 'cara');
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.dispose();
  });

  const incidentsOnHub = async (): Promise<number> => {
    const res = await fetch(`${hub.url}/api/incidents`, { headers: { authorization: `Bearer ${hub.token('cara')}` } });
    return ((await res.json()) as { incidents: unknown[] }).incidents.length;
  };

  it('refuses an invisible title and one with a text-direction override, keeps them in the form, declares nothing', async () => {
    const { page } = cara;
    const form = await openDeclareForm(page);
    await form.getByRole('radio', { name: /^SEV-3 / }).check();
    const title = form.getByLabel('Title', { exact: true });

    await title.fill('\u200B\u200D\u2060');
    await form.getByRole('button', { name: 'Declare incident' }).click();
    await form
      .getByRole('alert')
      .filter({ hasText: 'The title needs visible characters: it holds only spaces or invisible characters.' })
      .waitFor();
    expect(await title.inputValue()).toBe('\u200B\u200D\u2060');

    await title.fill('Invoice \u202Efdp.exe');
    await form.getByRole('button', { name: 'Declare incident' }).click();
    await form
      .getByRole('alert')
      .filter({
        hasText:
          'Remove the text-direction control character U+202E (RIGHT-TO-LEFT OVERRIDE) from the title (at character 9)',
      })
      .waitFor();
    expect(await title.inputValue()).toBe('Invoice \u202Efdp.exe');
    expect(await incidentsOnHub()).toBe(0);

    // Right-to-left text with its marks is fine.
    await declareIncident(page, { title: 'התשלום נכשל\u200F!', severity: 'SEV-3' });
    // The room opens at once (optimistic); the hub's commit follows.
    await expect.poll(incidentsOnHub, { timeout: 10_000 }).toBe(1);
    expect(cara.pageErrors).toEqual([]);
    expect(unexpectedConsoleErrors(cara)).toEqual([]);
  });
});
