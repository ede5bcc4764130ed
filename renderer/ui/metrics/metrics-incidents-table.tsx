import type { IncidentMetrics } from '../../../shared/metrics/incident-metrics.js';
import { useActions } from '../../store/store-context.js';
import { SeverityBadge, StatusText } from '../common/bits.js';
import { formatSeconds, MEASURES, missingReason, type Measure } from './metrics-format.js';

/** One row per incident of the period (declined ones too, flagged); a missing moment reads "missing", never 0. */
export function MetricsIncidentsTable({ incidents }: { incidents: readonly IncidentMetrics[] }) {
  return (
    <section className="panel" aria-labelledby="metrics-incidents-title">
      <h3 id="metrics-incidents-title">Incidents in the period</h3>
      {incidents.length === 0 ? (
        <p className="muted">No incident was declared in this period.</p>
      ) : (
        <div className="metrics-incidents__scroll">
          <table className="metrics-table metrics-incidents" aria-labelledby="metrics-incidents-title">
            <thead>
              <tr>
                <th scope="col">Incident</th>
                <th scope="col">Title</th>
                <th scope="col">Severity</th>
                <th scope="col">Status</th>
                {MEASURES.map((m) => (
                  <th key={m.key} scope="col" className="metrics-table__number">
                    <abbr title={`${m.name}: ${m.from} → ${m.to}`}>{m.short}</abbr>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {incidents.map((row) => (
                <IncidentRow key={row.incidentId} row={row} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function IncidentRow({ row }: { row: IncidentMetrics }) {
  const actions = useActions();
  return (
    <tr data-incident-id={row.incidentId} className={row.declined ? 'metrics-incidents__row--declined' : undefined}>
      <td>
        <button
          type="button"
          className="link"
          title={`Open ${row.label}`}
          onClick={() => actions.openIncident(row.incidentId)}
        >
          {row.label}
        </button>
      </td>
      <td>{row.title}</td>
      <td>
        <SeverityBadge severity={row.severity} />
        {row.initialSeverity !== row.severity && (
          <span className="muted small metrics-incidents__from">declared {row.initialSeverity}</span>
        )}
      </td>
      <td>
        <StatusText status={row.status} />
        {row.reopenCount > 0 && (
          <span className="tag metrics-tag--reopened">reopened{row.reopenCount > 1 ? ` ×${row.reopenCount}` : ''}</span>
        )}
        {row.declined && (
          <span className="tag metrics-tag--declined" title="Declined in triage: noise, kept out of every figure">
            not counted
          </span>
        )}
      </td>
      {MEASURES.map((m) => (
        <DurationCell key={m.key} row={row} measure={m} />
      ))}
    </tr>
  );
}

function DurationCell({ row, measure }: { row: IncidentMetrics; measure: Measure }) {
  const seconds = row[measure.field];
  if (seconds === null) {
    const reason = missingReason(row, measure.key);
    return (
      <td className="metrics-table__number" data-measure={measure.key} data-seconds="">
        <span className="missing metrics-missing" title={`${measure.short} missing: ${reason}`}>
          missing<span className="visually-hidden"> ({reason})</span>
        </span>
      </td>
    );
  }
  return (
    <td className="metrics-table__number" data-measure={measure.key} data-seconds={seconds}>
      {formatSeconds(seconds)}
    </td>
  );
}
