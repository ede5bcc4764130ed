// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WAIT } from '../../testing/patience.js';
import { minutesAfter, TestHub } from '../../../shared/domain/test-support.js';
import { aggregateMetrics } from '../../../shared/metrics/aggregate.js';
import { metricsCsv } from '../../../shared/metrics/csv.js';
import { declaredIn } from '../../../shared/metrics/aggregate.js';
import { metricsOfLog } from '../../../shared/metrics/incident-metrics.js';
import type { MetricsReport } from '../../../shared/metrics/report.js';
import { startApp } from '../../testing/app-harness.js';
import { presetPeriod } from './metrics-period.js';
import { MetricsScreen } from './metrics-screen.js';

const MARCH = { from: '2025-03-01T00:00:00.000Z', to: '2025-04-01T00:00:00.000Z' };

/**
 * March 2025 as the hub would report it: a SEV-2 mitigated in 20 min, resolved in 30 and reopened once, a SEV-3 caught early and
 * acknowledged 4 min 10 s after detection, a SEV-1 still open with no impact start (TTD, TTM and TTR missing), a
 * declined triage alert; and one SEV-1 in February, the period before (so the SEV-3 share went up).
 */
function marchReport(): MetricsReport {
  const hub = new TestHub('2025-02-10T09:00:00.000Z');
  hub.declare({ title: 'Old outage', severity: 'SEV-1' }, { incidentId: 'inc-feb' });
  hub.now = '2025-03-03T10:00:00.000Z';
  hub.declare({ title: 'Checkout slow', severity: 'SEV-2', impactStartedAt: minutesAfter(hub.now, -5) });
  hub.advance(20).ok('incident.change_status', { status: 'mitigated' });
  hub.advance(10).ok('incident.change_status', { status: 'resolved' });
  hub.advance(60).ok('incident.change_status', { status: 'investigating', reason: 'Slow again' });
  hub.advance(30).ok('incident.change_status', { status: 'resolved' });
  hub.now = '2025-03-11T08:00:00.000Z';
  hub.declare(
    { title: 'Disk filling on db-2', severity: 'SEV-3', status: 'triage', impactStartedAt: minutesAfter(hub.now, -2) },
    { incidentId: 'inc-3' },
  );
  hub.now = '2025-03-11T08:04:10.000Z';
  hub.ok('incident.change_status', { status: 'investigating' }, { incidentId: 'inc-3' });
  hub.now = '2025-03-12T12:00:00.000Z';
  hub.declare({ title: 'Flapping alert', severity: 'SEV-3', status: 'triage' }, { incidentId: 'inc-4' });
  hub.advance(3).ok('incident.change_status', { status: 'declined', reason: 'Noise' }, { incidentId: 'inc-4' });
  hub.now = '2025-03-20T22:00:00.000Z';
  hub.declare({ title: 'Payments down', severity: 'SEV-1' }, { incidentId: 'inc-5' });
  const all = metricsOfLog(hub.log);
  const incidents = all.filter((m) => declaredIn(m, MARCH));
  return { seq: hub.state.seq, ...aggregateMetrics(all, MARCH), incidents };
}

async function showMetrics(options: Parameters<typeof startApp>[0] = {}) {
  const app = await startApp({ metrics: marchReport(), ...options });
  await act(async () => app.actions.showPage('metrics'));
  app.render(<MetricsScreen />);
  return app;
}

/** A row of the "Incidents in the period" table, by the incident's label. */
function incidentRow(label: string): HTMLElement {
  const table = screen.getByRole('table', { name: 'Incidents in the period' });
  const row = within(table).getByRole('button', { name: label }).closest('tr');
  if (!row) throw new Error(`no row for ${label}`);
  return row;
}

function cell(row: HTMLElement, measure: string): HTMLElement {
  const found = row.querySelector<HTMLElement>(`td[data-measure="${measure}"]`);
  if (!found) throw new Error(`no ${measure} cell`);
  return found;
}

beforeEach(() => {
  // jsdom has no canvas (getContext is "not implemented" and says so on the console): say "no 2D context" quietly,
  // as a browser without canvas support would.
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the metrics screen', () => {
  it('asks for the last 30 days (UTC, today included) and shows the period, the trend and both figures', async () => {
    const app = await showMetrics();
    await screen.findByText(/incidents$/, { selector: 'strong' });
    const today = presetPeriod(30, Date.now());
    const dayAfter = new Date(Date.parse(`${today.through}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(app.metricsQueries).toEqual([{ from: today.from, to: dayAfter }]);
    expect(screen.getByLabelText('From')).toHaveProperty('value', today.from);
    expect(screen.getByLabelText('To (included)')).toHaveProperty('value', today.through);
    expect(screen.getByRole('button', { name: 'Last 30 days' }).getAttribute('aria-pressed')).toBe('true');

    expect(screen.getByTestId('metrics-summary').textContent).toMatch(
      /^Showing 2025-03-01 to 2025-03-31 \(UTC\): 3 incidents, and 1 declined in triage/,
    );
    const trend = screen.getByRole('region', { name: /Good news: more incidents caught early/ });
    expect(trend.textContent).toContain(
      'SEV-3s were 1 of 3 incidents (33%) this period, up from 0 of 1 incident (0%) the previous period',
    );

    // The charts' canvases are there, named for screen readers, and not drawn (no 2D context here).
    const canvases = screen.getAllByRole('img');
    expect(canvases.map((c) => c.getAttribute('data-chart'))).toEqual(['durations', 'weeks']);
    expect(canvases.every((c) => c.dataset.drawn === undefined)).toBe(true);

    // Their numbers: SEV-2's TTM median is 20 min (detected as it was declared, mitigated 20 min later).
    const durations = screen.getByRole('table', { name: 'Median and p90 per severity' });
    const ttmMedian = within(durations).getByRole('row', { name: /^TTM median/ });
    const sev2 = ttmMedian.querySelector('[data-severity="SEV-2"]');
    expect(sev2?.textContent).toBe('20 min');
    expect(sev2?.getAttribute('data-seconds')).toBe('1200');
    // SEV-3 TTA: 4 min 10 s; SEV-1 has one open incident without impact start or mitigation: no data, not 0.
    const ttaMedian = within(durations).getByRole('row', { name: /^TTA median/ });
    expect(ttaMedian.querySelector('[data-severity="SEV-3"]')?.textContent).toBe('4 min 10 s');
    const ttdMedian = within(durations).getByRole('row', { name: /^TTD median/ });
    expect(ttdMedian.querySelector('[data-severity="SEV-1"]')?.textContent).toBe('no data');
    expect(ttdMedian.querySelector('[data-severity="SEV-1"]')?.getAttribute('data-seconds')).toBe('');

    const weeks = screen.getByRole('table', { name: 'Incidents per week' });
    const w11 = within(weeks).getByRole('row', { name: /^2025-W11/ });
    expect([...w11.querySelectorAll('td')].map((td) => [td.dataset.severity, td.textContent])).toEqual([
      ['SEV-1', '0'],
      ['SEV-2', '0'],
      ['SEV-3', '1'],
      ['declined', '1'],
    ]);
    expect(within(weeks).getAllByRole('row')).toHaveLength(1 + 6); // header + ISO weeks 9 to 14
  });

  it('shows a missing moment as "missing", saying which, never as 0; declined and reopened are flagged', async () => {
    await showMetrics();
    await screen.findByRole('table', { name: 'Incidents in the period' });
    const open = incidentRow('INC-5');
    for (const measure of ['ttd', 'ttm', 'ttr']) {
      expect(cell(open, measure).textContent).toMatch(/^missing/);
      expect(cell(open, measure).textContent).not.toMatch(/\b0\b/);
    }
    expect(cell(open, 'ttm').querySelector('[title]')?.getAttribute('title')).toBe('TTM missing: not mitigated yet');
    expect(cell(open, 'ttd').textContent).toBe('missing (nobody recorded when the impact started)');
    // Declared as investigating: acknowledged the moment it was declared, a real 0.
    expect(cell(open, 'tta').textContent).toBe('0 s');

    const resolved = incidentRow('INC-2');
    expect(['ttd', 'tta', 'ttm', 'ttr'].map((m) => cell(resolved, m).textContent)).toEqual([
      '5 min',
      '0 s',
      '20 min',
      '30 min',
    ]);

    // Reopened once: TTM and TTR stay measured to the first mitigation and resolution.
    expect(resolved.textContent).toContain('reopened');
    expect(resolved.textContent).not.toContain('×');

    const declined = incidentRow('INC-4');
    expect(declined.textContent).toContain('Declined');
    expect(declined.textContent).toContain('not counted');
    expect(cell(declined, 'tta').textContent).toBe('missing (declined in triage without being acknowledged)');
  });

  it('opens an incident from its label', async () => {
    const user = userEvent.setup();
    const app = await showMetrics();
    await user.click(await screen.findByRole('button', { name: 'INC-3' }));
    expect(app.store.getState().selectedIncidentId).toBe('inc-3');
  });

  it('shows why when the hub cannot be asked, and loads on Reload', async () => {
    const user = userEvent.setup();
    const offline = 'The hub cannot be reached: metrics are computed by the hub, so they need a connection.';
    const app = await showMetrics({ metrics: new Error(offline) });
    expect((await screen.findByRole('alert')).textContent).toBe(offline);
    expect(screen.queryByRole('table')).toBeNull();

    app.metrics(marchReport());
    await user.click(screen.getByRole('button', { name: 'Reload' }));
    await screen.findByRole('table', { name: 'Incidents in the period' });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(app.metricsQueries).toHaveLength(2);
    expect(app.metricsQueries[1]).toEqual(app.metricsQueries[0]);
  });

  it('refuses a start after the end without asking, and asks for a preset or a period typed by hand', async () => {
    const user = userEvent.setup();
    const app = await showMetrics();
    await screen.findByRole('table', { name: 'Incidents in the period' });

    // The end first: with the default start (30 days ago), an end in March 2025 is already before the start.
    const through = screen.getByLabelText('To (included)');
    await user.clear(through);
    await user.type(through, '2025-03-01');
    const from = screen.getByLabelText('From');
    await user.clear(from);
    await user.type(from, '2025-03-10');
    expect(screen.getByRole('alert').textContent).toBe(
      'The start (2025-03-10) is after the end (2025-03-01): choose a start on or before the end. Nothing was loaded.',
    );
    expect(screen.getByRole('button', { name: 'Reload' })).toHaveProperty('disabled', true);
    const asked = app.metricsQueries.length;
    expect(app.metricsQueries.some((q) => q.to === '2025-03-02')).toBe(false);
    // What was shown stays, still saying which period it is.
    expect(screen.getByTestId('metrics-summary').textContent).toContain('2025-03-01 to 2025-03-31');

    await user.clear(through);
    await user.type(through, '2025-03-31');
    await vi.waitFor(() => expect(app.metricsQueries.at(-1)).toEqual({ from: '2025-03-10', to: '2025-04-01' }), WAIT);
    expect(app.metricsQueries.length).toBeGreaterThan(asked);
    expect(screen.queryByRole('alert')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Last 7 days' }));
    const week = presetPeriod(7, Date.now());
    await vi.waitFor(() => expect(app.metricsQueries.at(-1)?.from).toBe(week.from), WAIT);
    expect(screen.getByRole('button', { name: 'Last 7 days' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('keeps the chosen period when the screen is left and opened again', async () => {
    const user = userEvent.setup();
    const app = await startApp({ metrics: marchReport() });
    const first = app.render(<MetricsScreen />);
    await user.click(await screen.findByRole('button', { name: 'Last 90 days' }));
    first.unmount();
    app.render(<MetricsScreen />);
    expect(screen.getByRole('button', { name: 'Last 90 days' }).getAttribute('aria-pressed')).toBe('true');
    await vi.waitFor(() => expect(app.metricsQueries.at(-1)?.from).toBe(presetPeriod(90, Date.now()).from), WAIT);
  });

  it('exports the incidents as the hub’s CSV and says where it went', async () => {
    const user = userEvent.setup();
    const report = marchReport();
    const app = await showMetrics({ metrics: report });
    await user.click(await screen.findByRole('button', { name: 'Export CSV' }));
    expect(app.savedFiles).toEqual([
      { suggestedName: 'warroom-metrics-2025-03-01-2025-04-01.csv', kind: 'csv', text: metricsCsv(report.incidents) },
    ]);
    expect(app.savedFiles[0]?.text.split('\r\n')).toHaveLength(1 + 4 + 1); // header, 4 incidents, final CRLF
    expect((await screen.findByText(/^Saved to /)).textContent).toBe('Saved to /home/alice/Documents/file');
  });
});
