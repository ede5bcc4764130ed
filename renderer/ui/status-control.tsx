import { useState } from 'react';
import { isReopen, nextStatuses, transitionNeedsReason, type Status } from '../../shared/domain/status.js';
import { actions } from '../store/app-actions.js';
import { draftKeys } from '../store/draft-keys.js';
import { selectIncident } from '../store/selectors.js';
import { useAppStore } from '../store/store.js';

/** The verb on the button for a move, from where the incident is. */
function moveLabel(from: Status, to: Status): string {
  if (isReopen(from, to)) return 'Reopen (investigate again)';
  switch (to) {
    case 'investigating':
      return 'Start investigating';
    case 'mitigated':
      return 'Mark mitigated';
    case 'resolved':
      return 'Mark resolved';
    case 'closed':
      return 'Close';
    case 'declined':
      return 'Decline (not an incident)';
    default:
      return to;
  }
}

/** The allowed next steps only (nextStatuses); a decline or a reopen must say why. */
export function StatusControl({ incidentId }: { incidentId: string }) {
  const status = useAppStore((s) => selectIncident(incidentId)(s)?.status ?? 'closed');
  const reasonKey = draftKeys.statusReason(incidentId);
  const reason = useAppStore((s) => s.drafts[reasonKey] ?? '');
  const [error, setError] = useState<string | null>(null);
  const next = nextStatuses(status);
  if (next.length === 0) return <p className="muted control">This incident is closed: nothing more to do here.</p>;
  const needsReason = next.some((to) => transitionNeedsReason(status, to));

  const move = async (to: Status) => {
    if (transitionNeedsReason(status, to) && !reason.trim()) {
      setError(`Say why it goes from ${status} to ${to}: write the reason first.`);
      document.getElementById('status-reason')?.focus();
      return;
    }
    const result = await actions.changeStatus(incidentId, to, reason.trim());
    if (!result.ok) return setError(result.message);
    setError(null);
    actions.clearDrafts(reasonKey);
  };

  return (
    <div className="control" role="group" aria-labelledby="status-control-title">
      <span id="status-control-title" className="control__title">
        Next step
      </span>
      <div className="form__actions">
        {next.map((to, i) => (
          <button
            key={to}
            id={i === 0 ? 'status-next' : undefined}
            type="button"
            className={`button ${to === 'mitigated' || to === 'resolved' ? 'button--primary' : ''}`}
            onClick={() => void move(to)}
          >
            {moveLabel(status, to)}
          </button>
        ))}
      </div>
      <label className="field field--wide">
        <span>{needsReason ? 'Reason (required to decline or reopen)' : 'Reason (optional)'}</span>
        <input
          id="status-reason"
          value={reason}
          onChange={(e) => actions.setDraft(reasonKey, e.target.value)}
          maxLength={1000}
          autoComplete="off"
        />
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}
