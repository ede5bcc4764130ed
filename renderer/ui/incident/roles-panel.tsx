import { useState } from 'react';
import type { Person } from '../../../shared/domain/primitives.js';
import { ROLE_NAMES } from '../../../shared/domain/roles.js';
import type { ActionResult } from '../../store/action-results.js';
import { personRef } from '../../store/person-ref.js';
import { useActions, useAppStore } from '../../store/store-context.js';
import { selectIncident } from '../../store/selectors.js';
import { InlineRejections } from '../common/inline-rejections.js';
import { PeopleOptions } from '../common/people-options.js';
import { FormError } from '../common/bits.js';

/** Incident Lead, Communication Lead and Fixers: claim, assign, hand over, release. An empty lead role stands out. */
export function RolesPanel({ incidentId }: { incidentId: string }) {
  const roles = useAppStore((s) => selectIncident(incidentId)(s)?.roles);
  if (!roles) return null;
  return (
    <section className="panel roles" aria-labelledby="roles-title">
      <h3 id="roles-title">Roles</h3>
      <SingleRole incidentId={incidentId} role="lead" holder={roles.lead} />
      <SingleRole incidentId={incidentId} role="comms" holder={roles.comms} />
      <Fixers incidentId={incidentId} fixers={roles.fixers} />
      <InlineRejections incidentId={incidentId} types={['role.assign', 'role.claim', 'role.release']} />
    </section>
  );
}

function useRoleAction() {
  const [error, setError] = useState<string | null>(null);
  const run = async (action: Promise<ActionResult>) => {
    const result = await action;
    setError(result.ok ? null : result.message);
    return result.ok;
  };
  return { error, run };
}

function SingleRole({
  incidentId,
  role,
  holder,
}: {
  incidentId: string;
  role: 'lead' | 'comms';
  holder: Person | null;
}) {
  const actions = useActions();
  const me = useAppStore((s) => s.user);
  const people = useAppStore((s) => s.people);
  const [personId, setPersonId] = useState('');
  const { error, run } = useRoleAction();
  const name = ROLE_NAMES[role];
  const titleId = `role-${role}-title`;
  const mine = holder !== null && holder.id === me?.id;
  const candidates = people.filter((p) => p.id !== holder?.id);
  const chosen = candidates.find((p) => p.id === personId) ?? candidates[0];

  return (
    <div className={`role ${holder ? '' : 'role--empty'}`} role="group" aria-labelledby={titleId} data-role={role}>
      <div className="role__head">
        <h4 id={titleId}>{name}</h4>
        <p className="role__holder">
          {holder ? (
            <>
              <strong>{holder.name}</strong>
              {mine && <span className="muted"> (you)</span>}
            </>
          ) : (
            <strong className="missing">
              <span aria-hidden="true">⚠ </span>Nobody: this role is empty
            </strong>
          )}
        </p>
      </div>
      <div className="role__actions">
        {!holder && me && (
          <button
            type="button"
            id={role === 'lead' ? 'roles-first' : undefined}
            className="button button--primary button--small"
            onClick={() => void run(actions.command({ type: 'role.claim', incidentId, payload: { role } }))}
          >
            Claim {name}
          </button>
        )}
        {candidates.length > 0 && (
          <>
            <label className="field field--inline">
              <span>{holder ? 'Hand over to' : 'Assign to'}</span>
              <select
                id={holder && role === 'lead' ? 'roles-first' : undefined}
                value={chosen?.id ?? ''}
                onChange={(e) => setPersonId(e.target.value)}
                aria-label={`${holder ? 'Hand over' : 'Assign'} ${name} to`}
              >
                <PeopleOptions exclude={holder ? [holder.id] : []} responders />
              </select>
            </label>
            <button
              type="button"
              className="button button--small"
              disabled={!chosen}
              onClick={() => {
                if (chosen)
                  void run(
                    actions.command({ type: 'role.assign', incidentId, payload: { role, person: personRef(chosen) } }),
                  );
              }}
            >
              {holder ? `Hand over ${name}` : `Assign ${name}`}
            </button>
          </>
        )}
        {holder && (
          <button
            type="button"
            className="button button--small button--quiet"
            onClick={() => void run(actions.command({ type: 'role.release', incidentId, payload: { role } }))}
          >
            Release {name}
          </button>
        )}
      </div>
      <FormError message={error} />
    </div>
  );
}

function Fixers({ incidentId, fixers }: { incidentId: string; fixers: readonly Person[] }) {
  const actions = useActions();
  const me = useAppStore((s) => s.user);
  const people = useAppStore((s) => s.people);
  const [personId, setPersonId] = useState('');
  const { error, run } = useRoleAction();
  const candidates = people.filter((p) => !fixers.some((f) => f.id === p.id));
  const chosen = candidates.find((p) => p.id === personId) ?? candidates[0];
  const joined = me !== null && fixers.some((f) => f.id === me.id);

  return (
    <div className="role" role="group" aria-labelledby="role-fixer-title" data-role="fixer">
      <div className="role__head">
        <h4 id="role-fixer-title">Fixers</h4>
        {fixers.length === 0 && <p className="role__holder muted">No Fixers yet</p>}
      </div>
      {fixers.length > 0 && (
        <ul className="fixers" aria-label="Fixers">
          {fixers.map((f) => (
            <li key={f.id}>
              <strong>{f.name}</strong>
              {f.id === me?.id && <span className="muted"> (you)</span>}{' '}
              <button
                type="button"
                className="button button--small button--quiet"
                onClick={() =>
                  void run(
                    actions.command({ type: 'role.release', incidentId, payload: { role: 'fixer', personId: f.id } }),
                  )
                }
                aria-label={f.id === me?.id ? 'Step back as Fixer' : `Remove ${f.name} as Fixer`}
              >
                {f.id === me?.id ? 'Step back' : 'Remove'}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="role__actions">
        {me && !joined && (
          <button
            type="button"
            className="button button--small"
            onClick={() => void run(actions.command({ type: 'role.claim', incidentId, payload: { role: 'fixer' } }))}
          >
            Join as Fixer
          </button>
        )}
        {candidates.length > 0 && (
          <>
            <label className="field field--inline">
              <span>Add</span>
              <select
                value={chosen?.id ?? ''}
                onChange={(e) => setPersonId(e.target.value)}
                aria-label="Person to add as Fixer"
              >
                <PeopleOptions exclude={fixers.map((f) => f.id)} responders />
              </select>
            </label>
            <button
              type="button"
              className="button button--small"
              disabled={!chosen}
              onClick={() => {
                if (chosen)
                  void run(
                    actions.command({
                      type: 'role.assign',
                      incidentId,
                      payload: { role: 'fixer', person: personRef(chosen) },
                    }),
                  );
              }}
            >
              Add Fixer
            </button>
          </>
        )}
      </div>
      <FormError message={error} />
    </div>
  );
}
