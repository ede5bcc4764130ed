import { incidentLabel } from '../../../shared/domain/incident.js';
import { since } from '../../../shared/time/durations.js';
import { useActions, useAppStore } from '../../store/store-context.js';
import { selectIncident, selectIncidentMark } from '../../store/selectors.js';
import { LeadName, PendingTag, SeverityBadge, StatusText, Time } from '../common/bits.js';
import { useNow } from '../common/use-now.js';
import { CadenceNote } from '../incident/cadence-note.js';
import { attentionOf } from './board-order.js';

/**
 * One incident on one line (compact, so a board under load shows many at once): severity, title with its number
 * and "Nobody paged" when so, status, lead, how long ago it was declared (or, for a SEV-1 nobody acknowledged,
 * how long nobody has), the last status update, service.
 */
export function BoardRow({ incidentId }: { incidentId: string }) {
  const actions = useActions();
  const incident = useAppStore(selectIncident(incidentId));
  const mark = useAppStore(selectIncidentMark(incidentId));
  const now = useNow(10_000);
  if (!incident) return null;
  const attention = attentionOf(incident);
  return (
    <tr
      data-incident-id={incidentId}
      data-pending={mark === 'pending'}
      data-attention={attention ? 'true' : undefined}
      className={`board__row board__row--${incident.severity.toLowerCase()}${attention ? ' board__row--attention' : ''}`}
    >
      <td>
        <SeverityBadge severity={incident.severity} />
      </td>
      <td>
        <span className="board__incident">
          <button
            type="button"
            className="link board__title"
            title={incident.title}
            onClick={() => actions.openIncident(incidentId)}
          >
            {incident.title}
          </button>
          <span className="board__meta">
            {mark !== 'pending' && <span className="muted board__number">{incidentLabel(incident)}</span>}
            {mark && <PendingTag mark={mark} />}
            {incident.unrouted && (
              <span
                className="tag tag--unrouted"
                title={`Nobody was paged for this ${incident.unrouted.severity}: ${incident.unrouted.reason}`}
              >
                <span aria-hidden="true">⚠ </span>Nobody paged
              </span>
            )}
          </span>
        </span>
      </td>
      <td>
        <StatusText status={incident.status} />
      </td>
      <td>
        <LeadName lead={incident.roles.lead} />
      </td>
      <td>
        {attention?.unacknowledged ? (
          // Declared and never acknowledged: the age that matters is how long nobody has answered.
          <span className="tag tag--unacked">unacknowledged {since(incident.moments.declaredAt, now)}</span>
        ) : (
          <span className="board__declared">
            <span>{since(incident.moments.declaredAt, now)} ago</span>{' '}
            <span className="muted small board__clock">
              <Time at={incident.moments.declaredAt} />
            </span>
          </span>
        )}
      </td>
      <td>
        <CadenceNote incident={incident} now={now} compact />
      </td>
      <td className="board__service">{incident.service || <span className="muted">—</span>}</td>
    </tr>
  );
}
