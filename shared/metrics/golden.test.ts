/** Golden tests: recorded event logs (./fixtures, see golden-fixtures.test.ts) and the exact figures they give. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyAll } from '../domain/apply.js';
import { EMPTY_STATE } from '../domain/state.js';
import { aggregateMetrics } from './aggregate.js';
import { metricsCsv } from './csv.js';
import { GOLDEN_FIXTURES, readFixture, type GoldenFixture } from './fixtures/test-support.js';
import { incidentMetrics, metricsOfLog } from './incident-metrics.js';

const load = (name: GoldenFixture) =>
  readFixture(name, readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8'));
const fixtures = Object.fromEntries(GOLDEN_FIXTURES.map((name) => [name, load(name)])) as Record<
  GoldenFixture,
  ReturnType<typeof load>
>;
const metricsOf = (name: GoldenFixture) => incidentMetrics(fixtures[name].events);
const MIN = 60;

describe('golden: one incident each', () => {
  it('SEV-1 escalated from SEV-2, two attempts with no effect, resolved and awaiting its review', () => {
    expect(metricsOf('sev1-escalated')).toEqual({
      incidentId: 'inc-sev1-checkout',
      number: 2,
      label: 'INC-2',
      title: 'Card payments failing at checkout',
      severity: 'SEV-1',
      initialSeverity: 'SEV-2',
      finalSeverity: 'SEV-1',
      status: 'resolved',
      declined: false,
      reopenCount: 0,
      moments: {
        impactStartedAt: '2025-03-04T08:40:00.000Z',
        detectedAt: '2025-03-04T08:52:00.000Z',
        declaredAt: '2025-03-04T09:00:00.000Z',
        acknowledgedAt: '2025-03-04T09:00:00.000Z',
        firstMitigatedAt: '2025-03-04T09:55:00.000Z',
        firstResolvedAt: '2025-03-04T11:00:00.000Z',
        finalResolvedAt: '2025-03-04T11:00:00.000Z',
        closedAt: null,
      },
      ttdSeconds: 12 * MIN,
      ttaSeconds: 8 * MIN,
      ttmSeconds: 63 * MIN,
      ttrSeconds: 128 * MIN,
      ttfrSeconds: 128 * MIN,
    });
  });

  it('SEV-3 from an alert, acknowledged in 3 minutes, resolved straight from investigating', () => {
    expect(metricsOf('sev3-quick')).toMatchObject({
      label: 'INC-3',
      severity: 'SEV-3',
      status: 'closed',
      moments: {
        impactStartedAt: '2025-03-05T13:57:00.000Z',
        detectedAt: '2025-03-05T14:00:00.000Z',
        acknowledgedAt: '2025-03-05T14:03:00.000Z',
        firstMitigatedAt: '2025-03-05T14:20:00.000Z',
        closedAt: '2025-03-05T14:30:00.000Z',
      },
      ttdSeconds: 3 * MIN,
      ttaSeconds: 3 * MIN,
      ttmSeconds: 20 * MIN,
      ttrSeconds: 20 * MIN,
      ttfrSeconds: 20 * MIN,
    });
  });

  it('SEV-2 reopened: TTM and TTR to the first round, the final resolution apart, TTD from the later impact start', () => {
    const m = metricsOf('sev2-reopened');
    expect(m).toMatchObject({
      label: 'INC-4',
      severity: 'SEV-2',
      status: 'resolved',
      reopenCount: 1,
      moments: {
        impactStartedAt: '2025-03-11T09:40:00.000Z',
        firstMitigatedAt: '2025-03-11T10:30:00.000Z',
        firstResolvedAt: '2025-03-11T11:00:00.000Z',
        finalResolvedAt: '2025-03-11T14:00:00.000Z',
      },
      ttdSeconds: 15 * MIN,
      ttaSeconds: 5 * MIN,
      ttmSeconds: 35 * MIN,
      ttrSeconds: 65 * MIN,
      ttfrSeconds: 245 * MIN,
    });
    // The reducer agrees on the reopen count, and keeps only the last round's moments.
    const incident = applyAll(EMPTY_STATE, fixtures['sev2-reopened'].events).incidents['inc-sev2-login'];
    expect(incident?.reopenCount).toBe(1);
    expect(incident?.moments.mitigatedAt).toBe('2025-03-11T13:30:00.000Z');
  });

  it('a declined triage alert: noise, never acknowledged', () => {
    expect(metricsOf('declined-triage')).toMatchObject({
      label: 'INC-5',
      severity: 'SEV-2',
      status: 'declined',
      declined: true,
      ttdSeconds: 2 * MIN,
      ttaSeconds: null,
      ttmSeconds: null,
      ttrSeconds: null,
      ttfrSeconds: null,
    });
  });

  it('the previous period’s SEV-2', () => {
    expect(metricsOf('sev2-previous-period')).toMatchObject({
      label: 'INC-1',
      ttdSeconds: 20 * MIN,
      ttaSeconds: 10 * MIN,
      ttmSeconds: 50 * MIN,
      ttrSeconds: 80 * MIN,
    });
  });
});

describe('golden: March 2025', () => {
  const log = GOLDEN_FIXTURES.flatMap((name) => fixtures[name].events);
  const all = metricsOfLog(log);
  const march = { from: '2025-03-01T00:00:00.000Z', to: '2025-04-01T00:00:00.000Z' };

  it('the recorded logs replay through the reducer as one log', () => {
    expect(() =>
      applyAll(
        EMPTY_STATE,
        [...log].sort((a, b) => a.seq - b.seq),
      ),
    ).not.toThrow();
  });

  it('aggregates per highest severity, weeks, declined and the SEV-3 trend', () => {
    const one = (seconds: number) => ({ samples: 1, medianSeconds: seconds, p90Seconds: seconds });
    const zero = { 'SEV-1': 0, 'SEV-2': 0, 'SEV-3': 0 };
    expect(aggregateMetrics(all, march)).toEqual({
      period: march,
      previousPeriod: { from: '2025-01-29T00:00:00.000Z', to: '2025-03-01T00:00:00.000Z' },
      total: 3,
      declined: 1,
      bySeverity: {
        'SEV-1': { count: 1, reopened: 0, ttd: one(720), tta: one(480), ttm: one(3780), ttr: one(7680) },
        'SEV-2': { count: 1, reopened: 1, ttd: one(900), tta: one(300), ttm: one(2100), ttr: one(3900) },
        'SEV-3': { count: 1, reopened: 0, ttd: one(180), tta: one(180), ttm: one(1200), ttr: one(1200) },
      },
      weeks: [
        { week: '2025-W09', startsOn: '2025-02-24', bySeverity: zero, declined: 0 },
        { week: '2025-W10', startsOn: '2025-03-03', bySeverity: { 'SEV-1': 1, 'SEV-2': 0, 'SEV-3': 1 }, declined: 0 },
        { week: '2025-W11', startsOn: '2025-03-10', bySeverity: { 'SEV-1': 0, 'SEV-2': 1, 'SEV-3': 0 }, declined: 1 },
        { week: '2025-W12', startsOn: '2025-03-17', bySeverity: zero, declined: 0 },
        { week: '2025-W13', startsOn: '2025-03-24', bySeverity: zero, declined: 0 },
        { week: '2025-W14', startsOn: '2025-03-31', bySeverity: zero, declined: 0 },
      ],
      sev3Trend: {
        direction: 'up',
        current: { sev3: 1, total: 3, share: 1 / 3 },
        previous: { sev3: 0, total: 1, share: 0 },
        judgement:
          'SEV-3s were 1 of 3 incidents (33%) this period, up from 0 of 1 incident (0%) the previous period: a larger share was caught early, at SEV-3.',
      },
    });
    expect(aggregateMetrics(all, { from: '2025-03-04T00:00:00.000Z', to: '2025-03-05T00:00:00.000Z' }).total).toBe(1);
  });

  it('medians and p90 across several incidents of one severity', () => {
    // Count every March incident as one severity, to see the statistics over three samples.
    const asOne = all.filter((m) => !m.declined).map((m) => ({ ...m, severity: 'SEV-2' as const }));
    const figures = aggregateMetrics(asOne, march).bySeverity['SEV-2'];
    expect(figures.count).toBe(3);
    // TTM 1200, 2100, 3780: p90 at rank 1.8 = 2100 + 0.8 × 1680. TTR 1200, 3900, 7680: 3900 + 0.8 × 3780.
    expect(figures.ttm).toEqual({ samples: 3, medianSeconds: 2100, p90Seconds: 3444 });
    expect(figures.ttr).toEqual({ samples: 3, medianSeconds: 3900, p90Seconds: 6924 });
  });

  it('writes the CSV rows', () => {
    expect(metricsCsv(all)).toBe(
      [
        'id,label,severity,declaredAt,ttd_s,tta_s,ttm_s,ttr_s,reopened,declined',
        'inc-feb-search,INC-1,SEV-2,2025-02-18T15:00:00.000Z,1200,600,3000,4800,0,false',
        'inc-sev1-checkout,INC-2,SEV-1,2025-03-04T09:00:00.000Z,720,480,3780,7680,0,false',
        'inc-sev3-disk,INC-3,SEV-3,2025-03-05T14:00:00.000Z,180,180,1200,1200,0,false',
        'inc-sev2-login,INC-4,SEV-2,2025-03-11T10:00:00.000Z,900,300,2100,3900,1,false',
        'inc-declined-cpu,INC-5,SEV-2,2025-03-12T03:00:00.000Z,120,,,,0,true',
        '',
      ].join('\r\n'),
    );
  });
});
