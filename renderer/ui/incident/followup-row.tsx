import { useLayoutEffect, useRef, useState } from 'react';
import { FOLLOWUP_STATES, type Followup } from '../../../shared/domain/incident.js';
import type { Person } from '../../../shared/domain/primitives.js';
import type { ActionResult } from '../../store/action-results.js';
import { personRef } from '../../store/person-ref.js';
import { useActions, useAppStore } from '../../store/store-context.js';
import { selectPendingFor } from '../../store/selectors.js';
import { DayTime, FormError } from '../common/bits.js';
import { FollowupOwnerOptions, NO_OWNER, ownerFor } from './followup-owner-options.js';
import { followupStateLabel } from './followup-summary.js';

/** One follow-up action: what, who owns it, its state, who added it and when; viewers only read it. */
export function FollowupRow({
  incidentId,
  followup,
  readOnly,
}: {
  incidentId: string;
  followup: Followup;
  readOnly: boolean;
}) {
  const actions = useActions();
  const pending = useAppStore(selectPendingFor(incidentId, 'followupId', followup.id));
  const people = useAppStore((s) => s.people);
  const [error, setError] = useState<string | null>(null);
  const stateSelect = useRef<HTMLSelectElement>(null);
  const refocus = useRef(false);
  const textId = `followup-${followup.id}-text`;
  const { owner, state, text } = followup;

  // A new state moves the row to its group (settled ones go last): keep the keyboard on the control just used.
  useLayoutEffect(() => {
    if (!refocus.current) return;
    refocus.current = false;
    stateSelect.current?.focus();
  }, [state]);

  const run = async (action: Promise<ActionResult>) => {
    const result = await action;
    setError(result.ok ? null : result.message);
  };
  /** Gives the follow-up to someone, or (null) leaves it without an owner. */
  const assignTo = (to: Person | null) =>
    actions.command({
      type: 'followup.assign',
      incidentId,
      payload: { followupId: followup.id, owner: to ? personRef(to) : null },
    });
  const changeState = (value: string) => {
    const to = FOLLOWUP_STATES.find((s) => s === value);
    if (!to) return;
    refocus.current = true;
    void run(
      actions.command({ type: 'followup.set_state', incidentId, payload: { followupId: followup.id, state: to } }),
    );
  };

  return (
    <li
      className={`followup followup--${state}`}
      aria-labelledby={textId}
      data-followup-id={followup.id}
      data-state={state}
      data-queued={pending}
    >
      <p id={textId} className="followup__text">
        {text}
      </p>
      <p className="followup__meta small">
        {owner ? (
          <span>
            Owner <strong>{owner.name}</strong>
          </span>
        ) : (
          <span className="missing">
            <span aria-hidden="true">⚠ </span>No owner
          </span>
        )}
        {readOnly && <span className={`followup__state followup__state--${state}`}>{followupStateLabel(state)}</span>}
        <span className="muted">
          Added by {followup.addedBy.name}, <DayTime at={followup.addedAt} />
        </span>
        {pending && <span className="tag tag--pending">pending</span>}
      </p>
      {!readOnly && (
        <div className="followup__controls">
          <label className="field field--inline">
            <span>State</span>
            <select
              ref={stateSelect}
              value={state}
              onChange={(e) => changeState(e.target.value)}
              aria-label={`State of “${text}”`}
            >
              {FOLLOWUP_STATES.map((s) => (
                <option key={s} value={s}>
                  {followupStateLabel(s)}
                </option>
              ))}
            </select>
          </label>
          <label className="field field--inline">
            <span>Owner</span>
            <select
              value={owner?.id ?? NO_OWNER}
              onChange={(e) => void run(assignTo(ownerFor(e.target.value, people, owner)))}
              aria-label={`Owner of “${text}”`}
            >
              <FollowupOwnerOptions current={owner} />
            </select>
          </label>
        </div>
      )}
      <FormError message={error} />
    </li>
  );
}
