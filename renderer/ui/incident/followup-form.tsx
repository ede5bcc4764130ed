import { useState, type FormEvent } from 'react';
import { LIMITS } from '../../../shared/domain/primitives.js';
import { useActions, useAppStore } from '../../store/store-context.js';
import { draftKeys } from '../../store/draft-keys.js';
import { personRef } from '../../store/person-ref.js';
import { FollowupOwnerOptions, NO_OWNER, ownerFor } from './followup-owner-options.js';
import { FormError } from '../common/bits.js';
import { LimitedInput } from '../common/limited-text.js';

const TEXT_ID = 'followup-text';

/** Adds a follow-up action, with an owner if one is known; Enter adds it. What is typed is kept in the drafts. */
export function FollowupForm({ incidentId }: { incidentId: string }) {
  const setDraft = useAppStore((s) => s.setDraft);
  const clearDrafts = useAppStore((s) => s.clearDrafts);
  const actions = useActions();
  const textKey = draftKeys.followupText(incidentId);
  const ownerKey = draftKeys.followupOwner(incidentId);
  const text = useAppStore((s) => s.drafts[textKey] ?? '');
  const people = useAppStore((s) => s.people);
  const ownerId = useAppStore((s) => s.drafts[ownerKey] ?? NO_OWNER);
  const owner = ownerFor(ownerId, people);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const typed = text.trim();
    if (!typed) {
      setError('Write the follow-up action first: what should be done so this does not happen again?');
      document.getElementById(TEXT_ID)?.focus();
      return;
    }
    const result = await actions.command({
      type: 'followup.add',
      incidentId,
      payload: { followupId: actions.newId(), text: typed, owner: owner ? personRef(owner) : null },
    });
    if (!result.ok) return setError(result.message); // what was typed stays
    setError(null);
    clearDrafts(textKey, ownerKey);
    document.getElementById(TEXT_ID)?.focus();
  };

  return (
    <form className="followups__form" aria-label="Add a follow-up action" onSubmit={(e) => void submit(e)} noValidate>
      <div className="inline-form">
        <div className="field field--wide">
          <label htmlFor={TEXT_ID}>Follow-up action</label>
          <LimitedInput
            limit={LIMITS.shortText}
            id={TEXT_ID}
            value={text}
            onChange={(e) => setDraft(textKey, e.target.value)}
            placeholder="e.g. Add an alert on pool exhaustion"
            autoComplete="off"
            required
          />
        </div>
        <label className="field">
          <span>Owner</span>
          <select value={owner?.id ?? NO_OWNER} onChange={(e) => setDraft(ownerKey, e.target.value)}>
            <FollowupOwnerOptions current={null} />
          </select>
        </label>
        <div className="form__actions">
          <button type="submit" className="button button--primary">
            Add follow-up
          </button>
        </div>
      </div>
      <FormError message={error} />
    </form>
  );
}
