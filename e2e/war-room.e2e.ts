import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot } from './support/artifacts.js';
import { launchChromium, openClient, unexpectedConsoleErrors, type WebClient } from './support/browser.js';
import { startE2eHub, type E2eHub } from './support/hub-process.js';
import {
  addTried,
  backToBoard,
  boardRow,
  changeSeverity,
  declareIncident,
  giveRole,
  moveStatus,
  openIncident,
  postUpdate,
  roleBox,
  setOutcome,
  severityAndStatus,
  signInByLink,
  timelineEntry,
  triedEntry,
  waitForConnection,
  waitForScreen,
} from './support/warroom-page.js';

const TITLE = 'Card payments failing at checkout';

/** Waits until the page's <html> carries the theme class (the theme toggle is instant, but React commits async). */
async function useTheme(page: Page, theme: 'dark' | 'light'): Promise<void> {
  const toggle = page.getByRole('button', { name: 'Light theme' });
  const light = (await toggle.getAttribute('aria-pressed')) === 'true';
  if (light !== (theme === 'light')) await toggle.click();
  await page.locator(`html.theme-${theme}`).waitFor({ state: 'attached' });
}

describe('a full incident, walked through by three people in three browsers', () => {
  let hub: E2eHub;
  let browser: Browser;
  let ana: WebClient; // Incident Lead
  let bo: WebClient; // Fixer
  let cy: WebClient; // Communication Lead
  const everyone = () => [ana, bo, cy];

  beforeAll(async () => {
    hub = await startE2eHub([
      { name: 'ana', role: 'responder' },
      { name: 'bo', role: 'responder' },
      { name: 'cy', role: 'responder' },
    ]);
    browser = await launchChromium();
    ana = await openClient(browser, 'about:blank');
    bo = await openClient(browser, 'about:blank');
    cy = await openClient(browser, 'about:blank');
    await Promise.all([
      signInByLink(ana.page, hub.url, hub.token('ana')),
      signInByLink(bo.page, hub.url, hub.token('bo')),
      signInByLink(cy.page, hub.url, hub.token('cy')),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.dispose();
  });

  it('Lead declares and assigns, Fixer logs attempts, Comms posts updates, Lead escalates, mitigates, resolves', async () => {
    const loadsBefore = everyone().map((c) => c.loads());

    // A smaller incident first, left without a lead, so the board has something to call out.
    await declareIncident(cy.page, { title: 'Receipt emails delayed', severity: 'SEV-3', service: 'email' });
    await roleBox(cy.page, 'Incident Lead').getByRole('button', { name: 'Release Incident Lead' }).click();
    await roleBox(cy.page, 'Incident Lead').getByText('Nobody: this role is empty').waitFor();
    await backToBoard(cy.page);

    // The Lead declares; everyone sees it on their board, live.
    await declareIncident(ana.page, {
      title: TITLE,
      severity: 'SEV-2',
      service: 'payments',
      impact: 'About 1 in 5 card payments fail at checkout',
    });
    await waitForConnection(ana.page, { connection: 'online', pending: 0 });
    expect(await roleBox(ana.page, 'Incident Lead').innerText()).toContain('ana (you)');
    for (const c of [bo, cy]) await boardRow(c.page, TITLE).waitFor();
    const row = boardRow(bo.page, TITLE);
    expect(await row.getByRole('cell').nth(3).innerText()).toBe('ana');
    expect(await boardRow(bo.page, 'Receipt emails delayed').innerText()).toContain('No lead');
    const titles = await bo.page.locator('tbody tr').getByRole('button').allInnerTexts();
    expect(titles).toEqual([TITLE, 'Receipt emails delayed']); // SEV-2 before SEV-3
    await openIncident(bo.page, TITLE);
    await openIncident(cy.page, TITLE);

    // The Lead assigns the Fixer and the Communication Lead; they see it at once.
    await giveRole(ana.page, 'Fixers', 'bo');
    await giveRole(ana.page, 'Communication Lead', 'cy');
    await roleBox(bo.page, 'Fixers').getByText('bo (you)').waitFor();
    await roleBox(cy.page, 'Communication Lead').getByText('cy (you)').waitFor();
    await timelineEntry(bo.page, 'ana made cy Communication Lead').waitFor();

    // The Fixer logs two attempts, then their outcomes; the others see each one.
    await addTried(bo.page, 'Restarted the payment gateway pods', 'Pods stuck after the 14:00 deploy');
    await addTried(bo.page, 'Raised the gateway connection pool to 200', 'The pool is exhausted at peak');
    await triedEntry(ana.page, 'Raised the gateway connection pool to 200').waitFor();
    await triedEntry(cy.page, 'Restarted the payment gateway pods').waitFor();
    // Typing something already tried says so before it is added.
    const what = bo.page.getByRole('form', { name: "Add to what we've tried" }).getByLabel('What', { exact: true });
    await what.fill('Restart payment gateway pods');
    await bo.page.getByText('This looks like something already tried').waitFor();
    await what.fill('');
    await setOutcome(bo.page, 'Restarted the payment gateway pods', 'No effect');
    await setOutcome(bo.page, 'Raised the gateway connection pool to 200', 'Helped');
    await triedEntry(ana.page, 'Raised the gateway connection pool to 200')
      .getByText('Helped', { exact: true })
      .filter({ visible: true })
      .waitFor();
    await timelineEntry(cy.page, '“Restarted the payment gateway pods” to no effect').waitFor();

    // The Communication Lead posts an internal update drafted from the timeline, and an external one.
    await postUpdate(cy.page, 'Internal');
    await postUpdate(cy.page, 'External', 'Some card payments are failing. We have found a fix and are applying it.');
    const posted = ana.page.getByRole('list', { name: 'Posted updates' });
    await posted.getByText('Some card payments are failing.').waitFor();
    expect(await posted.innerText()).toContain('What we tried:'); // the draft, from the timeline
    await timelineEntry(bo.page, 'cy posted an external update').waitFor();

    // The Lead escalates: everyone sees SEV-1 and why.
    await changeSeverity(ana.page, 'SEV-1', 'checkout errors at 40%');
    for (const c of everyone()) await severityAndStatus(c.page, 'SEV-1').waitFor();
    await timelineEntry(cy.page, 'ana escalated to SEV-1: checkout errors at 40%').waitFor();

    // Screenshots of the room mid-incident, and of the board, in both themes.
    await saveScreenshot(ana.page, 'incident-dark', { fullPage: true, docs: true });
    await useTheme(ana.page, 'light');
    await saveScreenshot(ana.page, 'incident-light', { fullPage: true, docs: true });
    await saveScreenshot(bo.page, 'incident-fixer-dark');
    await backToBoard(ana.page);
    await saveScreenshot(ana.page, 'board-light', { docs: true });
    await useTheme(ana.page, 'dark');
    await saveScreenshot(ana.page, 'board-dark', { docs: true });
    await openIncident(ana.page, TITLE);

    // Mitigated first (its own time, the first goal), then resolved.
    await moveStatus(ana.page, 'Mark mitigated');
    for (const c of everyone()) await severityAndStatus(c.page, 'Mitigated').waitFor();
    const progress = cy.page.getByRole('group', { name: 'Progress' });
    expect(await progress.innerText()).toMatch(/Mitigated \d+[sm] ago/);
    await moveStatus(ana.page, 'Mark resolved');
    for (const c of everyone()) await severityAndStatus(c.page, 'Resolved').waitFor();
    await timelineEntry(bo.page, 'ana moved it from mitigated to resolved').waitFor();
    await progress.getByText('Next: review and close').waitFor();
    for (const c of everyone()) await waitForConnection(c.page, { connection: 'online', pending: 0 });

    // Nobody reloaded: every change arrived live.
    expect(everyone().map((c) => c.loads())).toEqual(loadsBefore);
  });

  it('keeps the open incident in the address (#/incident/<id>), so a reload or a link opens it', async () => {
    const url = ana.page.url();
    expect(url).toMatch(/\/#\/incident\/[0-9a-f]{32}$/);
    await ana.page.reload();
    await ana.page.getByRole('heading', { level: 2, name: TITLE }).waitFor();
    await ana.page.goBack();
    await waitForScreen(ana.page, 'board');
  });

  it('had no page errors and no CSP violations', () => {
    for (const client of everyone()) {
      expect(client.pageErrors).toEqual([]);
      expect(unexpectedConsoleErrors(client)).toEqual([]);
    }
  });
});
