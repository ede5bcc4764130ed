import { useRef, useState, type KeyboardEvent } from 'react';
import { TRIED_OUTCOMES, type TriedEntry, type TriedOutcome } from '../../../shared/domain/incident.js';
import { PendingTag, Time } from '../common/bits.js';
import { OUTCOME_ICONS, OUTCOME_LABELS } from '../common/labels.js';
import { TRIED_ENTRY_KEYS } from '../common/shortcuts.js';
import { OutcomeForm } from './outcome-form.js';
import { StrikeForm } from './strike-form.js';

/** The id of the hint that says which keys work on a focused entry (rendered once, by the log). */
export const TRIED_KEYS_HINT_ID = 'tried-keys-hint';

type Editing = { kind: 'outcome'; outcome: TriedOutcome; byKey: boolean } | { kind: 'strike' } | null;

/**
 * One attempt: what, why, who and when, its outcome (and the note given with it). Focused (Tab), keys 1-4 choose an
 * outcome and x strikes it out. A struck entry stays, shown struck with who struck it and why, and offers no change.
 */
export function TriedItem({
  incidentId,
  entry,
  number,
  pending,
  readOnly,
}: {
  incidentId: string;
  entry: TriedEntry;
  number: number;
  pending: boolean;
  /** Viewers read the log; they change nothing. */
  readOnly: boolean;
}) {
  const row = useRef<HTMLElement>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const struck = entry.struck;
  const canChange = !readOnly && !struck;
  const done = () => {
    setEditing(null);
    row.current?.focus(); // back where the keys work
  };
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    // Only on the row itself: keys typed into the note or the reason are text.
    if (!canChange || event.target !== event.currentTarget) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const does = TRIED_ENTRY_KEYS[event.key];
    if (!does) return;
    event.preventDefault(); // not a global shortcut too
    setEditing(does === 'strike' ? { kind: 'strike' } : { kind: 'outcome', outcome: does, byKey: true });
  };
  const shownOutcome = editing?.kind === 'outcome' ? editing.outcome : entry.outcome;
  const whatId = `tried-what-${entry.id}`;

  return (
    <article
      ref={row}
      className={`tried__item tried__item--${struck ? 'struck' : entry.outcome}`}
      tabIndex={0}
      aria-labelledby={whatId}
      aria-describedby={canChange ? TRIED_KEYS_HINT_ID : undefined}
      aria-keyshortcuts={canChange ? Object.keys(TRIED_ENTRY_KEYS).join(' ') : undefined}
      data-struck={struck ? 'true' : undefined}
      onKeyDown={onKeyDown}
    >
      <div className="tried__row">
        <div className="tried__main">
          <p className="tried__what" id={whatId}>
            <span className="tried__number muted">#{number}</span> {struck ? <s>{entry.what}</s> : entry.what}{' '}
            {pending && <PendingTag mark="pending" />}
          </p>
          {entry.hypothesis && (
            <p className="tried__hypothesis">
              {struck ? <s>Hypothesis: {entry.hypothesis}</s> : <>Hypothesis: {entry.hypothesis}</>}
            </p>
          )}
          <p className="tried__meta muted">
            {entry.by.name} · <Time at={entry.at} />
            {entry.outcomeBy && entry.outcomeAt && entry.outcome !== 'pending' && (
              <>
                {' '}
                · outcome by {entry.outcomeBy.name} at <Time at={entry.outcomeAt} />
              </>
            )}
          </p>
          {entry.outcomeNote && <p className="tried__note">Note: {entry.outcomeNote}</p>}
          {struck && (
            <p className="tried__struck">
              Struck out by {struck.by.name}: {struck.reason} <span className="muted">· </span>
              <Time at={struck.at} />
            </p>
          )}
        </div>
        <div className="tried__outcome">
          {/* A mistake has no outcome to show. */}
          {struck ? (
            <span className="outcome outcome--struck">Struck out</span>
          ) : (
            <span className={`outcome outcome--${entry.outcome}`}>
              <span aria-hidden="true">{OUTCOME_ICONS[entry.outcome]} </span>
              <span>{OUTCOME_LABELS[entry.outcome]}</span>
            </span>
          )}
          {canChange && (
            <>
              <select
                className="select--small"
                value={shownOutcome}
                aria-label={`Outcome of “${entry.what}”`}
                onChange={(e) => {
                  const outcome = TRIED_OUTCOMES.find((o) => o === e.target.value);
                  if (outcome) setEditing({ kind: 'outcome', outcome, byKey: false });
                }}
              >
                {TRIED_OUTCOMES.map((o) => (
                  <option key={o} value={o}>
                    {OUTCOME_LABELS[o]}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="button button--small button--quiet"
                aria-label={`Strike out “${entry.what}”`}
                onClick={() => setEditing({ kind: 'strike' })}
              >
                Strike out…
              </button>
            </>
          )}
        </div>
      </div>
      {canChange && editing?.kind === 'outcome' && (
        <OutcomeForm
          incidentId={incidentId}
          entry={entry}
          outcome={editing.outcome}
          focusNote={editing.byKey}
          onDone={done}
        />
      )}
      {canChange && editing?.kind === 'strike' && <StrikeForm incidentId={incidentId} entry={entry} onDone={done} />}
    </article>
  );
}
