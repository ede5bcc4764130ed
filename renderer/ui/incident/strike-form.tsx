import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { LimitedInput } from '../common/limited-text.js';
import type { TriedEntry } from '../../../shared/domain/incident.js';
import { LIMITS } from '../../../shared/domain/primitives.js';
import { useActions } from '../../store/store-context.js';
import { FormError } from '../common/bits.js';

/**
 * Strikes a mistaken entry of "What we've tried" out, with the reason: it stays in the log, shown struck, so the
 * record of what happened is never rewritten. Escape (or Cancel) closes it without a change.
 */
export function StrikeForm({
  incidentId,
  entry,
  onDone,
}: {
  incidentId: string;
  entry: TriedEntry;
  /** Called when struck out or cancelled. */
  onDone: () => void;
}) {
  const actions = useActions();
  const id = useId();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const typed = reason.trim();
    if (!typed) {
      setError('Say why it is struck out (for example: logged on the wrong incident).');
      document.getElementById(`${id}-reason`)?.focus();
      return;
    }
    const result = await actions.command({
      type: 'tried.strike',
      incidentId,
      payload: { entryId: entry.id, reason: typed },
    });
    if (!result.ok) return setError(result.message); // the reason stays
    onDone();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    onDone();
  };

  return (
    <form
      className="tried__subform tried__subform--strike"
      aria-label={`Strike out “${entry.what}”`}
      onSubmit={(e) => void submit(e)}
      onKeyDown={onKeyDown}
      noValidate
    >
      <div className="field field--wide">
        <label htmlFor={`${id}-reason`}>Why strike it out?</label>
        <LimitedInput
          limit={LIMITS.shortText}
          id={`${id}-reason`}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="e.g. Logged on the wrong incident"
          autoComplete="off"
          autoFocus
        />
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--small button--danger">
          Strike out
        </button>
        <button type="button" className="button button--small button--quiet" onClick={onDone}>
          Cancel
        </button>
      </div>
      <FormError message={error} />
    </form>
  );
}
