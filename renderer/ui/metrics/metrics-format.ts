import type { IncidentMetrics } from '../../../shared/metrics/incident-metrics.js';

/** The four durations the screen shows, in the order an incident lives them (docs/metrics.md, "Definitions"). */
export const MEASURES = [
  { key: 'ttd', field: 'ttdSeconds', short: 'TTD', name: 'Time to detect', from: 'impact started', to: 'detected' },
  { key: 'tta', field: 'ttaSeconds', short: 'TTA', name: 'Time to acknowledge', from: 'detected', to: 'acknowledged' },
  { key: 'ttm', field: 'ttmSeconds', short: 'TTM', name: 'Time to mitigate', from: 'detected', to: 'first mitigated' },
  { key: 'ttr', field: 'ttrSeconds', short: 'TTR', name: 'Time to resolve', from: 'detected', to: 'first resolved' },
] as const;

export type Measure = (typeof MEASURES)[number];
export type MeasureKey = Measure['key'];

const UNITS = [
  { seconds: 86_400, name: 'd' },
  { seconds: 3_600, name: 'h' },
  { seconds: 60, name: 'min' },
  { seconds: 1, name: 's' },
] as const;

/**
 * A duration in seconds as people read it: its two largest units, to the nearest second ("45 s", "4 min 10 s",
 * "2 h 8 min", "1 d 3 h"). Unlike the war room's clocks ("12m ago"), a metric keeps its seconds under an hour:
 * a TTA of 4 min 10 s is not 4 min. Zero is "0 s" (a real zero: acknowledged the moment it was detected).
 */
export function formatSeconds(seconds: number): string {
  let rest = Math.max(0, Math.round(seconds));
  if (rest === 0) return '0 s';
  const parts: string[] = [];
  for (const unit of UNITS) {
    const amount = Math.floor(rest / unit.seconds);
    rest -= amount * unit.seconds;
    if (amount > 0 || parts.length > 0) parts.push(`${amount} ${unit.name}`);
    if (parts.length === 2) break;
  }
  // "1 h 0 min" reads as noise: drop a trailing zero unit.
  if (parts.length === 2 && parts[1]?.startsWith('0 ')) parts.pop();
  return parts.join(' ');
}

/** Seconds as minutes for a chart's axis (null stays null: no bar, never a bar of 0). */
export function toMinutes(seconds: number | null): number | null {
  return seconds === null ? null : Math.round((seconds / 60) * 1000) / 1000;
}

/**
 * Which moment an incident lacks for a measure, in words ("not mitigated yet"). Only asked when the value is null;
 * detection is always known, so the missing moment is the other end (incidentMetrics gives null exactly then).
 */
export function missingReason(row: IncidentMetrics, measure: MeasureKey): string {
  switch (measure) {
    case 'ttd':
      return 'nobody recorded when the impact started';
    case 'tta':
      return row.declined ? 'declined in triage without being acknowledged' : 'not acknowledged yet';
    case 'ttm':
      return row.declined ? 'declined in triage, never mitigated' : 'not mitigated yet';
    case 'ttr':
      return row.declined ? 'declined in triage, never resolved' : 'not resolved yet';
  }
}
