import { useShallow } from 'zustand/react/shallow';
import { incidentLabel } from '../../shared/domain/incident.js';
import { actions } from '../store/app-actions.js';
import { selectBoardIds, selectIncident, selectIncidentMark } from '../store/selectors.js';
import { useAppStore } from '../store/store.js';
import { LeadName, PendingTag, SeverityBadge, StatusText } from './bits.js';
import { DeclareForm } from './declare-form.js';

export function Board() {
  const ids = useAppStore(useShallow(selectBoardIds));
  return (
    <>
      <section className="panel" aria-labelledby="board-title">
        <h2 id="board-title">Incidents</h2>
        {ids.length === 0 ? (
          <p className="muted">No incidents. Declare one below when something is wrong.</p>
        ) : (
          <table className="board">
            <thead>
              <tr>
                <th scope="col">Severity</th>
                <th scope="col">Incident</th>
                <th scope="col">Status</th>
                <th scope="col">Lead</th>
              </tr>
            </thead>
            <tbody>
              {ids.map((id) => (
                <BoardRow key={id} incidentId={id} />
              ))}
            </tbody>
          </table>
        )}
      </section>
      <DeclareForm />
    </>
  );
}

function BoardRow({ incidentId }: { incidentId: string }) {
  const incident = useAppStore(selectIncident(incidentId));
  const mark = useAppStore(selectIncidentMark(incidentId));
  if (!incident) return null;
  return (
    <tr data-incident-id={incidentId} data-pending={mark === 'pending'}>
      <td>
        <SeverityBadge severity={incident.severity} />
      </td>
      <td>
        <button type="button" className="link" onClick={() => actions.openIncident(incidentId)}>
          {incident.title}
        </button>
        <span className="board__meta">
          {mark !== 'pending' && <span className="muted">{incidentLabel(incident)}</span>}
          {incident.service && <span className="muted">{incident.service}</span>}
          {mark && <PendingTag mark={mark} />}
        </span>
      </td>
      <td>
        <StatusText status={incident.status} />
      </td>
      <td>
        <LeadName lead={incident.roles.lead} />
      </td>
    </tr>
  );
}
