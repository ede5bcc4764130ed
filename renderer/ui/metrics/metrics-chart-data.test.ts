import { describe, expect, it } from 'vitest';
import { aggregateMetrics } from '../../../shared/metrics/aggregate.js';
import type { IncidentMetrics } from '../../../shared/metrics/incident-metrics.js';
import type { Severity } from '../../../shared/domain/severity.js';
import {
  durationChartModel,
  durationRows,
  shortDay,
  trendHeadline,
  weeklyChartModel,
  weekRows,
} from './metrics-chart-data.js';

const MARCH = { from: '2025-03-01T00:00:00.000Z', to: '2025-04-01T00:00:00.000Z' };

let n = 0;
/** Per-incident figures as incidentMetrics gives them; only what the aggregates read matters. */
function row(
  severity: Severity,
  declaredAt: string,
  t: { ttd?: number | null; tta?: number | null; ttm?: number | null; ttr?: number | null } = {},
  declined = false,
): IncidentMetrics {
  n += 1;
  return {
    incidentId: `inc-${n}`,
    number: n,
    label: `INC-${n}`,
    title: `Incident ${n}`,
    severity,
    initialSeverity: severity,
    finalSeverity: severity,
    status: declined ? 'declined' : 'resolved',
    declined,
    reopenCount: 0,
    moments: {
      impactStartedAt: null,
      detectedAt: declaredAt,
      declaredAt,
      acknowledgedAt: null,
      firstMitigatedAt: null,
      firstResolvedAt: null,
      finalResolvedAt: null,
      closedAt: null,
    },
    ttdSeconds: t.ttd ?? null,
    ttaSeconds: t.tta ?? null,
    ttmSeconds: t.ttm ?? null,
    ttrSeconds: t.ttr ?? null,
    ttfrSeconds: t.ttr ?? null,
  };
}

const summary = aggregateMetrics(
  [
    row('SEV-1', '2025-03-03T10:00:00.000Z', { ttd: 600, tta: 60, ttm: 1800, ttr: 3600 }),
    row('SEV-1', '2025-03-04T10:00:00.000Z', { ttd: null, tta: 120, ttm: 3600, ttr: null }),
    row('SEV-3', '2025-03-11T10:00:00.000Z', { tta: 0 }),
    row('SEV-3', '2025-03-12T10:00:00.000Z', {}, true),
  ],
  MARCH,
);

describe('durationRows', () => {
  it('gives each measure’s median and p90 per severity, with the samples, null where nothing had the moment', () => {
    const rows = durationRows(summary);
    expect(rows.map((r) => `${r.measure.short} ${r.stat.label}`)).toEqual([
      'TTD median',
      'TTD p90',
      'TTA median',
      'TTA p90',
      'TTM median',
      'TTM p90',
      'TTR median',
      'TTR p90',
    ]);
    expect(rows[4]?.cells).toEqual([
      { severity: 'SEV-1', seconds: 2700, samples: 2 },
      { severity: 'SEV-2', seconds: null, samples: 0 },
      { severity: 'SEV-3', seconds: null, samples: 0 },
    ]);
    // A real zero stays zero (acknowledged the moment it was detected).
    expect(rows[2]?.cells[2]).toEqual({ severity: 'SEV-3', seconds: 0, samples: 1 });
  });
});

describe('durationChartModel', () => {
  it('has the measures along the axis and a median and a p90 series per severity, in minutes, null kept', () => {
    const model = durationChartModel(summary);
    expect(model.labels).toEqual(['TTD', 'TTA', 'TTM', 'TTR']);
    expect(model.series.map((s) => s.label)).toEqual([
      'SEV-1 median',
      'SEV-1 p90',
      'SEV-2 median',
      'SEV-2 p90',
      'SEV-3 median',
      'SEV-3 p90',
    ]);
    const sev1p90 = model.series[1];
    expect(sev1p90?.seconds).toEqual([600, 114, 3420, 3600]);
    expect(sev1p90?.minutes).toEqual([10, 1.9, 57, 60]);
    expect(sev1p90?.samples).toEqual([1, 2, 2, 1]);
    expect(model.series[2]?.minutes).toEqual([null, null, null, null]);
    expect(model.series[4]?.minutes).toEqual([null, 0, null, null]);
  });
});

describe('weekly counts', () => {
  it('gives every week of the period, severities stacked and the declined apart', () => {
    expect(weekRows(summary)[1]).toEqual({
      week: '2025-W10',
      startsOn: '2025-03-03',
      counts: { 'SEV-1': 2, 'SEV-2': 0, 'SEV-3': 0 },
      declined: 0,
      total: 2,
    });
    const model = weeklyChartModel(summary);
    expect(model.labels).toEqual([
      ['W09', '24 Feb'],
      ['W10', '3 Mar'],
      ['W11', '10 Mar'],
      ['W12', '17 Mar'],
      ['W13', '24 Mar'],
      ['W14', '31 Mar'],
    ]);
    expect(model.series.map((s) => [s.key, s.values])).toEqual([
      ['SEV-1', [0, 2, 0, 0, 0, 0]],
      ['SEV-2', [0, 0, 0, 0, 0, 0]],
      ['SEV-3', [0, 0, 1, 0, 0, 0]],
      ['declined', [0, 0, 1, 0, 0, 0]],
    ]);
  });

  it('labels a day short', () => {
    expect(shortDay('2024-12-30')).toBe('30 Dec');
  });
});

describe('trendHeadline', () => {
  it('calls more SEV-3s caught early good news, and says the other directions plainly', () => {
    expect(trendHeadline('up')).toEqual({ tone: 'good', text: 'Good news: more incidents caught early' });
    expect(trendHeadline('down')).toEqual({ tone: 'bad', text: 'Fewer incidents caught early' });
    expect(trendHeadline('same').tone).toBe('neutral');
    expect(trendHeadline('unknown')).toEqual({ tone: 'neutral', text: 'Nothing to compare yet' });
  });
});
