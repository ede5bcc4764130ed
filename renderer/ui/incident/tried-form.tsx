import { useDeferredValue, useMemo, useState, type FormEvent } from 'react';
import type { TriedEntry } from '../../../shared/domain/incident.js';
import { LIMITS } from '../../../shared/domain/primitives.js';
import { findSimilarAttempts } from '../../../shared/domain/similar-attempts.js';
import { useActions, useAppStore } from '../../store/store-context.js';
import { draftKeys } from '../../store/draft-keys.js';
import { Time, FormError } from '../common/bits.js';
import { LimitedInput } from '../common/limited-text.js';
import { OUTCOME_LABELS } from '../common/labels.js';

const SHOW_SIMILAR = 3;

/**
 * One line: press `t`, type what you did (and, if you like, why), Enter. When it resembles something already
 * tried, it says so while you type, and the first Enter only shows the warning; a second Enter adds it anyway.
 */
export function TriedForm({ incidentId, tried }: { incidentId: string; tried: readonly TriedEntry[] }) {
  const setDraft = useAppStore((s) => s.setDraft);
  const clearDrafts = useAppStore((s) => s.clearDrafts);
  const actions = useActions();
  const whatKey = draftKeys.triedWhat(incidentId);
  const hypothesisKey = draftKeys.triedHypothesis(incidentId);
  const what = useAppStore((s) => s.drafts[whatKey] ?? '');
  const hypothesis = useAppStore((s) => s.drafts[hypothesisKey] ?? '');
  const [error, setError] = useState<string | null>(null);
  /** The text for which the person has seen the "already tried" warning. */
  const [warnedFor, setWarnedFor] = useState<string | null>(null);
  const typed = useDeferredValue(what.trim());
  const similar = useMemo(() => (typed.length >= 3 ? findSimilarAttempts(typed, tried) : []), [typed, tried]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = what.trim();
    if (text && warnedFor !== text && findSimilarAttempts(text, tried).length > 0) {
      setWarnedFor(text); // say so before it is added
      return;
    }
    const result = await actions.command({
      type: 'tried.add',
      incidentId,
      payload: { entryId: actions.newId(), what: text, hypothesis: hypothesis.trim() },
    });
    if (!result.ok) return setError(result.message); // what was typed stays
    setError(null);
    setWarnedFor(null);
    clearDrafts(whatKey, hypothesisKey);
    document.getElementById('tried-what')?.focus();
  };

  const confirming = warnedFor !== null && warnedFor === what.trim();
  return (
    <form className="tried__form" onSubmit={(e) => void submit(e)} aria-label="Add to what we've tried" noValidate>
      <div className="inline-form">
        <div className="field field--wide">
          <label htmlFor="tried-what">What</label>
          <LimitedInput
            limit={LIMITS.shortText}
            id="tried-what"
            name="what"
            value={what}
            onChange={(e) => setDraft(whatKey, e.target.value)}
            placeholder="e.g. Rolled back the last deploy"
            autoComplete="off"
            required
            aria-describedby="tried-similar"
          />
        </div>
        <div className="field field--wide">
          <label htmlFor="tried-hypothesis">Hypothesis</label>
          <LimitedInput
            limit={LIMITS.shortText}
            id="tried-hypothesis"
            name="hypothesis"
            value={hypothesis}
            onChange={(e) => setDraft(hypothesisKey, e.target.value)}
            placeholder="e.g. The new release leaks connections"
            autoComplete="off"
          />
        </div>
        <div className="form__actions">
          <button type="submit" className="button button--primary">
            {confirming ? 'Add anyway' : 'Add'}
          </button>
        </div>
      </div>
      <div id="tried-similar" className="similar" role="status">
        {similar.length > 0 && (
          <div className={confirming ? 'similar__box similar__box--confirm' : 'similar__box'}>
            <p>
              <strong>
                <span aria-hidden="true">⚠ </span>
                {similar.length === 1
                  ? 'This looks like something already tried:'
                  : `This looks like ${similar.length} attempts already tried:`}
              </strong>
            </p>
            <ul>
              {similar.slice(0, SHOW_SIMILAR).map((entry) => (
                <li key={entry.id}>
                  “{entry.what}” — {OUTCOME_LABELS[entry.outcome].toLowerCase()}, by {entry.by.name} at{' '}
                  <Time at={entry.at} />
                </li>
              ))}
            </ul>
            {confirming && <p>Press Enter again (or “Add anyway”) to add it all the same.</p>}
          </div>
        )}
      </div>
      <FormError message={error} />
    </form>
  );
}
