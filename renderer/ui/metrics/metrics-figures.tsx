import { useMemo } from 'react';
import { SEVERITIES, type Severity } from '../../../shared/domain/severity.js';
import type { MetricsSummary } from '../../../shared/metrics/aggregate.js';
import { ChartCanvas } from './metrics-chart.js';
import { durationChartConfig, NO_DATA, weeklyChartConfig } from './metrics-chart-config.js';
import { durationChartModel, durationRows, weeklyChartModel, weekRows } from './metrics-chart-data.js';
import { formatSeconds, MEASURES } from './metrics-format.js';
import type { ChartPalette } from './metrics-palette.js';

const plural = (n: number, one: string) => `${n} ${n === 1 ? one : `${one}s`}`;

/** A severity as a column heading: its name, and a swatch in the colour its bars have (colour is not the only cue). */
function SeverityName({ severity }: { severity: Severity }) {
  return (
    <span className="metrics-severity">
      <span className={`metrics-swatch metrics-swatch--${severity.toLowerCase()}`} aria-hidden="true" />
      {severity}
    </span>
  );
}

/** Median and p90 of TTD/TTA/TTM/TTR per severity: the chart, and the same numbers as a table. */
export function DurationsFigure({ summary, palette }: { summary: MetricsSummary; palette: ChartPalette }) {
  const config = useMemo(() => durationChartConfig(durationChartModel(summary), palette), [summary, palette]);
  const rows = durationRows(summary);
  return (
    <figure className="panel metrics-figure" aria-labelledby="metrics-durations-title" data-figure="durations">
      <figcaption>
        <h3 id="metrics-durations-title">How fast, per severity</h3>
        <p className="muted small">
          Median (solid) and 90th percentile (p90, outlined) in minutes, over the incidents that have both moments.{' '}
          {MEASURES.map((m) => `${m.short}: ${m.from} → ${m.to}`).join('; ')}. “{NO_DATA}”: no incident had them.
        </p>
      </figcaption>
      <ChartCanvas
        name="durations"
        config={config}
        label="Bar chart: median and p90 of TTD, TTA, TTM and TTR for each severity. The numbers are in the table below."
      />
      <details className="metrics-figure__numbers">
        <summary>Show the numbers</summary>
        <table className="metrics-table" aria-label="Median and p90 per severity">
          <thead>
            <tr>
              <th scope="col">Measure</th>
              {SEVERITIES.map((s) => (
                <th key={s} scope="col">
                  <SeverityName severity={s} />
                  <span className="metrics-table__sub">{plural(summary.bySeverity[s].count, 'incident')}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.measure.key}-${row.stat.key}`} data-row={`${row.measure.key}-${row.stat.key}`}>
                <th scope="row">
                  <abbr title={row.measure.name}>{row.measure.short}</abbr> {row.stat.label}
                </th>
                {row.cells.map((cell) => (
                  <td
                    key={cell.severity}
                    data-severity={cell.severity}
                    data-seconds={cell.seconds ?? ''}
                    title={`${cell.severity}, over ${plural(cell.samples, 'incident')}`}
                  >
                    {cell.seconds === null ? <span className="muted">{NO_DATA}</span> : formatSeconds(cell.seconds)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** Incidents declared per ISO week, stacked by severity, the declined ones beside them. */
export function WeeklyFigure({ summary, palette }: { summary: MetricsSummary; palette: ChartPalette }) {
  const config = useMemo(() => weeklyChartConfig(weeklyChartModel(summary), palette), [summary, palette]);
  const rows = weekRows(summary);
  return (
    <figure className="panel metrics-figure" aria-labelledby="metrics-weeks-title" data-figure="weeks">
      <figcaption>
        <h3 id="metrics-weeks-title">Incidents per week</h3>
        <p className="muted small">
          Declared per ISO week (Monday to Sunday, UTC), by the highest severity reached. Declined triage alerts are
          noise: counted apart, in grey.
        </p>
      </figcaption>
      <ChartCanvas
        name="weeks"
        config={config}
        label="Stacked bar chart: incidents per week by severity, declined ones apart. The numbers are in the table below."
      />
      <details className="metrics-figure__numbers">
        <summary>Show the numbers</summary>
        <table className="metrics-table" aria-label="Incidents per week">
          <thead>
            <tr>
              <th scope="col">Week</th>
              {SEVERITIES.map((s) => (
                <th key={s} scope="col">
                  <SeverityName severity={s} />
                </th>
              ))}
              <th scope="col">Declined</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.week} data-week={row.week}>
                <th scope="row">
                  {row.week}
                  <span className="metrics-table__sub">from {row.startsOn}</span>
                </th>
                {SEVERITIES.map((s) => (
                  <td key={s} data-severity={s}>
                    {row.counts[s]}
                  </td>
                ))}
                <td data-severity="declined">{row.declined}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
