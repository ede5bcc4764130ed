import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../shared/domain/events.js';
import type { Incident } from '../shared/domain/incident.js';
import { ARTIFACTS, saveScreenshot } from './support/artifacts.js';
import { launchChromium, unexpectedConsoleErrors, type WebClient } from './support/browser.js';
import { startE2eHub, type E2eHub } from './support/hub-process.js';
import { openSignedIn } from './support/signed-in.js';
import { connectSeedClient } from './support/seed-client.js';
import { waitForConnection } from './support/warroom-page.js';

interface IncidentDetail {
  seq: number;
  incident: Incident;
  events: DomainEvent[];
}

const INCIDENT = `inc-${randomUUID()}`;

/** Opens the postmortem editor of the seeded incident (its address) and waits for it. */
async function openPostmortem(page: Page): Promise<void> {
  await page.evaluate((id) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = `#/incident/${id}/postmortem`;
  }, INCIDENT);
  await page.locator('.app[data-screen="postmortem"]').waitFor();
}

const editor = (page: Page) => page.getByRole('textbox', { name: 'Markdown' });
const draftState = (page: Page, status: string) => page.locator(`.postmortem__state [data-draft-status="${status}"]`);

/** Types at the end of the draft and waits until it is saved on this computer. */
async function appendLine(page: Page, line: string): Promise<void> {
  await editor(page).focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(`\n${line}`);
  await page.getByText(/Saved on this computer at/).waitFor();
}

describe('postmortems drafted offline, published, and merged', () => {
  let hub: E2eHub;
  let browser: Browser;
  let ana: WebClient;
  let bo: WebClient;

  beforeAll(async () => {
    hub = await startE2eHub([
      { name: 'ana', role: 'responder' },
      { name: 'bo', role: 'responder' },
    ]);
    // A SEV-1 that was mitigated, then resolved: its postmortem is due.
    const seed = await connectSeedClient(hub.url, hub.token('ana'));
    for (const [type, payload] of [
      ['incident.declare', { title: 'Checkout is failing', severity: 'SEV-1', service: 'checkout' }],
      ['tried.add', { entryId: 'try-1', what: 'Restarted the payment workers', hypothesis: 'Stuck workers' }],
      ['incident.change_status', { status: 'mitigated', reason: 'Rolled back release 4.2' }],
      ['incident.change_status', { status: 'resolved', reason: 'Raised the connection pool to 200' }],
    ] as const) {
      const ack = await seed.send(type, INCIDENT, payload);
      if (!ack.ok) throw new Error(`${type} refused: ${ack.error.message}`);
    }
    seed.close();
    browser = await launchChromium();
    ana = await openSignedIn(browser, hub, 'ana');
    bo = await openSignedIn(browser, hub, 'bo');
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.dispose();
  });

  it('keeps a draft written with the hub down across a reload, publishes it, and merges a second author’s conflict', async () => {
    // Both start a draft from the event log while the hub is up.
    for (const { page } of [ana, bo]) {
      await openPostmortem(page);
      await page.getByRole('button', { name: 'Draft from the event log' }).click();
      await expect.poll(() => editor(page).inputValue()).toMatch(/^# Postmortem: INC-1 Checkout is failing/);
    }
    expect(await editor(ana.page).inputValue()).toContain('Restarted the payment workers');
    expect(await editor(ana.page).inputValue()).toContain('Rolled back release 4.2');

    // The hub goes down. Ana writes on; the draft is saved in her browser, and survives a reload of the page
    // (the offline shell serves the app while the hub is down).
    await hub.stop();
    await waitForConnection(ana.page, { connection: 'offline' });
    await appendLine(ana.page, 'Ana: the pool was sized for last year’s traffic.');
    await ana.page.reload();
    await ana.page.locator('.app[data-screen="postmortem"]').waitFor();
    await waitForConnection(ana.page, { connection: 'offline' });
    await expect
      .poll(() => editor(ana.page).inputValue())
      .toMatch(/Ana: the pool was sized for last year’s traffic\.$/);
    await draftState(ana.page, 'unpublished').waitFor();
    await saveScreenshot(ana.page, 'postmortem-offline-draft', { docs: true });

    // Bo also writes and publishes while the hub is down: the publish waits in his outbox. He closes his tab.
    await appendLine(bo.page, 'Bo: we had no alert on pool exhaustion.');
    await bo.page.getByRole('button', { name: 'Publish' }).click();
    await draftState(bo.page, 'publishing').waitFor();
    await waitForConnection(bo.page, { connection: 'offline', pending: 1 });
    await bo.page.close();

    // The hub is back: Ana publishes first.
    await hub.restart();
    await waitForConnection(ana.page, { connection: 'online', pending: 0 });
    await ana.page.getByRole('button', { name: 'Publish' }).click();
    await draftState(ana.page, 'published').waitFor();
    let detail = await hub.api<IncidentDetail>(`/api/incidents/${INCIDENT}`, 'ana');
    expect(detail.incident.postmortem?.publishedBy.name).toBe('ana');
    expect(detail.incident.postmortem?.markdown).toContain('Ana: the pool was sized');

    // Export PDF prints the page with its print style sheet: only the postmortem, nothing of the app around it.
    // Chromium's own PDF printing (what Electron's printToPDF uses) makes the artifact.
    await ana.page.emulateMedia({ media: 'print' });
    expect(await ana.page.locator('.header').isVisible()).toBe(false);
    expect(await ana.page.getByRole('textbox', { name: 'Markdown' }).isVisible()).toBe(false);
    expect(await ana.page.locator('.print-area h1').textContent()).toMatch(/Postmortem: INC-1 Checkout is failing/);
    await saveScreenshot(ana.page, 'postmortem-print', { fullPage: true });
    const pdf = await ana.page.pdf({ path: join(ARTIFACTS, 'postmortem-INC-1.pdf'), format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await ana.page.emulateMedia({ media: 'screen' });

    // Bo opens the app again: his queued publish reaches the hub, which refuses it (Ana's revision is newer),
    // and his app shows both texts to merge. Nothing was overwritten.
    const boPage = await bo.context.newPage();
    await boPage.goto(`${hub.url}/#/incident/${INCIDENT}/postmortem`);
    await waitForConnection(boPage, { connection: 'online', pending: 0 });
    await boPage.getByRole('heading', { name: /ana published a newer revision/ }).waitFor();
    await boPage.getByText(/was not accepted/).waitFor();
    const merged = boPage.getByRole('textbox', { name: 'Merged text' });
    const proposal = await merged.inputValue();
    expect(proposal).toContain('<<<<<<< mine');
    expect(proposal).toContain('Bo: we had no alert on pool exhaustion.');
    expect(proposal).toContain('Ana: the pool was sized for last year’s traffic.');
    detail = await hub.api<IncidentDetail>(`/api/incidents/${INCIDENT}`, 'bo');
    expect(detail.incident.postmortem?.markdown).not.toContain('Bo:'); // the hub kept Ana's text
    await saveScreenshot(boPage, 'postmortem-merge', { docs: true, fullPage: true });

    // Bo keeps both lines, drops the markers, and publishes on top of Ana's revision.
    const resolved = proposal
      .split('\n')
      .filter((line) => !/^(<<<<<<< |=======$|>>>>>>> )/.test(line))
      .join('\n');
    await merged.fill(resolved);
    await boPage.getByRole('button', { name: 'Use the merged text' }).click();
    await boPage.getByRole('button', { name: 'Publish' }).click();
    await boPage.locator('.postmortem__state [data-draft-status="published"]').waitFor();

    detail = await hub.api<IncidentDetail>(`/api/incidents/${INCIDENT}`, 'ana');
    const final = detail.incident.postmortem;
    expect(final?.publishedBy.name).toBe('bo');
    expect(final?.revisions).toBe(2);
    expect(final?.markdown).toContain('Ana: the pool was sized for last year’s traffic.');
    expect(final?.markdown).toContain('Bo: we had no alert on pool exhaustion.');
    const published = detail.events.filter((e) => e.type === 'postmortem.published');
    expect(published.map((e) => e.actor.name)).toEqual(['ana', 'bo']);

    // Ana sees Bo's revision arrive. Her draft is in the log as revision 1, so nothing is lost and nothing needs
    // merging: she reads the latest revision, and a new edit starts from it.
    await ana.page.getByRole('heading', { name: 'Published postmortem' }).waitFor();
    await ana.page.locator('[data-draft-status="outdated"]').waitFor();
    expect(await ana.page.locator('.markdown').textContent()).toContain('Bo: we had no alert on pool exhaustion.');
  });

  it('had no page errors and no CSP violations', () => {
    expect(ana.pageErrors).toEqual([]);
    expect(bo.pageErrors).toEqual([]);
    expect(unexpectedConsoleErrors(ana)).toEqual([]);
  });
});
