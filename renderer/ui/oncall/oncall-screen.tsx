import { useState } from 'react';
import type { Person } from '../../../shared/domain/primitives.js';
import type { Rotation } from '../../../shared/oncall/rotation.js';
import type { OncallView } from '../../../shared/protocol/oncall-wire.js';
import { useActions, useAppStore } from '../../store/store-context.js';
import { selectIsAdmin } from '../../store/selectors.js';
import { DateTime, FormError } from '../common/bits.js';
import { OverrideForm, RotationForm, ServiceRouteForm } from './oncall-forms.js';
import { ReachabilityWarnings } from './reachability-warnings.js';

type RotationEntry = OncallView['rotations'][number];

/**
 * Who is on call: for each rotation the primary and backup now and the next two weeks, my next shift, overrides,
 * which service pages which rotation, and warnings. Admins edit rotations, overrides and routes here.
 */
export function OncallScreen() {
  const actions = useActions();
  const view = useAppStore((s) => s.oncall);
  const loading = useAppStore((s) => s.oncallLoading);
  const error = useAppStore((s) => s.oncallError);
  const admin = useAppStore(selectIsAdmin);
  const [editing, setEditing] = useState<Rotation | null>(null);
  return (
    <section className="oncall" aria-labelledby="oncall-title" data-loaded={view !== null} data-loading={loading}>
      <div className="panel oncall__intro">
        <div className="panel__head">
          <h2 id="oncall-title">On-call</h2>
          <button type="button" className="button button--small" onClick={() => void actions.loadOnCall()}>
            {loading ? 'Loading…' : 'Refresh'}
          </button>
        </div>
        <FormError message={error} />
        {view ? <MyNextShift view={view} /> : !error && <p className="muted">Loading the on-call set-up…</p>}
      </div>
      {view && <ReachabilityWarnings reachability={view.reachability} />}
      {view && (
        <>
          {view.rotations.length === 0 && (
            <p className="panel muted">
              No rotations yet.{admin ? ' Create the first one below.' : ' An admin sets them up.'}
            </p>
          )}
          <div className="oncall__rotations">
            {view.rotations.map((entry) => (
              <RotationCard
                key={entry.rotation.id}
                entry={entry}
                isDefault={view.defaultRotationId === entry.rotation.id}
                onEdit={admin ? () => setEditing(entry.rotation) : null}
              />
            ))}
          </div>
          <div className="oncall__columns">
            <ServicesPanel view={view} />
            <OverridesPanel view={view} admin={admin} />
          </div>
          {admin && (
            <div className="oncall__admin">
              <RotationForm key={editing?.id ?? 'new'} initial={editing} onDone={() => setEditing(null)} />
              <ServiceRouteForm rotations={view.rotations.map((r) => r.rotation)} />
              <OverrideForm rotations={view.rotations.map((r) => r.rotation)} />
            </div>
          )}
        </>
      )}
    </section>
  );
}

function MyNextShift({ view }: { view: OncallView }) {
  const shift = view.me.nextShift;
  if (!shift) return <p data-testid="my-next-shift">You have no on-call shift in the next two weeks.</p>;
  const rotation = view.rotations.find((r) => r.rotation.id === shift.rotationId)?.rotation;
  const current = Date.parse(shift.start) <= Date.parse(view.at);
  return (
    <p data-testid="my-next-shift">
      <strong>{current ? 'You are on call now' : 'Your next shift'}:</strong> {shift.role} for{' '}
      {rotation?.name ?? 'a rotation'}, from <DateTime at={shift.start} /> to <DateTime at={shift.end} />.
    </p>
  );
}

function PersonName({ person }: { person: Person | null }) {
  return person ? <span>{person.name}</span> : <span className="muted">nobody</span>;
}

function RotationCard({
  entry,
  isDefault,
  onEdit,
}: {
  entry: RotationEntry;
  isDefault: boolean;
  onEdit: (() => void) | null;
}) {
  const { rotation, warnings, now, schedule } = entry;
  const titleId = `rotation-${rotation.id}-title`;
  return (
    <section className="panel rotation" aria-labelledby={titleId} data-rotation-id={rotation.id}>
      <div className="panel__head">
        <h3 id={titleId}>{rotation.name}</h3>
        {isDefault && <span className="tag">default</span>}
        {onEdit && (
          <button type="button" className="button button--small" onClick={onEdit}>
            Edit<span className="visually-hidden"> {rotation.name}</span>
          </button>
        )}
      </div>
      <p className="muted small rotation__meta">
        {rotation.shift === 'daily' ? 'Daily' : 'Weekly'} shifts, handoff at {rotation.handoffTime} ({rotation.timeZone}
        ) · {rotation.members.map((m) => m.name).join(' → ')}
      </p>
      {warnings.map((warning) => (
        <p key={warning} className="warning" role="note">
          <span aria-hidden="true">⚠ </span>
          {warning}
        </p>
      ))}
      <dl className="rotation__now" aria-label={`On call now for ${rotation.name}`}>
        <div>
          <dt>Primary now</dt>
          <dd data-testid="primary-now">
            <PersonName person={now.primary} />
          </dd>
        </div>
        <div>
          <dt>Backup now</dt>
          <dd data-testid="backup-now">
            <PersonName person={now.backup} />
          </dd>
        </div>
      </dl>
      <div className="schedule__scroll">
        <table className="schedule">
          <caption className="schedule__caption">Next two weeks</caption>
          <thead>
            <tr>
              <th scope="col">From</th>
              <th scope="col">Until</th>
              <th scope="col">Primary</th>
              <th scope="col">Backup</th>
            </tr>
          </thead>
          <tbody>
            {schedule.map((segment) => (
              <tr key={segment.start}>
                <td>
                  <DateTime at={segment.start} />
                </td>
                <td>
                  <DateTime at={segment.end} />
                </td>
                <td>{segment.primary.name}</td>
                <td>
                  <PersonName person={segment.backup} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function rotationName(view: OncallView, rotationId: string | null): string {
  if (!rotationId) return 'nobody';
  return view.rotations.find((r) => r.rotation.id === rotationId)?.rotation.name ?? rotationId;
}

function ServicesPanel({ view }: { view: OncallView }) {
  return (
    <section className="panel" aria-labelledby="services-title">
      <h3 id="services-title">Which rotation each service pages</h3>
      {view.services.length === 0 ? (
        <p className="muted">No service is routed yet.</p>
      ) : (
        <table className="routes">
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col">Rotation</th>
            </tr>
          </thead>
          <tbody>
            {view.services.map((route) => (
              <tr key={route.service} data-service={route.service}>
                <td>{route.service}</td>
                <td>{rotationName(view, route.rotationId)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted small">
        Any other service pages {view.defaultRotationId ? rotationName(view, view.defaultRotationId) : 'nobody'}.
      </p>
    </section>
  );
}

function OverridesPanel({ view, admin }: { view: OncallView; admin: boolean }) {
  const actions = useActions();
  const people = new Map(view.rotations.flatMap((r) => r.rotation.members.map((m) => [m.id, m.name] as const)));
  const [error, setError] = useState<string | null>(null);
  const remove = async (overrideId: string) => {
    const result = await actions.changeOnCall({ kind: 'override.delete', overrideId });
    setError(result.ok ? null : result.message);
  };
  return (
    <section className="panel" aria-labelledby="overrides-title">
      <h3 id="overrides-title">Overrides</h3>
      {view.overrides.length === 0 ? (
        <p className="muted">No overrides now or coming up.</p>
      ) : (
        <ul className="overrides" aria-label="Overrides">
          {view.overrides.map((o) => (
            <li key={o.id}>
              <strong>{o.person.name}</strong> covers {people.get(o.replaces) ?? o.replaces} on{' '}
              {rotationName(view, o.rotationId)}, <DateTime at={o.start} /> – <DateTime at={o.end} />
              {o.note && <span className="muted"> ({o.note})</span>}
              {admin && (
                <button type="button" className="button button--quiet button--small" onClick={() => void remove(o.id)}>
                  Remove<span className="visually-hidden"> this override</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <FormError message={error} />
    </section>
  );
}
