import { useId, useState, type FormEvent } from 'react';
import {
  DEFAULT_SEVERITY_GUIDANCE,
  SEVERITIES,
  SEVERITY_ADVICE,
  type Severity,
} from '../../../shared/domain/severity.js';
import { useActions, useAppStore } from '../../store/store-context.js';
import { draftKeys } from '../../store/draft-keys.js';
import { personRef } from '../../store/person-ref.js';
import { PeopleOptions } from '../common/people-options.js';
import { FormError } from '../common/bits.js';

/** Declaring: title, severity with our process's guidance, impact, service, and who leads (me unless handed on). */
export function DeclareForm() {
  const setDraft = useAppStore((s) => s.setDraft);
  const clearDrafts = useAppStore((s) => s.clearDrafts);
  const actions = useActions();
  const title = useAppStore((s) => s.drafts[draftKeys.declareTitle] ?? '');
  const impact = useAppStore((s) => s.drafts[draftKeys.declareImpact] ?? '');
  const service = useAppStore((s) => s.drafts[draftKeys.declareService] ?? '');
  const me = useAppStore((s) => s.user);
  const people = useAppStore((s) => s.people);
  const [severity, setSeverity] = useState<Severity>('SEV-2');
  const [leadId, setLeadId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    const lead = people.find((p) => p.id === leadId && p.id !== me?.id) ?? null;
    const incidentId = actions.newId();
    const result = await actions.command({
      type: 'incident.declare',
      incidentId,
      payload: {
        title: title.trim(),
        severity,
        service: service.trim(),
        ...(impact.trim() ? { impact: impact.trim() } : {}),
        ...(lead ? { lead: personRef(lead) } : {}),
      },
    });
    setBusy(false);
    if (!result.ok) return setError(result.message); // what was typed stays in the form
    actions.openIncident(incidentId); // queued if offline: it opens at once all the same
    setError(null);
    setLeadId('');
    setSeverity('SEV-2');
    clearDrafts(draftKeys.declareTitle, draftKeys.declareImpact, draftKeys.declareService);
  };

  return (
    <section className="panel declare" aria-labelledby="declare-title">
      <h2 id="declare-title">Declare an incident</h2>
      <form className="form" onSubmit={(e) => void submit(e)} aria-labelledby="declare-title" noValidate>
        <div className="form__grid">
          <label className="field field--wide">
            <span>Title</span>
            <input
              id="declare-title-input"
              name="title"
              value={title}
              onChange={(e) => setDraft(draftKeys.declareTitle, e.target.value)}
              maxLength={200}
              placeholder="e.g. Checkout fails for card payments"
              autoComplete="off"
              required
            />
          </label>
          <label className="field">
            <span>Service</span>
            <input
              name="service"
              value={service}
              onChange={(e) => setDraft(draftKeys.declareService, e.target.value)}
              maxLength={200}
              placeholder="e.g. checkout"
              autoComplete="off"
            />
          </label>
        </div>
        <fieldset className="severity-choice">
          <legend>Severity</legend>
          {SEVERITIES.map((s) => (
            <label key={s} className={`severity-option severity-option--${s.toLowerCase()}`}>
              <input
                type="radio"
                name={`${id}-severity`}
                value={s}
                checked={severity === s}
                onChange={() => setSeverity(s)}
                aria-labelledby={`${id}-${s}-name`}
                aria-describedby={`${id}-${s}`}
              />
              <span className="severity-option__text">
                <strong id={`${id}-${s}-name`}>
                  {s} {DEFAULT_SEVERITY_GUIDANCE[s].label}
                </strong>
                <span id={`${id}-${s}`} className="muted">
                  {DEFAULT_SEVERITY_GUIDANCE[s].meaning} {DEFAULT_SEVERITY_GUIDANCE[s].paging}
                </span>
              </span>
            </label>
          ))}
          <p className="hint">{SEVERITY_ADVICE}</p>
        </fieldset>
        <div className="form__grid">
          <label className="field field--wide">
            <span>Impact</span>
            <input
              name="impact"
              value={impact}
              onChange={(e) => setDraft(draftKeys.declareImpact, e.target.value)}
              maxLength={4000}
              placeholder="Who is affected, and how? e.g. 40% of card payments fail"
              autoComplete="off"
            />
          </label>
          <label className="field">
            <span>Incident Lead</span>
            <select name="lead" value={leadId} onChange={(e) => setLeadId(e.target.value)}>
              <option value="">Me{me ? ` (${me.name})` : ''}</option>
              <PeopleOptions exclude={me ? [me.id] : []} />
            </select>
          </label>
        </div>
        <FormError message={error} />
        <div className="form__actions">
          <button type="submit" className="button button--danger" disabled={busy}>
            Declare incident
          </button>
        </div>
      </form>
    </section>
  );
}
