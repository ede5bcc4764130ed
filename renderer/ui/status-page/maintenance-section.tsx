import { useState } from 'react';
import { LIMITS } from '../../../shared/domain/primitives.js';
import type { StatusPageView } from '../../../shared/protocol/status-page-wire.js';
import { useActions } from '../../store/store-context.js';
import { DateTime, FormError } from '../common/bits.js';
import { LimitedInput, LimitedTextarea } from '../common/limited-text.js';
import { SubmitForm } from '../common/submit-form.js';
import { ServiceChecks } from './service-checks.js';
import { useStatusPageChange } from './use-status-page-change.js';

/** A datetime-local value (the viewer's local time) as an ISO moment; '' when empty or not a time. */
function isoOf(local: string): string {
  const ms = Date.parse(local);
  return local && !Number.isNaN(ms) ? new Date(ms).toISOString() : '';
}

/**
 * Maintenance windows: listed with a way to remove each, and a form to add one (title, text, start and end in the
 * viewer's local time, the public services it affects). Each change saves the set-up whole (`config.save`).
 */
export function MaintenanceSection({ view }: { view: StatusPageView }) {
  const actions = useActions();
  const { send, busy, error, setError } = useStatusPageChange();
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [services, setServices] = useState<readonly string[]>([]);
  const { config } = view;

  const add = async () => {
    if (!isoOf(start) || !isoOf(end)) return setError('Give the start and the end of the maintenance window.');
    const maintenance = {
      id: actions.newId(),
      title,
      text,
      startsAt: isoOf(start),
      endsAt: isoOf(end),
      services: [...services],
    };
    const done = await send({
      kind: 'config.save',
      config: { ...config, maintenances: [...config.maintenances, maintenance] },
    });
    if (!done) return; // what was typed stays
    setTitle('');
    setText('');
    setStart('');
    setEnd('');
    setServices([]);
  };
  const remove = (id: string) =>
    void send({
      kind: 'config.save',
      config: { ...config, maintenances: config.maintenances.filter((m) => m.id !== id) },
    });

  return (
    <section className="panel statuspage__maintenance" aria-labelledby="sp-maintenance-title">
      <h3 id="sp-maintenance-title">Maintenance windows</h3>
      {config.maintenances.length === 0 ? (
        <p className="muted">No maintenance planned.</p>
      ) : (
        <ul className="statuspage__list" aria-label="Maintenance windows">
          {config.maintenances.map((m) => (
            <li key={m.id}>
              <strong>{m.title}</strong>: <DateTime at={m.startsAt} /> to <DateTime at={m.endsAt} /> (
              {m.services.join(', ')}){' '}
              <button type="button" className="button button--quiet" onClick={() => remove(m.id)} disabled={busy}>
                Remove {m.title}
              </button>
            </li>
          ))}
        </ul>
      )}
      {config.services.length === 0 ? (
        <p className="muted">Add a public service first: a maintenance window names the services it affects.</p>
      ) : (
        <SubmitForm label="Add a maintenance window" onSubmit={add}>
          <label className="field">
            <span>Title</span>
            <LimitedInput limit={LIMITS.title} value={title} onChange={(e) => setTitle(e.target.value)} />
          </label>
          <label className="field">
            <span>What visitors read</span>
            <LimitedTextarea limit={LIMITS.longText} rows={3} value={text} onChange={(e) => setText(e.target.value)} />
          </label>
          <div className="form__row">
            <label className="field">
              <span>Starts (your local time)</span>
              <input type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} />
            </label>
            <label className="field">
              <span>Ends (your local time)</span>
              <input type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)} />
            </label>
          </div>
          <ServiceChecks
            legend="Services affected"
            services={config.services}
            selected={services}
            onChange={setServices}
          />
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={busy}>
              Add maintenance window
            </button>
          </div>
        </SubmitForm>
      )}
      <FormError message={error} />
    </section>
  );
}
