import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpTestServer, type SmtpTestServer } from '../hub/test/support/smtp-test-server.js';
import type { StatusPageConfigInput } from '../shared/status-page/status-page-config.js';
import { incidentAnchor } from '../shared/status-page/public-status.js';
import { statusJsonSchema } from '../shared/status-page/render/status-json-schema.js';
import { PROTOCOL_VERSION } from '../shared/protocol/version.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/protocol/wire.js';
import { saveScreenshot } from './support/artifacts.js';
import { launchChromium } from './support/browser.js';
import { startE2eHub, type E2eHub } from './support/hub-process.js';
import { connectSeedClient, type SeedClient } from './support/seed-client.js';

const AXE = fileURLToPath(new URL('../node_modules/axe-core/axe.min.js', import.meta.url));

const VIEWPORTS = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 390, height: 844 },
} as const;

const HOUR = 3600_000;

/**
 * The public status page as visitors get it, end to end: a real hub process (with SMTP set up, so it offers e-mail
 * subscriptions) whose admin sets up public services over socket.io, incidents published with external updates,
 * and real Chromium reading /status with JavaScript off, under the hub's CSP, checked by axe-core in light and dark
 * at desktop and phone width. The screenshots in README.md and docs/status-page.md come from here.
 */
describe('the public status page', () => {
  let smtp: SmtpTestServer;
  let hub: E2eHub;
  let admin: Socket<ServerToClientEvents, ClientToServerEvents>;
  let seed: SeedClient;
  let browser: Browser;

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    hub = await startE2eHub([{ name: 'root', role: 'admin' }], {
      env: {
        WARROOM_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        WARROOM_SMTP_FROM: 'Acme status <status@acme.test>',
      },
    });
    admin = io(hub.url, {
      auth: { token: hub.token('root'), protocol: PROTOCOL_VERSION },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    await new Promise<void>((resolve, reject) => {
      admin.once('welcome', () => resolve());
      admin.once('connect_error', reject);
    });
    seed = await connectSeedClient(hub.url, hub.token('root'));
    browser = await launchChromium();

    const now = Date.now();
    const config: StatusPageConfigInput = {
      title: 'Acme status',
      timeZone: 'Europe/Berlin',
      services: [
        { key: 'payments-api', name: 'Checkout', description: 'Paying for orders' },
        { key: 'search', name: 'Search', description: 'Finding products' },
        { key: 'auth', name: 'Login & accounts' },
        { key: 'cdn', name: 'Images' },
      ],
      maintenances: [
        {
          id: 'mw-db-upgrade',
          title: 'Database upgrade',
          text: 'Signing in may take a few seconds longer while we switch over.',
          startsAt: new Date(now + 26 * HOUR).toISOString(),
          endsAt: new Date(now + 28 * HOUR).toISOString(),
          services: ['auth'],
        },
      ],
    };
    const saved = await admin.timeout(20_000).emitWithAck('statuspage.change', { kind: 'config.save', config });
    expect(saved, JSON.stringify(saved)).toMatchObject({ ok: true });

    // A resolved incident on Search (a past incident), then the active one on Checkout with two external updates.
    await ok('incident.declare', 'inc-search', { title: 'ES cluster yellow', severity: 'SEV-3', service: 'search' });
    await ok('status_update.post', 'inc-search', {
      updateId: randomUUID(),
      text: 'Search results are slower than usual. We are looking into it.',
      audience: 'external',
      publicTitle: 'Search is slow',
    });
    await ok('incident.change_status', 'inc-search', { status: 'resolved' });
    await ok('status_update.post', 'inc-search', {
      updateId: randomUUID(),
      text: 'Search is back to its usual speed.',
      audience: 'external',
    });
    await ok('incident.declare', 'inc-pay', {
      title: 'PSP timeouts on eu-west-1b',
      severity: 'SEV-2',
      service: 'payments-api',
    });
    await ok('status_update.post', 'inc-pay', {
      updateId: randomUUID(),
      text: 'internal: psp-7 pool exhausted',
      audience: 'internal',
    });
    await ok('status_update.post', 'inc-pay', {
      updateId: randomUUID(),
      text: 'Some card payments fail at checkout.\n\nOrders paid by invoice are not affected. Next update in 30 minutes.',
      audience: 'external',
      publicTitle: 'Card payments are failing',
    });
    await ok('incident.change_status', 'inc-pay', { status: 'mitigated' });
    await ok('status_update.post', 'inc-pay', {
      updateId: randomUUID(),
      text: 'We switched to a second payment provider; card payments work again. We are watching closely.',
      audience: 'external',
    });
  });

  afterAll(async () => {
    await browser?.close();
    seed?.close();
    admin?.close();
    await hub?.dispose();
    await smtp?.close();
  });

  async function ok(type: Parameters<SeedClient['send']>[0], incidentId: string, payload: Record<string, unknown>) {
    const ack = await seed.send(type, incidentId, payload);
    if (!ack.ok) throw new Error(`${type} refused: ${ack.error.code}: ${ack.error.message}`);
  }

  /** Reads /status until the hub's cache shows the active incident (it rebuilds after the commit, not in it). */
  async function pageShowing(text: string): Promise<string> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const html = await (await fetch(`${hub.url}/status`)).text();
      if (html.includes(text)) return html;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`/status never showed "${text}"`);
  }

  it('renders fully with JavaScript off, under its CSP, with nothing internal on it', async () => {
    await pageShowing('card payments work again');
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: VIEWPORTS.desktop });
    try {
      const page = await context.newPage();
      const problems = watch(page);
      const response = await page.goto(`${hub.url}/status`);
      expect(response?.status()).toBe(200);
      const csp = response?.headers()['content-security-policy'] ?? '';
      expect(csp).toContain("default-src 'none'");
      expect(csp).not.toMatch(/script-src|'unsafe-inline'/);

      await expect.poll(() => page.locator('h1').allTextContents()).toEqual(['Acme status']);
      // Nothing to run: the page works as it is served.
      expect(await page.locator('script, [onclick], [onload]').count()).toBe(0);
      expect(await page.locator('header .overall').textContent()).toBe('Minor Service Outage');
      const active = page.locator(`#${incidentAnchor('inc-pay')}`);
      expect(await active.locator('h3').textContent()).toBe('Card payments are failing');
      expect(await active.locator('.update-status').allTextContents()).toEqual(['Monitoring', 'Investigating']);
      expect(await page.locator(`#${incidentAnchor('inc-search')} h3`).textContent()).toBe('Search is slow');
      expect(await page.locator('.service h3').allTextContents()).toEqual([
        'Checkout',
        'Search',
        'Login & accounts',
        'Images',
      ]);
      expect(await page.locator('.service .state').allTextContents()).toEqual([
        'Degraded performance',
        'Operational',
        'Operational',
        'Operational',
      ]);
      expect(await page.locator('.service').first().locator('.history > li').count()).toBe(90);
      expect(await page.locator('#maintenance-mw-db-upgrade h3').textContent()).toBe('Database upgrade');
      expect(await page.locator('form[action="/status/subscribe"] input[name="service"]').count()).toBe(4);
      // The stylesheet loaded (its rules apply): the skip link sits off-screen until the keyboard reaches it.
      const skip = page.locator('a.skip-link');
      expect((await skip.boundingBox())?.y ?? 0).toBeLessThan(0);
      await page.keyboard.press('Tab');
      expect((await skip.boundingBox())?.y ?? -1).toBeGreaterThanOrEqual(0);
      await page.keyboard.press('Enter');
      // Following a fragment link is a navigation of its own: wait for it rather than read the URL at once.
      await page.waitForURL((url) => url.hash === '#main');

      const body = (await page.locator('body').textContent()) ?? '';
      for (const internal of ['PSP timeouts', 'psp-7', 'ES cluster', 'payments-api', 'root'])
        expect(body).not.toContain(internal);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('reports no CSP violation when scripts could run, and the check does see one when there is', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
    try {
      // Injected by the browser before the page's own content, so the CSP does not apply to the listener itself.
      await context.addInitScript(
        'window.__violations = []; document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective + " " + e.blockedURI));',
      );
      const page = await context.newPage();
      const problems = watch(page);
      await page.goto(`${hub.url}/status`);
      await page.waitForLoadState('load');
      expect(await page.evaluate('window.__violations')).toEqual([]);
      expect(problems).toEqual([]);
      // The control: an inline script the CSP must block, reported to the same listener.
      await page.evaluate(
        '(() => { const s = document.createElement("script"); s.textContent = "window.__ran = true"; document.body.append(s); })()',
      );
      await expect.poll(() => page.evaluate('window.__violations.length')).toBeGreaterThan(0);
      expect(await page.evaluate('window.__ran === true')).toBe(false);
    } finally {
      await context.close();
    }
  });

  it('serves status.json in its schema and a well-formed Atom feed', async () => {
    const json: unknown = await (await fetch(`${hub.url}/status.json`)).json();
    const parsed = statusJsonSchema.parse(json);
    expect(parsed.incidents.map((i) => [i.name, i.status])).toEqual([['Card payments are failing', 'monitoring']]);
    expect(parsed.components.map((c) => c.status)).toEqual([
      'degraded_performance',
      'operational',
      'operational',
      'operational',
    ]);

    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${hub.url}/status.json`);
      const feed = await (await fetch(`${hub.url}/status/feed.atom`)).text();
      const titles = await page.evaluate(
        `(() => { const d = new DOMParser().parseFromString(${JSON.stringify(feed)}, 'application/xml');
          if (d.querySelector('parsererror')) return null;
          return [...d.querySelectorAll('entry > title')].map((t) => t.textContent); })()`,
      );
      expect(titles).toEqual([
        'Monitoring: Card payments are failing',
        'Investigating: Card payments are failing',
        'Resolved: Search is slow',
        'Investigating: Search is slow',
      ]);
    } finally {
      await context.close();
    }
  });

  for (const scheme of ['light', 'dark'] as const)
    for (const [device, viewport] of Object.entries(VIEWPORTS))
      it(`passes axe-core (no violation at all, serious or not) in ${scheme} on a ${device}`, async () => {
        // axe is a script: this context lets it in (bypassCSP); the CSP itself is checked above.
        const context = await browser.newContext({ viewport, colorScheme: scheme, bypassCSP: true });
        try {
          const page = await context.newPage();
          await page.goto(`${hub.url}/status`);
          await saveScreenshot(page, `status-page-${scheme}-${device}`, { fullPage: true, docs: true });
          await page.addScriptTag({ path: AXE });
          const result = (await page.evaluate(
            `axe.run(document, { resultTypes: ['violations'] }).then((r) => ({
              passes: r.passes.map((p) => p.id),
              violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) })) }))`,
          )) as {
            passes: string[];
            violations: { id: string; impact: string | null; help: string; nodes: string[] }[];
          };
          // axe did look at what matters here (a silently empty run would pass everything).
          expect(result.passes).toEqual(
            expect.arrayContaining([
              'color-contrast',
              'document-title',
              'html-has-lang',
              'label',
              'landmark-one-main',
              'bypass',
            ]),
          );
          const severe = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
          expect(severe, JSON.stringify(result.violations, null, 1)).toEqual([]);
          expect(result.violations, 'and none of lesser impact either').toEqual([]);
        } finally {
          await context.close();
        }
      });
});

/** Console errors (CSP violations show here too), uncaught page errors and failed requests of a page. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()}: ${r.url()}`);
  });
  return problems;
}
