import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../shared/domain/incident.js';
import type { Severity } from '../shared/domain/severity.js';
import { saveScreenshot } from './support/artifacts.js';
import { launchChromium, unexpectedConsoleErrors, type WebClient } from './support/browser.js';
import { startE2eHub, type E2eHub } from './support/hub-process.js';
import { connectSeedClient } from './support/seed-client.js';
import { openSignedIn } from './support/signed-in.js';
import { boardRow, waitForConnection } from './support/warroom-page.js';

/** The SEV-1 that needs a person most: declared by a monitor (not acknowledged) and with nobody leading it. */
const DROWNING = 'Payments API returns 502 for every card';

interface Seed {
  readonly title: string;
  readonly severity: Severity;
  readonly service: string;
  /** From a monitor: starts in triage, not acknowledged. */
  readonly triage?: boolean;
  readonly unled?: boolean;
}

/** Twenty active incidents, as on a bad night: the drowning SEV-1 is declared late, among ordinary ones. */
const SEEDS: readonly Seed[] = [
  { title: 'Checkout latency above 2 s', severity: 'SEV-1', service: 'checkout' },
  { title: 'Search results stale by an hour', severity: 'SEV-2', service: 'search' },
  { title: 'Receipt emails delayed', severity: 'SEV-3', service: 'email', unled: true },
  { title: 'Login page slow in EU', severity: 'SEV-2', service: 'auth' },
  { title: 'Inventory sync failing for 3 warehouses', severity: 'SEV-2', service: 'inventory' },
  { title: 'Image CDN 404s on product pages', severity: 'SEV-3', service: 'cdn' },
  { title: 'Recommendations empty on the home page', severity: 'SEV-3', service: 'recs', unled: true },
  { title: 'Mobile push notifications not sent', severity: 'SEV-2', service: 'push', triage: true },
  { title: 'Order export to ERP stuck', severity: 'SEV-2', service: 'erp' },
  { title: 'Disk 90% full on db-7', severity: 'SEV-3', service: 'database', triage: true },
  { title: 'Gift cards rejected at checkout', severity: 'SEV-1', service: 'checkout', unled: true },
  { title: 'Shipping rates missing for Canada', severity: 'SEV-2', service: 'shipping' },
  { title: 'Password reset links expire at once', severity: 'SEV-2', service: 'auth', unled: true },
  { title: 'Analytics events dropped', severity: 'SEV-3', service: 'analytics' },
  { title: DROWNING, severity: 'SEV-1', service: 'payments', triage: true, unled: true },
  { title: 'Admin console 500 on reports', severity: 'SEV-3', service: 'admin' },
  { title: 'Tax calculation off by a cent', severity: 'SEV-3', service: 'tax' },
  { title: 'Queue depth growing on workers', severity: 'SEV-2', service: 'workers', triage: true },
  { title: 'Sitemap not regenerated', severity: 'SEV-3', service: 'seo' },
  { title: 'Coupons apply twice', severity: 'SEV-2', service: 'checkout' },
];

/** How many board rows lie entirely inside the viewport, the page scrolled to the top (none cut at the bottom). */
async function rowsFullyVisible(page: Page): Promise<number> {
  const height = page.viewportSize()?.height ?? 0;
  const rows = await page.locator('table.board tbody tr').all();
  const boxes = await Promise.all(rows.map((row) => row.boundingBox()));
  return boxes.filter((box) => box !== null && box.height > 0 && box.y >= 0 && box.y + box.height <= height).length;
}

/** The document's width against the window's: anything wider scrolls sideways. */
function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; clientWidth: number }> {
  return page.locator('html').evaluate((html) => {
    const root = html as unknown as { scrollWidth: number; clientWidth: number };
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
  });
}

/** The count shown at the top of the board for a severity, or for "no lead". */
async function shownCount(page: Page, which: Severity | 'no lead'): Promise<number> {
  const item =
    which === 'no lead'
      ? page.locator('.board-counts [data-no-lead]')
      : page.locator(`.board-counts [data-severity="${which}"]`);
  return Number(await item.getAttribute('data-count'));
}

describe('the board under load', () => {
  let hub: E2eHub;
  let browser: Browser;
  let ana: WebClient;

  beforeAll(async () => {
    hub = await startE2eHub(
      [
        { name: 'ana', role: 'responder' },
        { name: 'monitor', role: 'responder' },
      ],
      { env: { WARROOM_COMMAND_BURST: '1000', WARROOM_COMMANDS_PER_SECOND: '1000' } },
    );
    // Seeded through the real hub, one incident after the other, so "oldest first" has a meaning.
    const seeder = await connectSeedClient(hub.url, hub.token('monitor'));
    for (const [i, seed] of SEEDS.entries()) {
      const incidentId = `load-${String(i).padStart(2, '0')}`;
      const declared = await seeder.send('incident.declare', incidentId, {
        title: seed.title,
        severity: seed.severity,
        service: seed.service,
        ...(seed.triage ? { status: 'triage' } : {}),
      });
      expect(declared.ok).toBe(true);
      if (seed.unled) expect((await seeder.send('role.release', incidentId, { role: 'lead' })).ok).toBe(true);
    }
    seeder.close();
    browser = await launchChromium();
    ana = await openSignedIn(browser, hub, 'ana');
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.dispose();
  });

  it('shows at least 12 of 20 rows at 1280x800, the unled unacknowledged SEV-1 first, with the right counts', async () => {
    const { page } = ana;
    await page.setViewportSize({ width: 1280, height: 800 });
    await waitForConnection(page, { connection: 'online', pending: 0 });
    await boardRow(page, SEEDS.at(-1)?.title ?? '').waitFor();
    expect(await page.locator('table.board tbody tr').count()).toBe(20);
    expect(await page.getByRole('form', { name: 'Declare an incident' }).count()).toBe(0); // only on demand

    const titles = await page.locator('table.board tbody tr').getByRole('button').allInnerTexts();
    expect(titles[0]).toBe(DROWNING);
    const top = boardRow(page, DROWNING);
    expect(await top.innerText()).toMatch(/unacknowledged \d+(s|m)/);
    expect(await top.innerText()).toContain('No lead');
    // Then the other SEV-1 without a lead, then the led SEV-1, then SEV-2s.
    expect(titles.slice(1, 3)).toEqual(['Gift cards rejected at checkout', 'Checkout latency above 2 s']);

    const expected = (severity: Severity) => SEEDS.filter((s) => s.severity === severity).length;
    expect(await shownCount(page, 'SEV-1')).toBe(expected('SEV-1'));
    expect(await shownCount(page, 'SEV-2')).toBe(expected('SEV-2'));
    expect(await shownCount(page, 'SEV-3')).toBe(expected('SEV-3'));
    expect(await shownCount(page, 'no lead')).toBe(SEEDS.filter((s) => s.unled).length);
    expect(await page.getByRole('list', { name: 'Active incidents' }).innerText()).toMatch(/SEV-1\s*3/);

    const visible = await rowsFullyVisible(page);
    expect(visible).toBeGreaterThanOrEqual(12);
    await saveScreenshot(page, 'board', { docs: true });
  });

  it('holds at 900 px wide without sideways scrolling, with the declare form open too', async () => {
    const { page } = ana;
    await page.setViewportSize({ width: 900, height: 700 });
    await page.locator('table.board').waitFor();
    const closed = await horizontalOverflow(page);
    expect(closed.scrollWidth).toBeLessThanOrEqual(closed.clientWidth);
    await saveScreenshot(page, 'board-900');

    await page.keyboard.press('n'); // opens the form, the title focused
    const form = page.getByRole('form', { name: 'Declare an incident' });
    await form.waitFor();
    const open = await horizontalOverflow(page);
    expect(open.scrollWidth).toBeLessThanOrEqual(open.clientWidth);
    await saveScreenshot(page, 'board-900-declare');
  });

  it('declares with a chosen severity and when the impact started, so time to detect is known', async () => {
    const { page } = ana;
    await page.setViewportSize({ width: 1280, height: 800 });
    const form = page.getByRole('form', { name: 'Declare an incident' });
    await form.getByLabel('Title', { exact: true }).fill('Refunds fail for PayPal');
    await form.getByRole('button', { name: 'Declare incident' }).click();
    // No severity chosen: said next to the choice, nothing sent.
    await form.getByRole('alert').filter({ hasText: 'Choose a severity.' }).waitFor();
    await form.getByRole('radio', { name: /^SEV-1 / }).check();
    await form.getByLabel('Impact started', { exact: true }).selectOption({ label: 'Minutes ago…' });
    await form.getByLabel('Minutes ago').fill('12');
    const before = Date.now();
    await form.getByRole('button', { name: 'Declare incident' }).click();
    const after = Date.now();
    await page.getByRole('heading', { level: 2, name: 'Refunds fail for PayPal' }).waitFor();
    await waitForConnection(page, { connection: 'online', pending: 0 });

    const { incidents } = await hub.api<{ incidents: Incident[] }>('/api/incidents', 'ana');
    const declared = incidents.find((i) => i.title === 'Refunds fail for PayPal');
    expect(declared?.severity).toBe('SEV-1');
    const started = Date.parse(declared?.moments.impactStartedAt ?? '');
    // Twelve minutes before the click, rounded down to the minute (the browser and this test share the machine's
    // clock; the click happened between `before` and `after`, however slow the machine).
    expect(started).toBeLessThanOrEqual(after - 12 * 60_000);
    expect(started).toBeGreaterThan(before - 13 * 60_000);
    expect(Date.parse(declared?.moments.detectedAt ?? '')).toBeGreaterThan(started);
  });

  it('had no page errors and no CSP violations', () => {
    expect(ana.pageErrors).toEqual([]);
    expect(unexpectedConsoleErrors(ana)).toEqual([]);
  });
});
