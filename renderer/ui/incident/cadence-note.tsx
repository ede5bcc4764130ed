import type { Incident } from '../../../shared/domain/incident.js';
import { isActive } from '../../../shared/domain/status.js';
import { updateCadence } from '../../../shared/domain/status-cadence.js';
import { formatDuration, since } from '../../../shared/time/durations.js';
import { Time } from '../common/bits.js';

/**
 * The last status update and whether the next one is overdue (the cadence per severity). Compact on the board,
 * with the due time in the incident room. Overdue is said in words, not only in red.
 */
export function CadenceNote({ incident, now, compact }: { incident: Incident; now: number; compact?: boolean }) {
  const cadence = updateCadence(incident, now);
  const last = since(cadence.lastUpdateAt, now);
  const due = cadence.dueAt ? Date.parse(cadence.dueAt) : null;
  return (
    <span className="stack cadence" data-overdue={cadence.overdue}>
      <span>{last ? `${last} ago` : <span className="muted">none yet</span>}</span>
      {cadence.overdue ? (
        <span className="overdue">
          <span aria-hidden="true">⏰ </span>Update overdue by {formatDuration(now - (due ?? now))}
        </span>
      ) : due !== null ? (
        <span className="muted small">
          next due{' '}
          {compact ? (
            'in '
          ) : (
            <>
              at <Time at={cadence.dueAt ?? ''} />, in{' '}
            </>
          )}
          {formatDuration(due - now)}
        </span>
      ) : (
        !compact && (
          <span className="muted small">
            {isActive(incident.status) ? 'No fixed cadence for this severity' : 'No more updates owed'}
          </span>
        )
      )}
    </span>
  );
}
