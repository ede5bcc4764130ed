import { useState, type FormEvent } from 'react';
import type { Incident, TriedEntry } from '../../shared/domain/incident.js';
import { actions } from '../store/app-actions.js';
import { selectTriedPending } from '../store/selectors.js';
import { useAppStore } from '../store/store.js';
import { PendingTag, Time } from './bits.js';

const OUTCOMES: Readonly<Record<TriedEntry['outcome'], string>> = {
  pending: 'outcome not known yet',
  helped: 'helped',
  'no-effect': 'no effect',
  'made-worse': 'made it worse',
};

/** "What we've tried": every attempt, in order, so nobody tries the same thing twice at 3 a.m. */
export function TriedLog({ incident }: { incident: Incident }) {
  return (
    <section className="tried" aria-labelledby="tried-title">
      <h3 id="tried-title">What we've tried</h3>
      {incident.tried.length === 0 ? (
        <p className="muted">Nothing yet. Write down every attempt, even those that changed nothing.</p>
      ) : (
        <ol className="tried__list" aria-labelledby="tried-title">
          {incident.tried.map((entry) => (
            <TriedItem key={entry.id} incidentId={incident.id} entry={entry} />
          ))}
        </ol>
      )}
      <AddTriedForm incidentId={incident.id} />
    </section>
  );
}

function TriedItem({ incidentId, entry }: { incidentId: string; entry: TriedEntry }) {
  const pending = useAppStore(selectTriedPending(incidentId, entry.id));
  return (
    <li className="tried__item" data-entry-id={entry.id} data-pending={pending}>
      <p className="tried__what">
        {entry.what} {pending && <PendingTag mark="pending" />}
      </p>
      {entry.hypothesis && <p className="tried__hypothesis">Hypothesis: {entry.hypothesis}</p>}
      <p className="tried__meta muted">
        {entry.by.name} · <Time at={entry.at} /> · {OUTCOMES[entry.outcome]}
      </p>
    </li>
  );
}

function AddTriedForm({ incidentId }: { incidentId: string }) {
  const [what, setWhat] = useState('');
  const [hypothesis, setHypothesis] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = await actions.addTried(incidentId, { what: what.trim(), hypothesis: hypothesis.trim() });
    if (!result.ok) return setError(result.message);
    setError(null);
    setWhat('');
    setHypothesis('');
  };

  return (
    <form className="form form--row" onSubmit={(e) => void submit(e)} aria-label="Add to what we've tried" noValidate>
      <label className="field field--wide">
        <span>What</span>
        <input
          name="what"
          value={what}
          onChange={(e) => setWhat(e.target.value)}
          maxLength={1000}
          placeholder="e.g. Rolled back the last deploy"
          required
        />
      </label>
      <label className="field field--wide">
        <span>Hypothesis</span>
        <input
          name="hypothesis"
          value={hypothesis}
          onChange={(e) => setHypothesis(e.target.value)}
          maxLength={1000}
          placeholder="e.g. The new release leaks connections"
        />
      </label>
      <div className="form__actions">
        <button type="submit" className="button button--primary">
          Add
        </button>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}
