import type { ChartConfiguration, ChartType, DefaultDataPoint } from 'chart.js';
import { useEffect, useRef } from 'react';
import { Chart } from './metrics-chartjs.js';

/**
 * A Chart.js chart on a canvas, made again when its configuration changes (new data, or the theme's colours) and
 * destroyed on unmount. The canvas is an image to assistive technology: its numbers are in the table beside it.
 * Where there is no 2D context (jsdom in component tests) nothing is drawn and nothing breaks.
 */
export function ChartCanvas<TType extends ChartType, TData = DefaultDataPoint<TType>, TLabel = unknown>({
  config,
  label,
  name,
}: {
  config: ChartConfiguration<TType, TData, TLabel>;
  /** What the chart shows, for screen readers (the canvas's accessible name). */
  label: string;
  /** data-chart, for tests and styles. */
  name: string;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d') ?? null;
    if (!canvas || !context) return;
    const chart = new Chart(context, config);
    // For end-to-end tests: the chart has been drawn (animation is off, so this is the final picture).
    canvas.dataset.drawn = 'true';
    return () => {
      chart.destroy();
      delete canvas.dataset.drawn;
    };
  }, [config]);
  return (
    <div className="metrics-chart">
      <canvas ref={canvasRef} role="img" aria-label={label} data-chart={name} />
    </div>
  );
}
