import { useEffect, useRef, useState, type FormEvent } from 'react';
import { isMoreSevere, SEVERITIES, type Severity } from '../../../shared/domain/severity.js';
import { isActive } from '../../../shared/domain/status.js';
import { useActions, useAppStore } from '../../store/store-context.js';
import { draftKeys } from '../../store/draft-keys.js';
import { selectIncident } from '../../store/selectors.js';
import { LIMITS } from '../../../shared/domain/primitives.js';
import { FormError } from '../common/bits.js';
import { LimitedInput } from '../common/limited-text.js';

/**
 * Escalate or downgrade, always with a reason (it goes on the timeline: "Ana escalated to SEV-1: …"). Opened on
 * demand from the header (`e`): it takes the focus when it opens, and `onDone` closes it after a change is sent.
 */
export function SeverityControl({
  incidentId,
  autoFocus = false,
  onDone,
}: {
  incidentId: string;
  autoFocus?: boolean;
  onDone?: () => void;
}) {
  const setDraft = useAppStore((s) => s.setDraft);
  const clearDrafts = useAppStore((s) => s.clearDrafts);
  const actions = useActions();
  const current = useAppStore((s) => selectIncident(incidentId)(s)?.severity ?? 'SEV-2');
  const active = useAppStore((s) => isActive(selectIncident(incidentId)(s)?.status ?? 'closed'));
  const reasonKey = draftKeys.severityReason(incidentId);
  const reason = useAppStore((s) => s.drafts[reasonKey] ?? '');
  const others = SEVERITIES.filter((s) => s !== current);
  // Escalating is the common move: offer the next more severe level first.
  const [choice, setChoice] = useState<Severity | null>(null);
  const target = choice && choice !== current ? choice : (others.find((s) => isMoreSevere(s, current)) ?? others[0]);
  const [error, setError] = useState<string | null>(null);
  const select = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    if (autoFocus) select.current?.focus();
  }, [autoFocus]);
  if (!active || !target) return null;
  const escalate = isMoreSevere(target, current);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!reason.trim()) {
      setError(`Say why it goes to ${target}: the reason is shown on the timeline.`);
      document.getElementById('severity-reason')?.focus();
      return;
    }
    const result = await actions.command({
      type: 'incident.change_severity',
      incidentId,
      payload: { severity: target, reason: reason.trim() },
    });
    if (!result.ok) return setError(result.message);
    setError(null);
    setChoice(null);
    clearDrafts(reasonKey);
    onDone?.();
  };

  return (
    <form className="control" aria-label="Change severity" onSubmit={(e) => void submit(e)} noValidate>
      <label className="field">
        <span>New severity</span>
        <select
          id="severity-select"
          ref={select}
          value={target}
          onChange={(e) => setChoice(SEVERITIES.find((s) => s === e.target.value) ?? target)}
        >
          {others.map((s) => (
            <option key={s} value={s}>
              {s} ({isMoreSevere(s, current) ? 'escalate' : 'downgrade'})
            </option>
          ))}
        </select>
      </label>
      <label className="field field--wide">
        <span>Reason for the change</span>
        <LimitedInput
          limit={LIMITS.shortText}
          id="severity-reason"
          value={reason}
          onChange={(e) => setDraft(reasonKey, e.target.value)}
          placeholder={escalate ? 'e.g. checkout errors at 40%' : 'e.g. only one region affected now'}
          autoComplete="off"
          required
        />
      </label>
      <div className="form__actions">
        <button type="submit" className={`button ${escalate ? 'button--danger' : ''}`}>
          {escalate ? `Escalate to ${target}` : `Downgrade to ${target}`}
        </button>
      </div>
      <FormError message={error} />
    </form>
  );
}
