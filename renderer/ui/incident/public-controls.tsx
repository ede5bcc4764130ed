import { useState, type FormEvent } from 'react';
import type { Incident } from '../../../shared/domain/incident.js';
import { LIMITS } from '../../../shared/domain/primitives.js';
import { publishRefusal } from '../../../shared/domain/publish-policy.js';
import {
  incidentServiceState,
  OVERRIDE_STATES,
  SERVICE_STATE_WORDS,
  type OverrideState,
} from '../../../shared/status-page/service-state.js';
import { useActions, useAppStore } from '../../store/store-context.js';
import { draftKeys } from '../../store/draft-keys.js';
import { FormError } from '../common/bits.js';
import { LimitedInput } from '../common/limited-text.js';
import { useStatusPage } from '../status-page/use-status-page.js';

const FOLLOW = 'follow';

/**
 * What the status page shows of this incident besides its updates: the public title (set with the first external
 * update; changed here) and the state it puts its service in (follows severity, or the Comms Lead's override).
 * Publishers change them; everyone else reads them.
 */
export function PublicControls({ incident }: { incident: Incident }) {
  const me = useAppStore((s) => s.user);
  const statusPage = useStatusPage();
  const refusal = me ? publishRefusal(incident, me, statusPage?.publishers ?? 'comms-or-lead') : null;
  const mayPublish = me !== null && refusal === null;
  const { title, override } = incident.public;
  if (!mayPublish && title === null) return null;
  const derived = incidentServiceState(incident, null);
  return (
    <div className="updates__public" aria-label="On the status page" role="group">
      <PublicTitle incident={incident} editable={mayPublish} />
      {mayPublish ? (
        <OverrideSelect incident={incident} derivedWords={SERVICE_STATE_WORDS[derived]} />
      ) : (
        <p className="small">
          Status page shows its service as{' '}
          <strong>{SERVICE_STATE_WORDS[incidentServiceState(incident, override)]}</strong>
          {override ? ' (set by hand)' : ''}.
        </p>
      )}
    </div>
  );
}

function PublicTitle({ incident, editable }: { incident: Incident; editable: boolean }) {
  const actions = useActions();
  const key = draftKeys.publicTitleEdit(incident.id);
  const typed = useAppStore((s) => s.drafts[key]);
  const setDraft = useAppStore((s) => s.setDraft);
  const clearDrafts = useAppStore((s) => s.clearDrafts);
  const [error, setError] = useState<string | null>(null);
  const title = incident.public.title;
  if (title === null) return null;
  const fieldId = `public-title-edit-${incident.id}`;
  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = (typed ?? '').trim();
    if (!next) return setError('The public title cannot be empty.');
    const result = await actions.command({
      type: 'incident.set_public',
      incidentId: incident.id,
      payload: { title: next },
    });
    if (!result.ok) return setError(result.message); // what was typed stays
    setError(null);
    clearDrafts(key);
  };
  if (typed === undefined)
    return (
      <p className="small">
        Public title: <strong>{title}</strong>{' '}
        {editable && (
          <button type="button" className="button button--quiet" onClick={() => setDraft(key, title)}>
            Change public title
          </button>
        )}
      </p>
    );
  return (
    <form className="form form--inline" aria-label="Change the public title" onSubmit={(e) => void save(e)} noValidate>
      <label htmlFor={fieldId}>Public title</label>
      <LimitedInput limit={LIMITS.title} id={fieldId} value={typed} onChange={(e) => setDraft(key, e.target.value)} />
      <button type="submit" className="button button--primary">
        Save public title
      </button>
      <button
        type="button"
        className="button button--quiet"
        onClick={() => {
          setError(null);
          clearDrafts(key);
        }}
      >
        Cancel
      </button>
      <FormError message={error} />
    </form>
  );
}

function OverrideSelect({ incident, derivedWords }: { incident: Incident; derivedWords: string }) {
  const actions = useActions();
  const [error, setError] = useState<string | null>(null);
  const fieldId = `public-override-${incident.id}`;
  const change = async (value: string) => {
    const override = value === FOLLOW ? null : (OVERRIDE_STATES.find((s) => s === value) ?? null);
    const result = await actions.command({
      type: 'incident.set_public',
      incidentId: incident.id,
      payload: { override },
    });
    setError(result.ok ? null : result.message);
  };
  return (
    <div className="field">
      <label htmlFor={fieldId}>Status page shows its service as</label>
      <select id={fieldId} value={incident.public.override ?? FOLLOW} onChange={(e) => void change(e.target.value)}>
        <option value={FOLLOW}>Follow severity and status ({derivedWords})</option>
        {OVERRIDE_STATES.map((state: OverrideState) => (
          <option key={state} value={state}>
            {SERVICE_STATE_WORDS[state]} (set by hand)
          </option>
        ))}
      </select>
      <FormError message={error} />
    </div>
  );
}
