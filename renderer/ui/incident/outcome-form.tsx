import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { TriedEntry, TriedOutcome } from '../../../shared/domain/incident.js';
import { LIMITS } from '../../../shared/domain/primitives.js';
import { useActions } from '../../store/store-context.js';
import { FormError } from '../common/bits.js';
import { LimitedInput } from '../common/limited-text.js';
import { OUTCOME_LABELS } from '../common/labels.js';

/**
 * Saves the outcome chosen for an attempt (with the row's select or keys 1-4), with an optional note ("error rate
 * back to 0.1%"). Enter saves, Escape (or Cancel) keeps the outcome as it was.
 */
export function OutcomeForm({
  incidentId,
  entry,
  outcome,
  focusNote,
  onDone,
}: {
  incidentId: string;
  entry: TriedEntry;
  outcome: TriedOutcome;
  /** Move the focus to the note (when chosen by key, so Enter saves at once). */
  focusNote: boolean;
  /** Called when saved or cancelled. */
  onDone: () => void;
}) {
  const actions = useActions();
  const id = useId();
  const noteInput = useRef<HTMLInputElement>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (focusNote) noteInput.current?.focus();
  }, [focusNote, outcome]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const typed = note.trim();
    if (outcome === entry.outcome && !typed) return onDone(); // nothing to change
    const result = await actions.command({
      type: 'tried.set_outcome',
      incidentId,
      payload: { entryId: entry.id, outcome, ...(typed ? { note: typed } : {}) },
    });
    if (!result.ok) return setError(result.message); // the note stays
    onDone();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    onDone();
  };

  return (
    <form
      className="tried__subform"
      aria-label={`Save the outcome of “${entry.what}”`}
      onSubmit={(e) => void submit(e)}
      onKeyDown={onKeyDown}
      noValidate
    >
      <div className="field field--wide">
        <label htmlFor={`${id}-note`}>
          Note on “{OUTCOME_LABELS[outcome]}” <span className="muted">(optional)</span>
        </label>
        <LimitedInput
          limit={LIMITS.shortText}
          ref={noteInput}
          id={`${id}-note`}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder="e.g. Error rate back to 0.1% within 2 minutes"
          autoComplete="off"
        />
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--small button--primary">
          Save outcome
        </button>
        <button type="button" className="button button--small button--quiet" onClick={onDone}>
          Cancel
        </button>
      </div>
      <FormError message={error} />
    </form>
  );
}
