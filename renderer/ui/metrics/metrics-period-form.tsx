import { PERIOD_PRESETS, type PeriodInput } from './metrics-period.js';
import { FormError } from '../common/bits.js';

/**
 * From and to (both UTC days, both included), the presets, and Reload. Every change is kept at once (the screen
 * keeps it in the store's drafts); a period that does not check out is explained and nothing is asked.
 */
export function MetricsPeriodForm({
  input,
  preset,
  problem,
  loading,
  onChange,
  onPreset,
  onReload,
}: {
  input: PeriodInput;
  /** The preset the period is, if any. */
  preset: number | null;
  /** Why the period cannot be asked for, or null. */
  problem: string | null;
  loading: boolean;
  onChange: (input: PeriodInput) => void;
  onPreset: (days: number) => void;
  onReload: () => void;
}) {
  return (
    <form
      className="metrics-period"
      aria-label="Period"
      onSubmit={(e) => {
        e.preventDefault();
        onReload();
      }}
    >
      <div className="metrics-period__fields">
        <label className="field">
          <span>From</span>
          <input
            type="date"
            value={input.from}
            aria-invalid={problem !== null}
            aria-describedby="metrics-period-hint"
            onChange={(e) => onChange({ ...input, from: e.target.value })}
          />
        </label>
        <label className="field">
          <span>To (included)</span>
          <input
            type="date"
            value={input.through}
            aria-invalid={problem !== null}
            aria-describedby="metrics-period-hint"
            onChange={(e) => onChange({ ...input, through: e.target.value })}
          />
        </label>
        <div className="metrics-period__presets" role="group" aria-label="Presets">
          {PERIOD_PRESETS.map((days) => (
            <button
              key={days}
              type="button"
              className="button button--small"
              aria-pressed={preset === days}
              onClick={() => onPreset(days)}
            >
              Last {days} days
            </button>
          ))}
        </div>
        <button type="submit" className="button button--small" disabled={problem !== null}>
          {loading ? 'Loading…' : 'Reload'}
        </button>
      </div>
      <p id="metrics-period-hint" className="muted small metrics-period__hint">
        Days are UTC; both the first and the last day are included. An incident counts in the period it was declared in.
      </p>
      <FormError message={problem} />
    </form>
  );
}
