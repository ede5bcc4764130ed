import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { AUDIENCES, type Audience } from '../../../shared/domain/incident.js';
import { LIMITS } from '../../../shared/domain/primitives.js';
import { draftStatusUpdate } from '../../../shared/timeline/draft-update.js';
import { useActions, useAppStore, useStoreApi } from '../../store/store-context.js';
import { draftKeys } from '../../store/draft-keys.js';
import { selectIncident } from '../../store/selectors.js';
import { FormError } from '../common/bits.js';
import { LimitedTextarea } from '../common/limited-text.js';

const AUDIENCE_LABELS: Readonly<Record<Audience, string>> = {
  internal: 'Internal',
  external: 'External (customers)',
};

const TEXT_ID = 'update-text';

/**
 * Writes and posts a status update. An external one asks first ("This goes to customers: post?"), and after it the
 * audience is Internal again, so the next quick note to the team never reaches customers by a leftover choice.
 */
export function UpdateForm({ incidentId }: { incidentId: string }) {
  const setDraft = useAppStore((s) => s.setDraft);
  const clearDrafts = useAppStore((s) => s.clearDrafts);
  const actions = useActions();
  const store = useStoreApi();
  const key = draftKeys.updateText(incidentId);
  const text = useAppStore((s) => s.drafts[key] ?? '');
  const [audience, setAudience] = useState<Audience>('internal');
  /** Asking "This goes to customers: post?" for the text as it is now. */
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  // The question takes the focus: Enter posts, Escape goes back to the text.
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  const send = async () => {
    setConfirming(false);
    const posted = audience;
    const result = await actions.command({
      type: 'status_update.post',
      incidentId,
      payload: { updateId: actions.newId(), audience: posted, text: text.trim() },
    });
    if (!result.ok) return setError(result.message); // the text stays
    setError(null);
    clearDrafts(key);
    if (posted === 'external') setAudience('internal');
    document.getElementById(TEXT_ID)?.focus();
  };
  /** Internal goes at once; external asks first (a second Post, or Cancel). */
  const post = () => {
    if (audience === 'internal') return void send();
    if (confirming)
      confirmButton.current?.focus(); // a second "Post external update" lands on the question
    else setConfirming(true);
  };
  const cancel = () => {
    setConfirming(false);
    document.getElementById(TEXT_ID)?.focus();
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    post();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      post();
    }
  };
  const edit = (value: string) => {
    setConfirming(false); // the question was about the text before this change
    setDraft(key, value);
  };
  /** What happened since the last update, in words, for the person to edit; never replaces what they typed. */
  const draft = () => {
    const s = store.getState();
    const incident = selectIncident(incidentId)(s);
    if (!incident) return;
    const events = s.timelineIncidentId === incidentId ? s.timelineEvents : [];
    const drafted = draftStatusUpdate(incident, events, audience);
    edit(text.trim() ? `${text.trimEnd()}\n\n${drafted}` : drafted);
    document.getElementById(TEXT_ID)?.focus();
  };

  return (
    <form className="form updates__form" aria-label="Post a status update" onSubmit={submit} noValidate>
      <fieldset className="segmented">
        <legend>Audience</legend>
        {AUDIENCES.map((a) => (
          <label key={a} className="segmented__option">
            <input
              type="radio"
              name={`audience-${incidentId}`}
              value={a}
              checked={audience === a}
              onChange={() => {
                setConfirming(false);
                setAudience(a);
              }}
            />
            <span>{AUDIENCE_LABELS[a]}</span>
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={TEXT_ID}>Update</label>
        <LimitedTextarea
          limit={LIMITS.longText}
          id={TEXT_ID}
          value={text}
          onChange={(e) => edit(e.target.value)}
          onKeyDown={onKeyDown}
          rows={4}
          placeholder="What is happening, what we are doing, when the next update comes. Ctrl+Enter posts."
        />
      </div>
      <div className="form__actions">
        <button type="button" className="button" onClick={draft}>
          Draft from timeline
        </button>
        <button type="submit" className="button button--primary">
          Post {audience} update
        </button>
      </div>
      {confirming && (
        <div
          className="confirm-external"
          role="alertdialog"
          aria-labelledby={`${TEXT_ID}-confirm-question`}
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            e.preventDefault();
            cancel();
          }}
        >
          <p id={`${TEXT_ID}-confirm-question`}>
            <strong>This goes to customers: post?</strong>
          </p>
          <div className="form__actions">
            <button ref={confirmButton} type="button" className="button button--primary" onClick={() => void send()}>
              Post
            </button>
            <button type="button" className="button button--quiet" onClick={cancel}>
              Cancel
            </button>
          </div>
        </div>
      )}
      <FormError message={error} />
    </form>
  );
}
