import { describe, expect, it } from 'vitest';
import type { Severity } from '../domain/severity.js';
import { aggregateMetrics, durationStats, previousPeriodOf, sev3Trend } from './aggregate.js';
import type { IncidentMetrics } from './incident-metrics.js';

const MARCH = { from: '2025-03-01T00:00:00.000Z', to: '2025-04-01T00:00:00.000Z' };

let n = 0;
/** Per-incident figures as incidentMetrics gives them; only what the aggregates read matters. */
function incident(
  severity: Severity,
  declaredAt: string,
  t: { ttd?: number | null; tta?: number | null; ttm?: number | null; ttr?: number | null } = {},
  extra: Partial<IncidentMetrics> = {},
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
    status: 'resolved',
    declined: false,
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
    ...extra,
  };
}

describe('aggregateMetrics', () => {
  it('gives count, median and p90 per highest severity, leaving missing moments out', () => {
    const summary = aggregateMetrics(
      [
        incident('SEV-1', '2025-03-03T10:00:00.000Z', { ttd: 600, tta: 60, ttm: 1800, ttr: 3600 }),
        incident('SEV-1', '2025-03-10T10:00:00.000Z', { ttd: null, tta: 120, ttm: 3600, ttr: null }),
        incident('SEV-1', '2025-03-20T10:00:00.000Z', { tta: 300, ttm: 5400 }, { reopenCount: 2 }),
        incident('SEV-3', '2025-03-21T10:00:00.000Z', { tta: 0 }),
      ],
      MARCH,
    );
    expect(summary.total).toBe(4);
    expect(summary.bySeverity['SEV-1']).toEqual({
      count: 3,
      reopened: 1,
      ttd: { samples: 1, medianSeconds: 600, p90Seconds: 600 },
      tta: { samples: 3, medianSeconds: 120, p90Seconds: 264 },
      ttm: { samples: 3, medianSeconds: 3600, p90Seconds: 5040 },
      ttr: { samples: 1, medianSeconds: 3600, p90Seconds: 3600 },
    });
    expect(summary.bySeverity['SEV-2']).toEqual({
      count: 0,
      reopened: 0,
      ttd: { samples: 0, medianSeconds: null, p90Seconds: null },
      tta: { samples: 0, medianSeconds: null, p90Seconds: null },
      ttm: { samples: 0, medianSeconds: null, p90Seconds: null },
      ttr: { samples: 0, medianSeconds: null, p90Seconds: null },
    });
    expect(summary.bySeverity['SEV-3'].tta).toEqual({ samples: 1, medianSeconds: 0, p90Seconds: 0 });
  });

  it('counts only incidents declared in [from, to)', () => {
    const summary = aggregateMetrics(
      [
        incident('SEV-2', '2025-02-28T23:59:59.999Z', { tta: 1 }),
        incident('SEV-2', '2025-03-01T00:00:00.000Z', { tta: 2 }),
        incident('SEV-2', '2025-03-31T23:59:59.999Z', { tta: 3 }),
        incident('SEV-2', '2025-04-01T00:00:00.000Z', { tta: 4 }),
      ],
      MARCH,
    );
    expect(summary.total).toBe(2);
    expect(summary.bySeverity['SEV-2'].tta).toEqual({ samples: 2, medianSeconds: 2.5, p90Seconds: 2.9 });
  });

  it('keeps declined incidents out of every figure but their own count', () => {
    const summary = aggregateMetrics(
      [
        incident('SEV-2', '2025-03-04T10:00:00.000Z', { ttd: 60, tta: 60 }),
        incident('SEV-2', '2025-03-05T10:00:00.000Z', { ttd: 9999, tta: 9999 }, { declined: true, status: 'declined' }),
      ],
      MARCH,
    );
    expect(summary).toMatchObject({ total: 1, declined: 1 });
    expect(summary.bySeverity['SEV-2']).toMatchObject({ count: 1, tta: { samples: 1, medianSeconds: 60 } });
    expect(summary.weeks.find((w) => w.week === '2025-W10')).toEqual({
      week: '2025-W10',
      startsOn: '2025-03-03',
      bySeverity: { 'SEV-1': 0, 'SEV-2': 1, 'SEV-3': 0 },
      declined: 1,
    });
  });

  it('counts incidents per ISO week over every week of the period, empty ones too', () => {
    const summary = aggregateMetrics(
      [
        incident('SEV-3', '2025-03-01T10:00:00.000Z'),
        incident('SEV-1', '2025-03-02T23:00:00.000Z'),
        incident('SEV-3', '2025-03-03T00:00:00.000Z'),
        incident('SEV-2', '2025-03-31T09:00:00.000Z'),
      ],
      MARCH,
    );
    expect(
      summary.weeks.map((w) => [w.week, w.bySeverity['SEV-1'], w.bySeverity['SEV-2'], w.bySeverity['SEV-3']]),
    ).toEqual([
      ['2025-W09', 1, 0, 1],
      ['2025-W10', 0, 0, 1],
      ['2025-W11', 0, 0, 0],
      ['2025-W12', 0, 0, 0],
      ['2025-W13', 0, 0, 0],
      ['2025-W14', 0, 1, 0],
    ]);
  });

  it('compares the SEV-3 share with the period of the same length before', () => {
    const summary = aggregateMetrics(
      [
        incident('SEV-1', '2025-02-10T10:00:00.000Z'),
        incident('SEV-3', '2025-02-11T10:00:00.000Z'),
        incident('SEV-2', '2025-02-12T10:00:00.000Z'),
        incident('SEV-2', '2025-02-13T10:00:00.000Z'),
        incident('SEV-3', '2025-02-14T10:00:00.000Z', {}, { declined: true }),
        incident('SEV-3', '2025-03-10T10:00:00.000Z'),
        incident('SEV-3', '2025-03-11T10:00:00.000Z'),
        incident('SEV-1', '2025-03-12T10:00:00.000Z'),
      ],
      MARCH,
    );
    expect(summary.previousPeriod).toEqual({ from: '2025-01-29T00:00:00.000Z', to: '2025-03-01T00:00:00.000Z' });
    expect(summary.sev3Trend).toEqual({
      direction: 'up',
      current: { sev3: 2, total: 3, share: 2 / 3 },
      previous: { sev3: 1, total: 4, share: 0.25 },
      judgement:
        'SEV-3s were 2 of 3 incidents (67%) this period, up from 1 of 4 incidents (25%) the previous period: a larger share was caught early, at SEV-3.',
    });
  });
});

describe('sev3Trend', () => {
  const share = (sev3: number, total: number) => ({ sev3, total, share: total === 0 ? null : sev3 / total });

  it.each([
    [
      share(1, 4),
      share(1, 2),
      'down',
      'SEV-3s were 1 of 4 incidents (25%) this period, down from 1 of 2 incidents (50%) the previous period: a smaller share was caught early, at SEV-3.',
    ],
    [
      share(1, 2),
      share(2, 4),
      'same',
      'SEV-3s were 1 of 2 incidents (50%) this period, the same share as the previous period (2 of 4 incidents (50%)).',
    ],
    [
      share(1, 1),
      share(0, 0),
      'unknown',
      'SEV-3s were 1 of 1 incident (100%) this period; the previous period had no incidents to compare with.',
    ],
    [share(0, 0), share(1, 3), 'unknown', 'No incidents this period; the previous period had 3 (1 of them SEV-3).'],
    [share(0, 0), share(0, 0), 'unknown', 'No incidents this period or the previous one.'],
  ] as const)('%o against %o is %s', (current, previous, direction, judgement) => {
    expect(sev3Trend(current, previous)).toEqual({ direction, current, previous, judgement });
  });
});

describe('helpers', () => {
  it('durationStats leaves nulls out and reports the samples', () => {
    expect(durationStats([null, 30, null, 10])).toEqual({ samples: 2, medianSeconds: 20, p90Seconds: 28 });
    expect(durationStats([null])).toEqual({ samples: 0, medianSeconds: null, p90Seconds: null });
  });

  it('previousPeriodOf is as long as the period, just before it', () => {
    expect(previousPeriodOf({ from: '2025-03-08T00:00:00.000Z', to: '2025-03-15T00:00:00.000Z' })).toEqual({
      from: '2025-03-01T00:00:00.000Z',
      to: '2025-03-08T00:00:00.000Z',
    });
  });
});
