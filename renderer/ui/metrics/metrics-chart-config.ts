import type { ChartConfiguration, ChartOptions, Plugin, TooltipItem } from 'chart.js';
import type { DurationChartModel, WeeklyChartModel } from './metrics-chart-data.js';
import { formatSeconds } from './metrics-format.js';
import { withAlpha, type ChartPalette } from './metrics-palette.js';

// Chart.js configurations from the chart models and the theme's palette. Plain data and callbacks: no canvas here.

export const NO_DATA = 'no data';
const FONT = { family: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif", size: 13 };

/** What every chart here shares: no animation (screenshots and tests see the final picture), the theme's colours. */
function baseOptions(palette: ChartPalette): ChartOptions<'bar'> {
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    color: palette.text,
    font: FONT,
    plugins: {
      legend: {
        position: 'bottom',
        labels: { color: palette.text, font: FONT, boxWidth: 14, boxHeight: 14, padding: 14 },
      },
      tooltip: { titleFont: { ...FONT, weight: 'bold' }, bodyFont: FONT },
    },
  };
}

function axis(palette: ChartPalette, title: string | null) {
  return {
    ticks: { color: palette.text, font: FONT },
    grid: { color: palette.grid },
    border: { color: palette.grid },
    title: title ? { display: true, text: title, color: palette.muted, font: FONT } : { display: false },
  };
}

/**
 * Writes "no data" (upright, from the axis) where a bar has no value: a median over no incidents is not 0, and
 * an empty slot alone would read as 0.
 */
export function noDataPlugin(palette: ChartPalette): Plugin<'bar'> {
  return {
    id: 'warroomNoData',
    afterDatasetsDraw(chart) {
      const { ctx, chartArea } = chart;
      ctx.save();
      ctx.fillStyle = palette.muted;
      ctx.font = `600 12px ${FONT.family}`;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      chart.data.datasets.forEach((dataset, d) => {
        if (!chart.isDatasetVisible(d)) return;
        const elements = chart.getDatasetMeta(d).data;
        dataset.data.forEach((value, i) => {
          const x = elements[i]?.x;
          if (value !== null || x === undefined || !Number.isFinite(x)) return;
          ctx.save();
          ctx.translate(x, chartArea.bottom - 6);
          ctx.rotate(-Math.PI / 2);
          ctx.fillText(NO_DATA, 0, 0);
          ctx.restore();
        });
      });
      ctx.restore();
    },
  };
}

/**
 * Per measure, each severity's median (solid) beside its p90 (the same colour, lighter, outlined). Minutes on the
 * axis; a tooltip gives the duration in words and how many incidents it is over.
 */
export function durationChartConfig(
  model: DurationChartModel,
  palette: ChartPalette,
): ChartConfiguration<'bar', (number | null)[], string> {
  const base = baseOptions(palette);
  return {
    type: 'bar',
    data: {
      labels: [...model.labels],
      datasets: model.series.map((s) => {
        const colour = palette.severity[s.severity];
        const median = s.stat === 'median';
        return {
          label: s.label,
          data: [...s.minutes],
          backgroundColor: median ? colour : withAlpha(colour, 0.35),
          borderColor: colour,
          borderWidth: median ? 0 : 2,
          // A real 0 (acknowledged the moment it was detected) still shows as a sliver; null draws nothing.
          minBarLength: 2,
          categoryPercentage: 0.86,
          barPercentage: 0.9,
        };
      }),
    },
    options: {
      ...base,
      plugins: {
        ...base.plugins,
        tooltip: {
          ...base.plugins?.tooltip,
          callbacks: {
            label: (item: TooltipItem<'bar'>) => {
              const series = model.series[item.datasetIndex];
              const seconds = series?.seconds[item.dataIndex] ?? null;
              const samples = series?.samples[item.dataIndex] ?? 0;
              if (seconds === null) return `${item.dataset.label ?? ''}: ${NO_DATA}`;
              return `${item.dataset.label ?? ''}: ${formatSeconds(seconds)} (${samples} ${samples === 1 ? 'incident' : 'incidents'})`;
            },
          },
        },
      },
      scales: {
        x: axis(palette, null),
        y: { ...axis(palette, 'minutes'), beginAtZero: true },
      },
    },
    plugins: [noDataPlugin(palette)],
  };
}

/** Weekly counts: the severities stacked in one bar, the declined ones in a grey bar of their own beside it. */
export function weeklyChartConfig(
  model: WeeklyChartModel,
  palette: ChartPalette,
): ChartConfiguration<'bar', number[], string[]> {
  const base = baseOptions(palette);
  return {
    type: 'bar',
    data: {
      labels: model.labels.map((l) => [...l]),
      datasets: model.series.map((s) => {
        const declined = s.key === 'declined';
        const colour = declined ? palette.declined : palette.severity[s.key];
        return {
          label: s.label,
          data: [...s.values],
          stack: declined ? 'declined' : 'incidents',
          backgroundColor: declined ? withAlpha(colour, 0.35) : colour,
          borderColor: declined ? colour : palette.panel,
          borderWidth: declined ? 1 : { top: 1 },
          categoryPercentage: 0.8,
          barPercentage: 0.9,
        };
      }),
    },
    options: {
      ...base,
      scales: {
        x: { ...axis(palette, null), stacked: true },
        y: {
          ...axis(palette, 'incidents'),
          stacked: true,
          beginAtZero: true,
          ticks: { ...axis(palette, null).ticks, precision: 0 },
        },
      },
    },
  };
}
