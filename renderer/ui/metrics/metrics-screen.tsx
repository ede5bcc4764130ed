import { useState } from 'react';
import type { MetricsReport } from '../../../shared/metrics/report.js';
import { useAppStore } from '../../store/store-context.js';
import { draftKeys } from '../../store/draft-keys.js';
import { trendHeadline } from './metrics-chart-data.js';
import { MetricsExport } from './metrics-export.js';
import { DurationsFigure, WeeklyFigure } from './metrics-figures.js';
import { MetricsIncidentsTable } from './metrics-incidents-table.js';
import {
  checkPeriod,
  DEFAULT_PERIOD_DAYS,
  matchingPreset,
  periodDays,
  presetPeriod,
  type PeriodInput,
} from './metrics-period.js';
import { MetricsPeriodForm } from './metrics-period-form.js';
import { useChartPalette } from './metrics-use-palette.js';
import { useMetricsReport } from './metrics-use-report.js';
import { useNow } from '../common/use-now.js';
import { FormError } from '../common/bits.js';

/**
 * Metrics over a chosen period, computed by the hub: how fast incidents were detected, acknowledged, mitigated and
 * resolved per severity, how many were declared each week, whether more were caught early (SEV-3), and each
 * incident's own figures, with a CSV export. See docs/metrics.md.
 */
export function MetricsScreen() {
  const setDraft = useAppStore((s) => s.setDraft);
  // To the minute: the presets and the default period end today (UTC), and today changes at midnight.
  const now = useNow(60_000);
  const [attempt, setAttempt] = useState(0);
  const input = useMetricsPeriodInput(now);
  const check = checkPeriod(input);
  const { report, loading, error } = useMetricsReport(check.ok ? check.query : null, attempt);
  const palette = useChartPalette();
  const setPeriod = (next: PeriodInput) => {
    setDraft(draftKeys.metricsFrom, next.from);
    setDraft(draftKeys.metricsThrough, next.through);
  };
  return (
    <section className="metrics" aria-labelledby="metrics-title" data-loading={loading} data-loaded={report !== null}>
      <div className="panel">
        <div className="panel__head">
          <h2 id="metrics-title">Metrics</h2>
          {/* Keyed by the report: "Saved to …" belongs to the figures it saved. */}
          {report && <MetricsExport key={`${report.period.from}/${report.period.to}/${report.seq}`} report={report} />}
        </div>
        <MetricsPeriodForm
          input={input}
          preset={matchingPreset(input, now)}
          problem={check.ok ? null : check.message}
          loading={loading}
          onChange={setPeriod}
          onPreset={(days) => setPeriod(presetPeriod(days, Date.now()))}
          onReload={() => setAttempt((n) => n + 1)}
        />
        <p className="muted metrics__status" role="status">
          {loading ? 'Loading metrics from the hub…' : ''}
        </p>
        <FormError message={error} />
        {report && <ReportSummary report={report} />}
      </div>
      {report && (
        <>
          <TrendPanel report={report} />
          {report.incidents.length > 0 && (
            <div className="metrics__figures">
              <DurationsFigure summary={report} palette={palette} />
              <WeeklyFigure summary={report} palette={palette} />
            </div>
          )}
          <MetricsIncidentsTable incidents={report.incidents} />
        </>
      )}
    </section>
  );
}

/** The period in the form: what the person set (kept in the store's drafts), or the last 30 days. */
function useMetricsPeriodInput(now: number): PeriodInput {
  const from = useAppStore((s) => s.drafts[draftKeys.metricsFrom]);
  const through = useAppStore((s) => s.drafts[draftKeys.metricsThrough]);
  const fallback = presetPeriod(DEFAULT_PERIOD_DAYS, now);
  return { from: from ?? fallback.from, through: through ?? fallback.through };
}

function ReportSummary({ report }: { report: MetricsReport }) {
  const { first, last } = periodDays(report.period);
  return (
    <p className="metrics__summary" data-testid="metrics-summary">
      <span>
        Showing <strong>{first}</strong> to <strong>{last}</strong> (UTC):
      </span>{' '}
      <strong>
        {report.total} {report.total === 1 ? 'incident' : 'incidents'}
      </strong>
      {report.declined > 0 && <span>, and {report.declined} declined in triage (noise, counted apart) </span>}
      <span className="muted small"> · as of event {report.seq}</span>
    </p>
  );
}

/** The SEV-3 trend, said plainly: a larger share of SEV-3s means more was caught before customers noticed. */
function TrendPanel({ report }: { report: MetricsReport }) {
  const trend = report.sev3Trend;
  const headline = trendHeadline(trend.direction);
  const previous = periodDays(report.previousPeriod);
  return (
    <section
      className={`panel metrics-trend metrics-trend--${headline.tone}`}
      aria-labelledby="metrics-trend-title"
      data-direction={trend.direction}
    >
      <h3 id="metrics-trend-title">
        <span className="metrics-trend__mark" aria-hidden="true">
          {trend.direction === 'up' ? '▲' : trend.direction === 'down' ? '▼' : '●'}
        </span>{' '}
        {headline.text}
      </h3>
      <p className="metrics-trend__text">{trend.judgement}</p>
      <p className="muted small">
        SEV-3 means something was off before customers noticed: a larger share of SEV-3s is the good direction. The
        previous period is {previous.first} to {previous.last}.
      </p>
    </section>
  );
}
