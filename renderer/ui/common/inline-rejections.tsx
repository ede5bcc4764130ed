import { useShallow } from 'zustand/react/shallow';
import { describeCommand, refusalAdvice } from '../../messages.js';
import { useActions, useAppStore } from '../../store/store-context.js';
import { rejectedOf } from '../../store/selectors.js';

/** Commands whose text goes back into a form with "Edit again". */
const EDITABLE = new Set([
  'incident.declare',
  'tried.add',
  'status_update.post',
  'checklist.add_item',
  'incident.change_severity',
  'incident.change_status',
  'followup.add',
]);

/**
 * Changes the hub refused, shown next to the control that made them: what the person did (with what they
 * typed), the hub's reason, and a way to put the text back in the form.
 */
export function InlineRejections({ incidentId, types }: { incidentId: string; types: readonly string[] }) {
  const actions = useActions();
  const rejected = useAppStore(useShallow((s) => rejectedOf(s.rejected, incidentId, types)));
  if (rejected.length === 0) return null;
  return (
    <ul className="inline-rejections" aria-label="Not accepted by the hub">
      {rejected.map((r) => (
        <li key={r.command.commandId} className="inline-rejection" data-command-id={r.command.commandId}>
          <p>
            <strong>{describeCommand(r.command)}</strong> was not accepted: <span role="alert">{r.error.message}</span>
          </p>
          <p className="muted small">{refusalAdvice(r.error.code, r.command.type)}</p>
          <div className="inline-rejection__actions">
            {EDITABLE.has(r.command.type) && (
              <button type="button" className="button button--small" onClick={() => void actions.editAgain(r)}>
                Edit again
              </button>
            )}
            <button
              type="button"
              className="button button--small button--quiet"
              onClick={() => void actions.dismissRejection(r.command.commandId)}
            >
              Dismiss
            </button>
          </div>
        </li>
      ))}
    </ul>
  );
}
