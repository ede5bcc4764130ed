import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { CommandInputOf } from '../../../shared/domain/commands.js';
import type { Incident } from '../../../shared/domain/incident.js';
import { LIMITS } from '../../../shared/domain/primitives.js';
import { useActions, useAppStore } from '../../store/store-context.js';
import { draftKeys } from '../../store/draft-keys.js';
import { selectIncident } from '../../store/selectors.js';
import { FormError } from '../common/bits.js';
import { LimitedInput, LimitedTextarea } from '../common/limited-text.js';
import { isoFromLocalInput, localInputValue } from '../oncall/time-zones.js';

const FIELDS = ['title', 'summary', 'impact', 'service', 'impactStart'] as const;
type Field = (typeof FIELDS)[number];

type Changes = CommandInputOf<'incident.update'>['payload'];

/** The field's value as the incident has it (the impact start as a datetime-local value). */
function current(incident: Incident, field: Field): string {
  if (field !== 'impactStart') return incident[field];
  const at = incident.moments.impactStartedAt;
  return at ? localInputValue(Date.parse(at)) : '';
}

/**
 * What the form would change: only the fields whose text differs from the incident's; the impact start cleared is
 * null ("not known"). A time that cannot be read is a problem in words, and nothing is sent.
 */
export function editChanges(
  incident: Incident,
  values: Readonly<Record<Field, string>>,
): { ok: true; changes: Changes } | { ok: false; message: string } {
  const changes: { -readonly [K in keyof Changes]: Changes[K] } = {};
  for (const field of ['title', 'summary', 'impact', 'service'] as const) {
    if (values[field].trim() !== incident[field]) changes[field] = values[field].trim();
  }
  if (values.impactStart !== current(incident, 'impactStart')) {
    if (values.impactStart === '') changes.impactStartedAt = null;
    else {
      const at = isoFromLocalInput(values.impactStart);
      if (!at) return { ok: false, message: 'The impact start is not a date and time: pick one, or clear it.' };
      changes.impactStartedAt = at;
    }
  }
  if (Object.keys(changes).length === 0) return { ok: false, message: 'Nothing changed: edit a field first.' };
  return { ok: true, changes };
}

/** This minute, as a datetime-local value (the "Now" button). */
function nowInputValue(): string {
  return localInputValue(Date.now());
}

/**
 * Title, summary, impact, service and when the impact started, edited in place (`i`). What is typed is a draft in
 * the store until it is sent, so closing the form (Escape) or a refusal keeps it; a refusal keeps the form open.
 */
export function IncidentEditForm({ incidentId, onClose }: { incidentId: string; onClose: () => void }) {
  const actions = useActions();
  const setDraft = useAppStore((s) => s.setDraft);
  const clearDrafts = useAppStore((s) => s.clearDrafts);
  const incident = useAppStore(selectIncident(incidentId));
  const drafts = useAppStore((s) => s.drafts);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const titleInput = useRef<HTMLInputElement>(null);
  useEffect(() => titleInput.current?.focus(), []);
  if (!incident) return null;

  const keys = Object.fromEntries(FIELDS.map((f) => [f, draftKeys.incidentEdit(incidentId, f)])) as Record<
    Field,
    string
  >;
  const values = Object.fromEntries(FIELDS.map((f) => [f, drafts[keys[f]] ?? current(incident, f)])) as Record<
    Field,
    string
  >;
  const set = (field: Field) => (e: { target: { value: string } }) => setDraft(keys[field], e.target.value);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const edit = editChanges(incident, values);
    if (!edit.ok) return setError(edit.message);
    setBusy(true);
    const result = await actions.command({ type: 'incident.update', incidentId, payload: edit.changes });
    setBusy(false);
    if (!result.ok) return setError(result.message); // the form stays open with what was typed
    setError(null);
    clearDrafts(...Object.values(keys));
    onClose();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Escape') return;
    event.preventDefault(); // the app's Escape (back to the board) must not also run
    onClose();
  };

  return (
    <form
      className="control edit-form"
      aria-label="Edit the incident"
      onSubmit={(e) => void submit(e)}
      onKeyDown={onKeyDown}
      noValidate
    >
      <div className="field field--wide">
        <label htmlFor="edit-title">Title</label>
        <LimitedInput
          limit={LIMITS.title}
          ref={titleInput}
          id="edit-title"
          value={values.title}
          onChange={set('title')}
          autoComplete="off"
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-service`}>Service</label>
        <LimitedInput
          limit={LIMITS.title}
          id={`${id}-service`}
          value={values.service}
          onChange={set('service')}
          autoComplete="off"
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-impact-start`}>Impact started</label>
        <div className="edit-form__time">
          <input
            id={`${id}-impact-start`}
            type="datetime-local"
            value={values.impactStart}
            onChange={set('impactStart')}
          />
          <button
            type="button"
            className="button button--small"
            onClick={() => setDraft(keys.impactStart, nowInputValue())}
          >
            Now
          </button>
        </div>
      </div>
      <div className="field field--wide">
        <label htmlFor={`${id}-impact`}>Impact</label>
        <LimitedTextarea
          limit={LIMITS.longText}
          id={`${id}-impact`}
          rows={2}
          value={values.impact}
          onChange={set('impact')}
          placeholder="Who is affected, and how?"
        />
      </div>
      <div className="field field--wide">
        <label htmlFor={`${id}-summary`}>Summary</label>
        <LimitedTextarea
          limit={LIMITS.longText}
          id={`${id}-summary`}
          rows={2}
          value={values.summary}
          onChange={set('summary')}
        />
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          Save changes
        </button>
        <button type="button" className="button button--quiet" onClick={onClose}>
          Close <span className="muted">(Esc; what you typed is kept)</span>
        </button>
      </div>
      <FormError message={error} />
    </form>
  );
}
