import { describe, expect, it } from 'vitest';
import { aggregateMetrics } from '../../../shared/metrics/aggregate.js';
import { durationChartConfig, NO_DATA, noDataPlugin, weeklyChartConfig } from './metrics-chart-config.js';
import { durationChartModel, weeklyChartModel } from './metrics-chart-data.js';
import { FALLBACK_PALETTE, readPalette, withAlpha, type ChartPalette } from './metrics-palette.js';

const LIGHT: ChartPalette = readPalette(
  (name) =>
    ({
      '--text': ' #111418',
      '--muted': '#4f5966',
      '--border': '#cfd4db',
      '--panel': '#ffffff',
      '--sev-1-bg': '#c92a2a',
      '--sev-2-bg': '#ff922b',
      '--sev-3-bg': '#ffd43b',
    })[name] ?? '',
);

// No incidents: every duration is missing, every week is zero.
const empty = aggregateMetrics([], { from: '2025-03-03T00:00:00.000Z', to: '2025-03-17T00:00:00.000Z' });

describe('palette', () => {
  it('reads the theme’s variables, trimmed, and falls back to the dark theme where one is unset', () => {
    expect(LIGHT).toEqual({
      text: '#111418',
      muted: '#4f5966',
      grid: '#cfd4db',
      panel: '#ffffff',
      severity: { 'SEV-1': '#c92a2a', 'SEV-2': '#ff922b', 'SEV-3': '#ffd43b' },
      declined: '#4f5966',
    });
    expect(readPalette(() => '')).toEqual(FALLBACK_PALETTE);
  });

  it('makes hex colours translucent and leaves others alone', () => {
    expect(withAlpha('#ff922b', 0.35)).toBe('rgb(255 146 43 / 0.35)');
    expect(withAlpha('#fff', 0.5)).toBe('rgb(255 255 255 / 0.5)');
    expect(withAlpha('rebeccapurple', 0.5)).toBe('rebeccapurple');
  });
});

describe('durationChartConfig', () => {
  it('draws in the theme’s colours, without animation, and keeps missing values null (no bar, not 0)', () => {
    const config = durationChartConfig(durationChartModel(empty), LIGHT);
    expect(config.options?.animation).toBe(false);
    expect(config.options?.color).toBe('#111418');
    expect(config.data.datasets).toHaveLength(6);
    expect(config.data.datasets.every((d) => d.data.every((v) => v === null))).toBe(true);
    const [sev1Median, sev1p90] = config.data.datasets;
    expect(sev1Median).toMatchObject({ label: 'SEV-1 median', backgroundColor: '#c92a2a', borderWidth: 0 });
    expect(sev1p90).toMatchObject({
      label: 'SEV-1 p90',
      backgroundColor: 'rgb(201 42 42 / 0.35)',
      borderColor: '#c92a2a',
    });
    expect(config.options?.scales?.y).toMatchObject({ beginAtZero: true, title: { text: 'minutes' } });
    expect(config.plugins?.map((p) => p.id)).toEqual(['warroomNoData']);
  });

  it('says "no data" in the tooltip for a value with no samples, the duration in words otherwise', () => {
    const model = {
      labels: ['TTD'],
      series: [
        { severity: 'SEV-2', stat: 'median', label: 'SEV-2 median', minutes: [4.167], seconds: [250], samples: [3] },
      ],
    } as const;
    const label = durationChartConfig(model, LIGHT).options?.plugins?.tooltip?.callbacks?.label;
    const item = { datasetIndex: 0, dataIndex: 0, dataset: { label: 'SEV-2 median' } };
    // The callback reads only these fields of the tooltip item.
    expect(label?.call(null as never, item as never)).toBe('SEV-2 median: 4 min 10 s (3 incidents)');
    const none = { ...model, series: [{ ...model.series[0], minutes: [null], seconds: [null], samples: [0] }] };
    const noneLabel = durationChartConfig(none, LIGHT).options?.plugins?.tooltip?.callbacks?.label;
    expect(noneLabel?.call(null as never, item as never)).toBe(`SEV-2 median: ${NO_DATA}`);
  });
});

describe('noDataPlugin', () => {
  it('writes "no data" at each bar without a value, and nothing at a real 0', () => {
    const written: Array<{ text: string; at: [number, number] }> = [];
    let at: [number, number] = [0, 0];
    const ctx = {
      save: () => undefined,
      restore: () => undefined,
      rotate: () => undefined,
      translate: (x: number, y: number) => void (at = [x, y]),
      fillText: (text: string) => void written.push({ text, at }),
    };
    const chart = {
      ctx,
      chartArea: { bottom: 300 },
      data: { datasets: [{ data: [null, 0, 5] }, { data: [null, null, 1] }] },
      isDatasetVisible: (d: number) => d === 0,
      getDatasetMeta: () => ({ data: [{ x: 10 }, { x: 20 }, { x: 30 }] }),
    };
    // The plugin uses only these members of the chart and its context.
    noDataPlugin(LIGHT).afterDatasetsDraw?.(chart as never, {} as never, {} as never, false);
    expect(written).toEqual([{ text: NO_DATA, at: [10, 294] }]);
  });
});

describe('weeklyChartConfig', () => {
  it('stacks the severities in one bar a week and puts the declined in a grey bar of their own', () => {
    const config = weeklyChartConfig(weeklyChartModel(empty), LIGHT);
    expect(config.data.labels).toEqual([
      ['W10', '3 Mar'],
      ['W11', '10 Mar'],
    ]);
    expect(config.data.datasets.map((d) => [d.label, d.stack, d.backgroundColor, d.data])).toEqual([
      ['SEV-1', 'incidents', '#c92a2a', [0, 0]],
      ['SEV-2', 'incidents', '#ff922b', [0, 0]],
      ['SEV-3', 'incidents', '#ffd43b', [0, 0]],
      ['Declined (noise, apart)', 'declined', 'rgb(79 89 102 / 0.35)', [0, 0]],
    ]);
    expect(config.options?.scales?.x).toMatchObject({ stacked: true });
    expect(config.options?.scales?.y).toMatchObject({ stacked: true, ticks: { precision: 0 } });
  });
});
