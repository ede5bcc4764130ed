import { useEffect, useRef, useState } from 'react';
import { DEFAULT_POLICY } from '../../../shared/domain/decide-policy.js';
import { reviewGateRefusal } from '../../../shared/domain/decide-review.js';
import type { Incident } from '../../../shared/domain/incident.js';
import { leftOpenByResolving, undoneWork } from '../../../shared/domain/undone.js';
import { isReopen, nextStatuses, transitionNeedsReason, type Status } from '../../../shared/domain/status.js';
import { useActions, useAppStore } from '../../store/store-context.js';
import { draftKeys } from '../../store/draft-keys.js';
import { selectIncident } from '../../store/selectors.js';
import { LIMITS } from '../../../shared/domain/primitives.js';
import { FormError } from '../common/bits.js';
import { LimitedInput } from '../common/limited-text.js';

type LeftOpen = ReturnType<typeof leftOpenByResolving>;

/** What resolving now would leave undone (the clock only counts for the update cadence, which resolving ends). */
function leftOpenNow(incident: Incident): LeftOpen {
  return leftOpenByResolving(undoneWork(incident, Date.now()));
}

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

/**
 * The allowed next steps only (nextStatuses); a decline or a reopen must say why. Resolving with checklist items still
 * open or attempts still pending asks once, listing them (undoneWork); confirming sends the change. Opened on demand
 * from the header (`s`): it takes the focus when it opens, and `onDone` closes it after a change is sent.
 */
export function StatusControl({
  incidentId,
  autoFocus = false,
  onDone,
}: {
  incidentId: string;
  autoFocus?: boolean;
  onDone?: () => void;
}) {
  const setDraft = useAppStore((s) => s.setDraft);
  const clearDrafts = useAppStore((s) => s.clearDrafts);
  const actions = useActions();
  const incident = useAppStore(selectIncident(incidentId));
  const status = incident?.status ?? 'closed';
  const review = reviewNeed(incident);
  const reasonKey = draftKeys.statusReason(incidentId);
  const reason = useAppStore((s) => s.drafts[reasonKey] ?? '');
  const [error, setError] = useState<string | null>(null);
  // What resolving would leave undone, while the person is asked to confirm.
  const [confirming, setConfirming] = useState<LeftOpen | null>(null);
  const first = useRef<HTMLButtonElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (autoFocus) first.current?.focus();
  }, [autoFocus]);
  useEffect(() => {
    if (confirming !== null) confirm.current?.focus();
  }, [confirming]);
  const next = nextStatuses(status);
  if (next.length === 0)
    return (
      <div className="control">
        <p className="muted">This incident is closed: its status cannot change any more.</p>
        {review !== 'none' && <ReviewCue incidentId={incidentId} need="optional" />}
      </div>
    );
  const needsReason = next.some((to) => transitionNeedsReason(status, to));
  const closable = next.includes('closed');

  const move = async (to: Status, confirmed = false) => {
    if (transitionNeedsReason(status, to) && !reason.trim()) {
      setError(`Say why it goes from ${status} to ${to}: write the reason first.`);
      document.getElementById('status-reason')?.focus();
      return;
    }
    const leftOpen = incident && leftOpenNow(incident);
    if (to === 'resolved' && !confirmed && leftOpen && leftOpen.items.length + leftOpen.attempts.length > 0) {
      setError(null);
      setConfirming(leftOpen);
      return;
    }
    setConfirming(null);
    const result = await actions.command({
      type: 'incident.change_status',
      incidentId,
      payload: { status: to, reason: reason.trim() },
    });
    if (!result.ok) return setError(result.message);
    setError(null);
    clearDrafts(reasonKey);
    onDone?.();
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
            ref={i === 0 ? first : undefined}
            type="button"
            className={`button ${to === 'mitigated' || to === 'resolved' ? 'button--primary' : ''}`}
            onClick={() => void move(to)}
            aria-describedby={to === 'closed' && review === 'required' ? REVIEW_NOTE_ID : undefined}
          >
            {moveLabel(status, to)}
          </button>
        ))}
      </div>
      {confirming && (
        <div className="confirm-resolve" role="group" aria-labelledby="confirm-resolve-title">
          <p id="confirm-resolve-title">
            <strong>Resolve with this still undone?</strong>
          </p>
          <ul className="confirm-resolve__list">
            {confirming.items.map(({ checklistId, checklistTitle, item }) => (
              <li key={`${checklistId}/${item.id}`}>
                Open item: {item.text}{' '}
                <span className="muted">
                  ({checklistTitle}
                  {item.owner ? `, ${item.owner.name}` : ''})
                </span>
              </li>
            ))}
            {confirming.attempts.map((entry) => (
              <li key={entry.id}>
                No outcome yet: {entry.what} <span className="muted">({entry.by.name})</span>
              </li>
            ))}
          </ul>
          <div className="form__actions">
            <button
              ref={confirm}
              type="button"
              className="button button--primary"
              onClick={() => void move('resolved', true)}
            >
              Resolve anyway
            </button>
            <button type="button" className="button button--quiet" onClick={() => setConfirming(null)}>
              Not yet
            </button>
          </div>
        </div>
      )}
      {closable && review !== 'none' && <ReviewCue incidentId={incidentId} need={review} />}
      <label className="field field--wide">
        <span>{needsReason ? 'Reason (required to decline or reopen)' : 'Reason (optional)'}</span>
        <LimitedInput
          limit={LIMITS.shortText}
          id="status-reason"
          value={reason}
          onChange={(e) => setDraft(reasonKey, e.target.value)}
          autoComplete="off"
        />
      </label>
      <FormError message={error} />
    </div>
  );
}

const REVIEW_NOTE_ID = 'status-review-note';

/**
 * Whether the incident still needs its postmortem: 'required' when the review gate will refuse closing it (predicted
 * with the default policy: the hub's may gate more severities, and its answer settles it), 'optional' when none is
 * published yet (every incident may get one), 'none' when one is.
 */
export function reviewNeed(incident: Incident | null): 'required' | 'optional' | 'none' {
  if (!incident || incident.postmortem !== null) return 'none';
  return reviewGateRefusal(incident, DEFAULT_POLICY) ? 'required' : 'optional';
}

/**
 * Beside Close: an incident that reached SEV-1 cannot close without a published postmortem, so say so before the
 * hub refuses (closing stays possible: the hub decides); any other incident is offered one, quietly.
 */
function ReviewCue({ incidentId, need }: { incidentId: string; need: 'required' | 'optional' }) {
  const actions = useActions();
  const write = (
    <button
      type="button"
      className={`button button--small ${need === 'required' ? '' : 'button--quiet'}`}
      onClick={() => actions.openPostmortem(incidentId)}
    >
      Write the postmortem
    </button>
  );
  if (need === 'optional') return <div className="review-cue">{write}</div>;
  return (
    <div className="review-cue review-cue--required">
      <p id={REVIEW_NOTE_ID}>
        <span aria-hidden="true">⚠ </span>Closing needs a published postmortem (post-incident review for SEV-1)
      </p>
      {write}
    </div>
  );
}
