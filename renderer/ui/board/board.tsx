import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { incidentLabel } from '../../../shared/domain/incident.js';
import { useActions, useAppStore } from '../../store/store-context.js';
import { selectBoardIds, selectHiddenCount, selectIncident, selectIncidentMark } from '../../store/selectors.js';
import { BoardFilters } from './board-filters.js';
import { LeadName, PendingTag, SeverityBadge, StatusText, Time } from '../common/bits.js';
import { CadenceNote } from '../incident/cadence-note.js';
import { DeclareForm } from './declare-form.js';
import { since } from '../../../shared/time/durations.js';
import { useNow } from '../common/use-now.js';

export function Board() {
  const ids = useAppStore(useShallow(selectBoardIds));
  const hidden = useAppStore(selectHiddenCount);
  const total = useAppStore((s) => Object.keys(s.state.incidents).length);
  const table = useRef<HTMLTableElement>(null);
  const returnTo = useAppStore((s) => s.lastOpenedIncidentId);

  // Coming back from an incident, put the focus back on its row, so the keyboard continues where it left.
  useEffect(() => {
    if (!returnTo || (document.activeElement && document.activeElement !== document.body)) return;
    const rows = table.current?.querySelectorAll<HTMLTableRowElement>('tr[data-incident-id]') ?? [];
    [...rows]
      .find((row) => row.dataset.incidentId === returnTo)
      ?.querySelector('button')
      ?.focus();
  }, [returnTo]);

  return (
    <>
      <section className="panel" aria-labelledby="board-title">
        <div className="panel__head">
          <h2 id="board-title">Incidents</h2>
          <BoardFilters />
        </div>
        {total === 0 ? (
          <p className="muted">No incidents. Declare one below when something is wrong.</p>
        ) : ids.length === 0 ? (
          <p className="muted">No incident matches these filters ({hidden} hidden).</p>
        ) : (
          <>
            <table className="board" ref={table} aria-labelledby="board-title">
              <thead>
                <tr>
                  <th scope="col">Severity</th>
                  <th scope="col">Incident</th>
                  <th scope="col">Status</th>
                  <th scope="col">Incident Lead</th>
                  <th scope="col">Declared</th>
                  <th scope="col">Last update</th>
                  <th scope="col">Service</th>
                </tr>
              </thead>
              <tbody>
                {ids.map((id) => (
                  <BoardRow key={id} incidentId={id} />
                ))}
              </tbody>
            </table>
            {hidden > 0 && (
              <p className="muted board__hidden">
                {hidden} more {hidden === 1 ? 'incident is' : 'incidents are'} hidden by the filters.
              </p>
            )}
          </>
        )}
      </section>
      <DeclareForm />
    </>
  );
}

function BoardRow({ incidentId }: { incidentId: string }) {
  const actions = useActions();
  const incident = useAppStore(selectIncident(incidentId));
  const mark = useAppStore(selectIncidentMark(incidentId));
  const now = useNow(10_000);
  if (!incident) return null;
  return (
    <tr
      data-incident-id={incidentId}
      data-pending={mark === 'pending'}
      className={`board__row board__row--${incident.severity.toLowerCase()}`}
    >
      <td>
        <SeverityBadge severity={incident.severity} />
      </td>
      <td>
        <button type="button" className="link board__title" onClick={() => actions.openIncident(incidentId)}>
          {incident.title}
        </button>
        <span className="board__meta">
          {mark !== 'pending' && <span className="muted">{incidentLabel(incident)}</span>}
          {mark && <PendingTag mark={mark} />}
        </span>
      </td>
      <td>
        <StatusText status={incident.status} />
      </td>
      <td>
        <LeadName lead={incident.roles.lead} />
      </td>
      <td>
        <span className="stack">
          <span>{since(incident.moments.declaredAt, now)} ago</span>
          <span className="muted small">
            at <Time at={incident.moments.declaredAt} />
          </span>
        </span>
      </td>
      <td>
        <CadenceNote incident={incident} now={now} compact />
      </td>
      <td>{incident.service || <span className="muted">—</span>}</td>
    </tr>
  );
}
