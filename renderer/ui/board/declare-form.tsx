import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { LimitedInput } from '../common/limited-text.js';
import { LIMITS } from '../../../shared/domain/primitives.js';
import {
  DEFAULT_SEVERITY_GUIDANCE,
  SEVERITIES,
  SEVERITY_ADVICE,
  severitySchema,
} from '../../../shared/domain/severity.js';
import { useActions, useAppStore } from '../../store/store-context.js';
import { draftKeys } from '../../store/draft-keys.js';
import { personRef } from '../../store/person-ref.js';
import { PeopleOptions } from '../common/people-options.js';
import { FormError, Time } from '../common/bits.js';
import { useNow } from '../common/use-now.js';
import { localInputValue } from '../oncall/time-zones.js';
import { DECLARE_DRAFT_KEYS, declareChoiceKeys } from './declare-draft.js';
import { impactStartedAt, isImpactStartMode } from './impact-start.js';

/** The severity we suggest when in doubt: the highest. */
const SUGGESTED = SEVERITIES[0];

export const SEVERITY_REQUIRED = `Choose a severity. When in doubt, choose the higher one: ${SUGGESTED}.`;

interface Problems {
  readonly severity?: string | null;
  readonly impactStart?: string | null;
  readonly form?: string | null;
}

/**
 * Declaring: title, severity (chosen by the person, never defaulted; the higher one suggested), impact, when the
 * impact started (so time to detect is known), service, and who leads (me unless handed on). Everything typed or
 * chosen is a draft in the store: closing the form (Escape) or leaving the board keeps it.
 */
export function DeclareForm({ onClose, autoFocus = false }: { onClose?: () => void; autoFocus?: boolean }) {
  const setDraft = useAppStore((s) => s.setDraft);
  const clearDrafts = useAppStore((s) => s.clearDrafts);
  const actions = useActions();
  const title = useAppStore((s) => s.drafts[draftKeys.declareTitle] ?? '');
  const impact = useAppStore((s) => s.drafts[draftKeys.declareImpact] ?? '');
  const service = useAppStore((s) => s.drafts[draftKeys.declareService] ?? '');
  const severityDraft = useAppStore((s) => s.drafts[declareChoiceKeys.severity] ?? '');
  const leadId = useAppStore((s) => s.drafts[declareChoiceKeys.lead] ?? '');
  const modeDraft = useAppStore((s) => s.drafts[declareChoiceKeys.impactStartMode] ?? '');
  const minutes = useAppStore((s) => s.drafts[declareChoiceKeys.impactMinutes] ?? '');
  const at = useAppStore((s) => s.drafts[declareChoiceKeys.impactAt] ?? '');
  const me = useAppStore((s) => s.user);
  const people = useAppStore((s) => s.people);
  const severity = severitySchema.safeParse(severityDraft).data ?? null;
  const mode = isImpactStartMode(modeDraft) ? modeDraft : 'now';
  const now = useNow(10_000);
  const start = impactStartedAt({ mode, minutes, at }, now);
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);
  const id = useId();
  const titleInput = useRef<HTMLInputElement>(null);
  const severityGroup = useRef<HTMLFieldSetElement>(null);

  useEffect(() => {
    if (autoFocus) titleInput.current?.focus();
  }, [autoFocus]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // The moment of submitting, not of the last render: "now" is when the person says it.
    const impactStart = impactStartedAt({ mode, minutes, at }, Date.now());
    if (!severity || !impactStart.ok) {
      setProblems({
        severity: severity ? null : SEVERITY_REQUIRED,
        impactStart: impactStart.ok ? null : impactStart.message,
      });
      if (!severity) severityGroup.current?.querySelector<HTMLInputElement>('input')?.focus();
      return;
    }
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
        impactStartedAt: impactStart.at,
        ...(impact.trim() ? { impact: impact.trim() } : {}),
        ...(lead ? { lead: personRef(lead) } : {}),
      },
    });
    setBusy(false);
    if (!result.ok) return setProblems({ form: result.message }); // what was typed stays in the form
    actions.openIncident(incidentId); // queued if offline: it opens at once all the same
    setProblems({});
    clearDrafts(...DECLARE_DRAFT_KEYS);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Escape' || !onClose) return;
    event.preventDefault(); // the app's shortcuts leave an Escape the form took
    onClose();
  };

  const setMode = (value: string) => {
    setDraft(declareChoiceKeys.impactStartMode, value);
    if (value === 'at' && !at) setDraft(declareChoiceKeys.impactAt, localInputValue(Date.now()));
  };

  return (
    <section className="panel declare" aria-labelledby="declare-title" onKeyDown={onKeyDown}>
      <div className="declare__head">
        <h2 id="declare-title">Declare an incident</h2>
        {onClose && (
          <button type="button" className="button button--quiet button--small" onClick={onClose}>
            Close <span className="muted">(Esc; what you typed is kept)</span>
          </button>
        )}
      </div>
      <form className="form" onSubmit={(e) => void submit(e)} aria-labelledby="declare-title" noValidate>
        <div className="form__grid">
          <div className="field field--wide">
            <label htmlFor="declare-title-input">Title</label>
            <LimitedInput
              limit={LIMITS.title}
              ref={titleInput}
              id="declare-title-input"
              name="title"
              value={title}
              onChange={(e) => setDraft(draftKeys.declareTitle, e.target.value)}
              placeholder="e.g. Checkout fails for card payments"
              autoComplete="off"
              required
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-service`}>Service</label>
            <LimitedInput
              limit={LIMITS.title}
              id={`${id}-service`}
              name="service"
              value={service}
              onChange={(e) => setDraft(draftKeys.declareService, e.target.value)}
              placeholder="e.g. checkout"
              autoComplete="off"
            />
          </div>
        </div>
        <fieldset
          ref={severityGroup}
          className="severity-choice"
          aria-invalid={problems.severity ? true : undefined}
          aria-describedby={problems.severity ? `${id}-severity-error` : undefined}
        >
          <legend>Severity (choose one)</legend>
          {SEVERITIES.map((s) => (
            <label key={s} className={`severity-option severity-option--${s.toLowerCase()}`}>
              <input
                type="radio"
                name={`${id}-severity`}
                value={s}
                checked={severity === s}
                onChange={() => {
                  setDraft(declareChoiceKeys.severity, s);
                  setProblems((p) => ({ ...p, severity: null }));
                }}
                aria-labelledby={`${id}-${s}-name`}
                aria-describedby={`${id}-${s}${s === SUGGESTED ? ` ${id}-suggested` : ''}`}
              />
              <span className="severity-option__text">
                <span className="severity-option__name">
                  <strong id={`${id}-${s}-name`}>
                    {s} {DEFAULT_SEVERITY_GUIDANCE[s].label}
                  </strong>
                  {s === SUGGESTED && (
                    <span id={`${id}-suggested`} className="tag tag--suggested">
                      Suggested
                    </span>
                  )}
                </span>
                <span id={`${id}-${s}`} className="muted">
                  {DEFAULT_SEVERITY_GUIDANCE[s].meaning} {DEFAULT_SEVERITY_GUIDANCE[s].paging}
                </span>
              </span>
            </label>
          ))}
          <p className="hint">{SEVERITY_ADVICE}</p>
          {problems.severity && (
            <p id={`${id}-severity-error`} role="alert" className="error">
              {problems.severity}
            </p>
          )}
        </fieldset>
        <div className="form__grid">
          <div className="field field--wide">
            <label htmlFor={`${id}-impact`}>Impact</label>
            <LimitedInput
              limit={LIMITS.longText}
              id={`${id}-impact`}
              name="impact"
              value={impact}
              onChange={(e) => setDraft(draftKeys.declareImpact, e.target.value)}
              placeholder="Who is affected, and how? e.g. 40% of card payments fail"
              autoComplete="off"
            />
          </div>
          <div className="field declare__impact-start">
            <label htmlFor={`${id}-impact-start`}>Impact started</label>
            <div className="declare__impact-inputs">
              <select id={`${id}-impact-start`} value={mode} onChange={(e) => setMode(e.target.value)}>
                <option value="now">Just now</option>
                <option value="minutes">Minutes ago…</option>
                <option value="at">At a date and time…</option>
              </select>
              {mode === 'minutes' && (
                <input
                  type="number"
                  inputMode="numeric"
                  min={0}
                  step={1}
                  className="declare__minutes"
                  aria-label="Minutes ago"
                  value={minutes}
                  onChange={(e) => setDraft(declareChoiceKeys.impactMinutes, e.target.value)}
                />
              )}
              {mode === 'at' && (
                <input
                  type="datetime-local"
                  aria-label="Impact started at"
                  value={at}
                  max={localInputValue(now)}
                  onChange={(e) => setDraft(declareChoiceKeys.impactAt, e.target.value)}
                />
              )}
            </div>
            <span className="muted small" data-impact-start={start.ok ? start.at : ''}>
              {start.ok ? (
                <>
                  Time to detect counts from <Time at={start.at} />
                </>
              ) : (
                'Time to detect counts from the start of the impact'
              )}
            </span>
            {problems.impactStart && (
              <p role="alert" className="error">
                {problems.impactStart}
              </p>
            )}
          </div>
          <label className="field">
            <span>Incident Lead</span>
            <select name="lead" value={leadId} onChange={(e) => setDraft(declareChoiceKeys.lead, e.target.value)}>
              <option value="">Me{me ? ` (${me.name})` : ''}</option>
              <PeopleOptions exclude={me ? [me.id] : []} responders />
            </select>
          </label>
        </div>
        <FormError message={problems.form} />
        <div className="form__actions">
          <button type="submit" className="button button--danger" disabled={busy}>
            Declare incident
          </button>
        </div>
      </form>
    </section>
  );
}
