import { useShallow } from 'zustand/react/shallow';
import { findIncident } from '../../../shared/domain/state.js';
import { describeCommand, refusalAdvice } from '../../messages.js';
import { useActions, useAppStore } from '../../store/store-context.js';
import type { AppState } from '../../store/app-state.js';

/** Shown here unless the open incident's room shows it beside the control that sent it. */
function globalRejections(s: AppState) {
  const open = s.selectedIncidentId;
  const inRoom = open !== null && findIncident(s.state.incidents, open) !== undefined;
  return s.rejected.filter((r) => !inRoom || r.command.incidentId !== open || r.command.type === 'incident.declare');
}

/** Changes the hub refused, with its reason, kept until the person has read them. */
export function RejectedList() {
  const actions = useActions();
  const rejected = useAppStore(useShallow(globalRejections));
  if (rejected.length === 0) return null;
  return (
    <section className="panel rejected" aria-labelledby="rejected-title">
      <h2 id="rejected-title">Not accepted by the hub</h2>
      <ul className="rejected__list">
        {rejected.map((r) => (
          <li key={r.command.commandId} className="rejected__item" data-command-id={r.command.commandId}>
            <p>
              <strong>{describeCommand(r.command)}</strong>: <span role="alert">{r.error.message}</span>
            </p>
            <p className="muted small">{refusalAdvice(r.error.code, r.command.type)}</p>
            <div className="inline-rejection__actions">
              {r.command.type === 'incident.declare' && (
                <button
                  type="button"
                  className="button button--quiet"
                  onClick={() => {
                    actions.showBoard();
                    void actions.editAgain(r);
                  }}
                >
                  Edit again
                </button>
              )}
              <button
                type="button"
                className="button button--quiet"
                onClick={() => void actions.dismissRejection(r.command.commandId)}
              >
                Dismiss
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
