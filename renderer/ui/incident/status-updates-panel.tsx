import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { AUDIENCES, type Audience, type StatusUpdate } from '../../../shared/domain/incident.js';
import { UPDATE_CADENCE_MINUTES } from '../../../shared/domain/status-cadence.js';
import { draftStatusUpdate } from '../../../shared/timeline/draft-update.js';
import { useActions, useAppStore, useStoreApi } from '../../store/store-context.js';
import { draftKeys } from '../../store/draft-keys.js';
import { selectIncident, selectPendingFor } from '../../store/selectors.js';
import { Time, FormError } from '../common/bits.js';
import { CadenceNote } from './cadence-note.js';
import { InlineRejections } from '../common/inline-rejections.js';
import { useNow } from '../common/use-now.js';

const AUDIENCE_LABELS: Readonly<Record<Audience, string>> = {
  internal: 'Internal',
  external: 'External (customers)',
};

const NO_UPDATES: readonly StatusUpdate[] = [];

/** Internal and external updates, the cadence for this severity with an overdue warning, and a draft from the timeline. */
export function StatusUpdatesPanel({ incidentId }: { incidentId: string }) {
  const updates = useAppStore((s) => selectIncident(incidentId)(s)?.statusUpdates ?? NO_UPDATES);
  const severity = useAppStore((s) => selectIncident(incidentId)(s)?.severity);
  const minutes = severity ? UPDATE_CADENCE_MINUTES[severity] : null;
  return (
    <section className="panel updates" aria-labelledby="updates-title">
      <h3 id="updates-title">Status updates</h3>
      <p className="muted small">
        {severity}: {minutes ? `an update every ${minutes} minutes` : 'no fixed cadence'}
      </p>
      <Cadence incidentId={incidentId} />
      <UpdateForm incidentId={incidentId} />
      <InlineRejections incidentId={incidentId} types={['status_update.post']} />
      {updates.length === 0 ? (
        <p className="muted">No update posted yet.</p>
      ) : (
        <ol className="updates__list" aria-label="Posted updates">
          {[...updates].reverse().map((u) => (
            <PostedUpdate key={u.id} incidentId={incidentId} update={u} />
          ))}
        </ol>
      )}
    </section>
  );
}

function PostedUpdate({ incidentId, update }: { incidentId: string; update: StatusUpdate }) {
  const pending = useAppStore(selectPendingFor(incidentId, 'updateId', update.id));
  return (
    <li className={`update update--${update.audience}`} data-queued={pending}>
      <p className="update__meta">
        <span className={`tag tag--${update.audience}`}>{update.audience}</span> {update.by.name} at{' '}
        <Time at={update.at} /> {pending && <span className="tag tag--pending">pending</span>}
      </p>
      <p className="update__text">{update.text}</p>
    </li>
  );
}

function Cadence({ incidentId }: { incidentId: string }) {
  const incident = useAppStore(selectIncident(incidentId));
  const now = useNow(1000);
  if (!incident) return null;
  return (
    <div className="updates__cadence">
      <span className="muted">Last update: </span>
      <CadenceNote incident={incident} now={now} />
    </div>
  );
}

function UpdateForm({ incidentId }: { incidentId: string }) {
  const setDraft = useAppStore((s) => s.setDraft);
  const clearDrafts = useAppStore((s) => s.clearDrafts);
  const actions = useActions();
  const store = useStoreApi();
  const key = draftKeys.updateText(incidentId);
  const text = useAppStore((s) => s.drafts[key] ?? '');
  const [audience, setAudience] = useState<Audience>('internal');
  const [error, setError] = useState<string | null>(null);

  const post = async () => {
    const result = await actions.command({
      type: 'status_update.post',
      incidentId,
      payload: { updateId: actions.newId(), audience, text: text.trim() },
    });
    if (!result.ok) return setError(result.message); // the text stays
    setError(null);
    clearDrafts(key);
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void post();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void post();
    }
  };
  /** What happened since the last update, in words, for the person to edit; never replaces what they typed. */
  const draft = () => {
    const s = store.getState();
    const incident = selectIncident(incidentId)(s);
    if (!incident) return;
    const events = s.timelineIncidentId === incidentId ? s.timelineEvents : [];
    const drafted = draftStatusUpdate(incident, events, audience);
    setDraft(key, text.trim() ? `${text.trimEnd()}\n\n${drafted}` : drafted);
    document.getElementById('update-text')?.focus();
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
              onChange={() => setAudience(a)}
            />
            <span>{AUDIENCE_LABELS[a]}</span>
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>Update</span>
        <textarea
          id="update-text"
          value={text}
          onChange={(e) => setDraft(key, e.target.value)}
          onKeyDown={onKeyDown}
          rows={4}
          maxLength={4000}
          placeholder="What is happening, what we are doing, when the next update comes. Ctrl+Enter posts."
        />
      </label>
      <div className="form__actions">
        <button type="button" className="button" onClick={draft}>
          Draft from timeline
        </button>
        <button type="submit" className="button button--primary">
          Post {audience} update
        </button>
      </div>
      <FormError message={error} />
    </form>
  );
}
