import { describe, expect, it } from 'vitest';
import { minutesAfter, T0, TestHub } from '../domain/test-support.js';
import { aggregateMetrics } from './aggregate.js';
import { fetchMetrics, parseMetricsReport, type HttpGet } from './fetch-metrics.js';
import { metricsOfLog } from './incident-metrics.js';
import type { MetricsReport } from './report.js';

const MARCH = { from: '2025-03-01T00:00:00.000Z', to: '2025-04-01T00:00:00.000Z' };

/** A report as the hub builds it: a SEV-2 mitigated and resolved, and a SEV-1 still open (no TTM, no TTR). */
function report(): MetricsReport {
  const hub = new TestHub();
  hub.declare({ severity: 'SEV-2', impactStartedAt: minutesAfter(T0, -5) });
  hub.advance(20).ok('incident.change_status', { status: 'mitigated' });
  hub.advance(10).ok('incident.change_status', { status: 'resolved' });
  hub.declare({ title: 'Search is down', severity: 'SEV-1' }, { incidentId: 'inc-2' });
  const incidents = metricsOfLog(hub.log);
  return { seq: hub.state.seq, ...aggregateMetrics(incidents, MARCH), incidents };
}

/** The hub's reply as JSON text would give it back: no undefined, no shared objects. */
const overTheWire = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

function answering(status: number, body: unknown): { get: HttpGet; urls: string[] } {
  const urls: string[] = [];
  const get: HttpGet = async (url) => {
    urls.push(url);
    return { ok: status >= 200 && status < 300, status, json: async () => body };
  };
  return { get, urls };
}

describe('parseMetricsReport', () => {
  it('takes a real report whole, missing durations kept as null', () => {
    const sent = report();
    const parsed = parseMetricsReport(overTheWire(sent));
    expect(parsed).toEqual(sent);
    const open = parsed.incidents.find((m) => m.incidentId === 'inc-2');
    expect(open).toMatchObject({ ttmSeconds: null, ttrSeconds: null, severity: 'SEV-1' });
    expect(parsed.bySeverity['SEV-1'].ttm).toEqual({ samples: 0, medianSeconds: null, p90Seconds: null });
  });

  it('takes a period without incidents (every statistic null, every week zero)', () => {
    const empty: MetricsReport = { seq: 0, ...aggregateMetrics([], MARCH), incidents: [] };
    expect(parseMetricsReport(overTheWire(empty))).toEqual(empty);
  });

  it('drops fields a newer hub may add, keeping the rest', () => {
    const body = { ...(overTheWire(report()) as object), newFigure: 42 };
    expect(parseMetricsReport(body)).not.toHaveProperty('newFigure');
  });

  it.each([
    ['not an object', 'hello'],
    ['an outline without figures', { seq: 3, bySeverity: {}, incidents: [] }],
    ['a severity missing', { ...report(), bySeverity: { 'SEV-1': report().bySeverity['SEV-1'] } }],
    ['a duration of zero written as text', { ...report(), incidents: [{ ...report().incidents[0], ttdSeconds: '0' }] }],
    ['a negative duration', { ...report(), incidents: [{ ...report().incidents[0], ttaSeconds: -1 }] }],
    ['an unknown trend', { ...report(), sev3Trend: { ...report().sev3Trend, direction: 'sideways' } }],
  ])('refuses %s with a message for a person', (_name, body) => {
    expect(() => parseMetricsReport(overTheWire(body))).toThrow(
      'The hub answered with something that is not a metrics report (is it an older hub?).',
    );
  });
});

describe('fetchMetrics', () => {
  it('asks for the period with the token and returns the checked report', async () => {
    const sent = report();
    const hub = answering(200, overTheWire(sent));
    const got = await fetchMetrics(hub.get, 'http://hub.test/', 'wr_t', { from: '2025-03-01', to: '2025-04-01' });
    expect(got).toEqual(sent);
    expect(hub.urls).toEqual(['http://hub.test/api/metrics?from=2025-03-01&to=2025-04-01']);
  });

  it("says why it failed: the hub's own reason, a refused token, an unreachable hub, a reply that is not a report", async () => {
    const bad = answering(400, { error: { code: 'invalid_query', message: 'from must be before to.' } });
    await expect(fetchMetrics(bad.get, 'http://hub.test', 't', {})).rejects.toThrow(
      'The hub could not compute metrics: from must be before to.',
    );
    const refused = answering(401, { error: { code: 'unauthorized', message: 'no' } });
    await expect(fetchMetrics(refused.get, 'http://hub.test', 't', {})).rejects.toThrow('sign in again');
    const down: HttpGet = async () => {
      throw new TypeError('fetch failed');
    };
    await expect(fetchMetrics(down, 'http://hub.test', 't', {})).rejects.toThrow('The hub cannot be reached');
    const odd = answering(200, { seq: 1 });
    await expect(fetchMetrics(odd.get, 'http://hub.test', 't', {})).rejects.toThrow('not a metrics report');
  });
});
