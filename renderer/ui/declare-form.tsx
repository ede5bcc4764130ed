import { useState, type FormEvent } from 'react';
import { DEFAULT_SEVERITY_GUIDANCE, SEVERITIES, SEVERITY_ADVICE, type Severity } from '../../shared/domain/severity.js';
import { actions } from '../store/app-actions.js';

export function DeclareForm() {
  const [title, setTitle] = useState('');
  const [severity, setSeverity] = useState<Severity>('SEV-2');
  const [service, setService] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = await actions.declareIncident({ title: title.trim(), severity, service: service.trim() });
    if (!result.ok) return setError(result.message);
    setError(null);
    setTitle('');
    setService('');
  };

  return (
    <section className="panel" aria-labelledby="declare-title">
      <h2 id="declare-title">Declare an incident</h2>
      <form className="form form--row" onSubmit={(e) => void submit(e)} aria-labelledby="declare-title" noValidate>
        <label className="field field--wide">
          <span>Title</span>
          <input
            name="title"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            maxLength={200}
            placeholder="e.g. Checkout fails for card payments"
            required
          />
        </label>
        <label className="field">
          <span>Severity</span>
          <select name="severity" value={severity} onChange={(e) => setSeverity(e.target.value as Severity)}>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s} — {DEFAULT_SEVERITY_GUIDANCE[s].label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Service</span>
          <input name="service" value={service} onChange={(e) => setService(e.target.value)} maxLength={200} />
        </label>
        <div className="form__actions">
          <button type="submit" className="button button--danger">
            Declare incident
          </button>
        </div>
        <p className="hint">
          {DEFAULT_SEVERITY_GUIDANCE[severity].meaning} {SEVERITY_ADVICE}
        </p>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
