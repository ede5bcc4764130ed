import { useState } from 'react';
import { useActions } from '../../store/store-context.js';
import { metricsCsv } from '../../../shared/metrics/csv.js';
import type { MetricsReport } from '../../../shared/metrics/report.js';
import { metricsCsvName } from '../../../shared/metrics/csv.js';

type Outcome = { readonly ok: boolean; readonly text: string };

/**
 * "Export CSV": the report's incidents as the hub's CSV (same columns, same file name), saved where the person
 * chooses on the desktop or downloaded on the web.
 */
export function MetricsExport({ report }: { report: MetricsReport }) {
  const actions = useActions();
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const save = async () => {
    const suggestedName = metricsCsvName(report.period);
    setSaving(true);
    setOutcome(null);
    try {
      const result = await actions.saveFile({ suggestedName, kind: 'csv', text: metricsCsv(report.incidents) });
      if (!result.saved) setOutcome({ ok: true, text: 'Not saved: the save was cancelled.' });
      else setOutcome({ ok: true, text: result.where ? `Saved to ${result.where}` : `Downloaded ${suggestedName}` });
    } catch (error) {
      setOutcome({ ok: false, text: `Not saved: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      setSaving(false);
    }
  };
  return (
    <div className="metrics-export">
      <button type="button" className="button button--small" disabled={saving} onClick={() => void save()}>
        Export CSV
      </button>
      <p className="muted small metrics-export__note" role="status">
        {outcome?.ok ? outcome.text : ''}
      </p>
      {outcome && !outcome.ok && (
        <p className="error" role="alert">
          {outcome.text}
        </p>
      )}
    </div>
  );
}
