import { readFileSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandInput } from '../shared/domain/commands.js';
import { SEVERITIES } from '../shared/domain/severity.js';
import { METRICS_CSV_COLUMNS } from '../shared/metrics/csv.js';
import type { MetricsReport } from '../shared/metrics/report.js';
import { saveScreenshot } from './support/artifacts.js';
import { launchChromium, openClient, unexpectedConsoleErrors, type WebClient } from './support/browser.js';
import { startE2eHub, type E2eHub } from './support/hub-process.js';
import { connectSeedClient } from './support/seed-client.js';
import { signInByLink } from './support/warroom-page.js';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
/** Whole minutes, so every moment below is in the past and the hub keeps each person's time as sent. */
const NOW = Math.floor(Date.now() / MIN) * MIN - 10 * MIN;
const at = (days: number, minutes = 0) => new Date(NOW - days * DAY + minutes * MIN).toISOString();

type Step = { minutes: number; type: CommandInput['type']; payload: Record<string, unknown> };

/**
 * A month of incidents (and two in the month before), each a story of commands made at its own moments: the seed
 * client sends with "now", and metrics are about when things happened.
 */
const STORIES: ReadonlyArray<{ id: string; daysAgo: number; steps: Step[] }> = [
  // The month before: a SEV-1 and a SEV-2, no SEV-3 (so this month's SEV-3 share is up). This month, no SEV-2 has
  // an impact start: its TTD has no data.
  story('prev-1', 45, 'SEV-1', 'Database failover stuck', { impact: -15, detected: -5 }, [[60, 'resolved']]),
  story('prev-2', 38, 'SEV-2', 'Slow image uploads', { detected: -10 }, [[30, 'mitigated']]),
  story('sev1', 24, 'SEV-1', 'Card payments failing at checkout', { impact: -20, detected: -8 }, [
    [55, 'mitigated'],
    [128, 'resolved'],
  ]),
  story('sev2-reopened', 17, 'SEV-2', 'Search results stale', { detected: -6 }, [
    [35, 'mitigated'],
    [65, 'resolved'],
  ]),
  story('escalated', 12, 'SEV-2', 'Login errors for some users', { impact: -9, detected: -4 }, [[90, 'resolved']]),
  story('sev3-early', 8, 'SEV-3', 'Disk filling on db-2', { impact: -3, triage: true }, [[20, 'resolved']]),
  story('sev3-cert', 5, 'SEV-3', 'Certificate expires in ten days', {}, [[15, 'mitigated']]),
  story('declined', 3, 'SEV-3', 'Flapping CPU alert on build-7', { impact: -1, triage: true }, [[3, 'declined']]),
  story('sev3-open', 1, 'SEV-3', 'Queue backlog growing', { impact: -12 }, []),
];

function story(
  id: string,
  daysAgo: number,
  severity: 'SEV-1' | 'SEV-2' | 'SEV-3',
  title: string,
  moments: { impact?: number; detected?: number; triage?: boolean },
  moves: ReadonlyArray<readonly [number, string]>,
): { id: string; daysAgo: number; steps: Step[] } {
  const steps: Step[] = [
    {
      minutes: 0,
      type: 'incident.declare',
      payload: {
        title,
        severity,
        service: 'checkout',
        status: moments.triage ? 'triage' : 'investigating',
        impactStartedAt: moments.impact === undefined ? null : at(daysAgo, moments.impact),
        detectedAt: moments.detected === undefined ? null : at(daysAgo, moments.detected),
      },
    },
  ];
  // An alert in triage is acknowledged by the first person to answer it: 4 min 10 s later.
  if (moments.triage && !moves.some(([, s]) => s === 'declined'))
    steps.push({ minutes: 25 / 6, type: 'incident.change_status', payload: { status: 'investigating' } });
  for (const [minutes, status] of moves)
    steps.push({ minutes, type: 'incident.change_status', payload: { status, reason: `Marked ${status}` } });
  if (id === 'sev2-reopened')
    steps.push(
      { minutes: 180, type: 'incident.change_status', payload: { status: 'investigating', reason: 'Stale again' } },
      { minutes: 240, type: 'incident.change_status', payload: { status: 'resolved', reason: 'Index rebuilt' } },
    );
  if (id === 'escalated')
    steps.splice(1, 0, {
      minutes: 10,
      type: 'incident.change_severity',
      payload: { severity: 'SEV-1', reason: 'Half of all logins fail' },
    });
  return { id, daysAgo, steps };
}

/** Sends each story's commands to the real hub with their own moments (clientAt), in order. */
async function seed(hubUrl: string, token: string): Promise<void> {
  const client = await connectSeedClient(hubUrl, token);
  try {
    for (const { id, daysAgo, steps } of STORIES)
      for (const step of steps) {
        const ack = await client.send(step.type, id, step.payload, at(daysAgo, step.minutes));
        if (!ack.ok) throw new Error(`${id}: ${step.type} refused: ${ack.error.message}`);
      }
  } finally {
    client.close();
  }
}

interface CanvasPixels {
  readonly width: number;
  readonly height: number;
  /** Pixels not fully transparent. */
  readonly painted: number;
  /** Pixels of exactly each severity's colour (the bars' fill). */
  readonly severity: Readonly<Record<string, number>>;
  readonly dataUrl: string;
}

/** What a chart's canvas holds, read back from its 2D context. */
function pixels(canvas: Locator): Promise<CanvasPixels> {
  return canvas.evaluate((element) => {
    type Canvas = {
      width: number;
      height: number;
      toDataURL(): string;
      getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
    };
    const c = element as unknown as Canvas;
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const colours: Record<string, [number, number, number]> = {
      'SEV-1': [201, 42, 42],
      'SEV-2': [255, 146, 43],
      'SEV-3': [255, 212, 59],
    };
    const severity: Record<string, number> = { 'SEV-1': 0, 'SEV-2': 0, 'SEV-3': 0 };
    let painted = 0;
    for (let i = 0; i < data.length; i += 4) {
      if ((data[i + 3] ?? 0) === 0) continue;
      painted++;
      for (const [name, [r, g, b]] of Object.entries(colours))
        if (data[i] === r && data[i + 1] === g && data[i + 2] === b && data[i + 3] === 255)
          severity[name] = (severity[name] ?? 0) + 1;
    }
    return { width: c.width, height: c.height, painted, severity, dataUrl: c.toDataURL() };
  });
}

/** Collects CSP violations in the page from its first script on (installed before any navigation). */
async function recordCspViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const g = globalThis as unknown as {
      __csp: string[];
      addEventListener(
        type: string,
        listener: (event: { violatedDirective: string; blockedURI: string }) => void,
      ): void;
    };
    g.__csp = [];
    g.addEventListener('securitypolicyviolation', (e) => g.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (globalThis as unknown as { __csp: string[] }).__csp);
}

async function useTheme(page: Page, theme: 'dark' | 'light'): Promise<void> {
  const toggle = page.getByRole('button', { name: 'Light theme' });
  const light = (await toggle.getAttribute('aria-pressed')) === 'true';
  if (light !== (theme === 'light')) await toggle.click();
  await page.locator(`html.theme-${theme}`).waitFor({ state: 'attached' });
}

describe('metrics in the browser: charts drawn from a real hub, the same numbers as its API, CSV export', () => {
  let hub: E2eHub;
  let browser: Browser;
  let ana: WebClient;

  beforeAll(async () => {
    hub = await startE2eHub([{ name: 'ana', role: 'responder' }]);
    await seed(hub.url, hub.token('ana'));
    browser = await launchChromium();
    ana = await openClient(browser, 'about:blank');
    await recordCspViolations(ana.page);
    await signInByLink(ana.page, hub.url, hub.token('ana'));
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.dispose();
  });

  it('shows the last 30 days as charts with their numbers, says more SEV-3s is good news, and exports the CSV', async () => {
    const page = ana.page;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${hub.url}/#/metrics`);
    await page.locator('.metrics[data-loaded="true"][data-loading="false"]').waitFor();
    const durations = page.locator('canvas[data-chart="durations"][data-drawn="true"]');
    const weeks = page.locator('canvas[data-chart="weeks"][data-drawn="true"]');
    await durations.waitFor();
    await weeks.waitFor();

    // The same period, asked of the hub's API: [from, the day after "to").
    const from = await page.getByLabel('From', { exact: true }).inputValue();
    const through = await page.getByLabel('To (included)').inputValue();
    const to = new Date(Date.parse(`${through}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
    expect(Date.parse(to) - Date.parse(from)).toBe(30 * DAY);
    const report = await hub.api<MetricsReport>(`/api/metrics?from=${from}&to=${to}`, 'ana');
    expect(report.total).toBe(6);
    expect(report.declined).toBe(1);
    expect(report.sev3Trend.direction).toBe('up');
    expect(report.bySeverity['SEV-2'].ttd).toEqual({ samples: 0, medianSeconds: null, p90Seconds: null });

    // Both canvases really drew: bars in the severities' colours, not a blank box.
    const durationPixels = await pixels(durations);
    const weekPixels = await pixels(weeks);
    for (const drawn of [durationPixels, weekPixels]) {
      expect(drawn.width).toBeGreaterThan(300);
      expect(drawn.painted / (drawn.width * drawn.height)).toBeGreaterThan(0.01);
    }
    for (const severity of SEVERITIES) {
      expect(durationPixels.severity[severity], `${severity} bars in the durations chart`).toBeGreaterThan(50);
      expect(weekPixels.severity[severity], `${severity} bars in the weekly chart`).toBeGreaterThan(50);
    }

    // Screenshots of the whole screen in both themes; the charts are drawn again in the theme's colours.
    await page.getByRole('heading', { name: 'Metrics', level: 2 }).scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'metrics-dark', { docs: true, fullPage: true });
    await useTheme(page, 'light');
    await expect.poll(async () => (await pixels(durations)).dataUrl).not.toBe(durationPixels.dataUrl);
    await expect.poll(async () => (await pixels(weeks)).dataUrl).not.toBe(weekPixels.dataUrl);
    await saveScreenshot(page, 'metrics-light', { docs: true, fullPage: true });
    await useTheme(page, 'dark');

    // The text alternative gives the hub's numbers: each median and p90, in seconds, or "no data" for none.
    for (const figure of await page.locator('figure').all()) await figure.getByText('Show the numbers').click();
    await saveScreenshot(page, 'metrics-numbers-dark', { fullPage: true });
    const table = page.getByRole('table', { name: 'Median and p90 per severity' });
    for (const measure of ['ttd', 'tta', 'ttm', 'ttr'] as const)
      for (const stat of ['median', 'p90'] as const)
        for (const severity of SEVERITIES) {
          const expected = report.bySeverity[severity][measure][stat === 'median' ? 'medianSeconds' : 'p90Seconds'];
          const td = table.locator(`tr[data-row="${measure}-${stat}"] td[data-severity="${severity}"]`);
          expect(await td.getAttribute('data-seconds'), `${severity} ${measure} ${stat}`).toBe(
            expected === null ? '' : String(expected),
          );
          if (expected === null) expect(await td.textContent()).toBe('no data');
          else expect(await td.textContent()).toMatch(/^\d+ (s|min|h|d)( \d+ (s|min|h))?$/);
        }
    // SEV-3 TTA: the alert answered after 4 min 10 s, and two SEV-3s declared as investigating (0 s).
    expect(report.bySeverity['SEV-3'].tta.samples).toBe(3);
    const weeksTable = page.getByRole('table', { name: 'Incidents per week' });
    for (const week of report.weeks)
      for (const key of [...SEVERITIES, 'declined'] as const) {
        const count = key === 'declined' ? week.declined : week.bySeverity[key];
        expect(await weeksTable.locator(`tr[data-week="${week.week}"] td[data-severity="${key}"]`).textContent()).toBe(
          String(count),
        );
      }

    // Each incident's row: its durations as the hub has them, a missing one as "missing" (never 0).
    const rows = page.getByRole('table', { name: 'Incidents in the period' }).locator('tbody tr');
    expect(await rows.count()).toBe(report.incidents.length);
    for (const incident of report.incidents) {
      const row = page.locator(`tr[data-incident-id="${incident.incidentId}"]`);
      for (const measure of ['ttd', 'tta', 'ttm', 'ttr'] as const) {
        const seconds = incident[`${measure}Seconds`];
        const td = row.locator(`td[data-measure="${measure}"]`);
        expect(await td.getAttribute('data-seconds')).toBe(seconds === null ? '' : String(seconds));
        if (seconds === null) expect(await td.textContent()).toMatch(/^missing \(/);
      }
    }
    const open = page.locator('tr[data-incident-id="sev3-open"]');
    expect(await open.locator('td[data-measure="ttm"]').textContent()).toBe('missing (not mitigated yet)');
    expect(await page.locator('tr[data-incident-id="sev2-reopened"]').textContent()).toContain('reopened');

    // The SEV-3 trend, in words.
    const trend = page.getByRole('region', { name: /Good news: more incidents caught early/ });
    expect(await trend.textContent()).toContain(report.sev3Trend.judgement);

    // Export CSV: a download with the hub's own CSV for the period, byte for byte.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`warroom-metrics-${from}-${to}.csv`);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.startsWith(`${METRICS_CSV_COLUMNS.join(',')}\r\n`)).toBe(true);
    const hubCsv = await fetch(`${hub.url}/api/metrics.csv?from=${from}&to=${to}`, {
      headers: { authorization: `Bearer ${hub.token('ana')}` },
    }).then((res) => res.text());
    expect(csv).toBe(hubCsv);
    await page.getByText(`Downloaded warroom-metrics-${from}-${to}.csv`).waitFor();

    // A label opens the incident.
    await page.getByRole('button', { name: 'INC-3', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Card payments failing at checkout' }).waitFor();

    expect(await cspViolations(page)).toEqual([]);
    expect(unexpectedConsoleErrors(ana)).toEqual([]);
    expect(ana.pageErrors).toEqual([]);
  });

  it('says nothing was loaded for a start after the end', async () => {
    const page = ana.page;
    await page.goto(`${hub.url}/#/metrics`);
    await page.locator('.metrics[data-loaded="true"]').waitFor();
    await page.getByLabel('To (included)').fill('2025-03-01');
    await page.getByLabel('From', { exact: true }).fill('2025-03-10');
    expect(await page.getByRole('alert').textContent()).toContain('Nothing was loaded');
    await expect.poll(() => page.locator('.metrics').getAttribute('data-loading')).toBe('false');
    expect(await page.getByTestId('metrics-summary').textContent()).toMatch(/^Showing \d{4}-\d{2}-\d{2} to /);
  });
});
