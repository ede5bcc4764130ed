import type { StatusUpdate } from '../../../shared/domain/incident.js';
import { UPDATE_CADENCE_MINUTES } from '../../../shared/domain/status-cadence.js';
import { useAppStore } from '../../store/store-context.js';
import { selectIncident, selectPendingFor } from '../../store/selectors.js';
import { Time } from '../common/bits.js';
import { CadenceNote } from './cadence-note.js';
import { InlineRejections } from '../common/inline-rejections.js';
import { useNow } from '../common/use-now.js';
import { PublicControls } from './public-controls.js';
import { UpdateForm } from './update-form.js';

const NO_UPDATES: readonly StatusUpdate[] = [];

/** Internal and external updates, the cadence for this severity with an overdue warning, and a draft from the timeline. */
export function StatusUpdatesPanel({ incidentId }: { incidentId: string }) {
  const updates = useAppStore((s) => selectIncident(incidentId)(s)?.statusUpdates ?? NO_UPDATES);
  const severity = useAppStore((s) => selectIncident(incidentId)(s)?.severity);
  const minutes = severity ? UPDATE_CADENCE_MINUTES[severity] : null;
  return (
    <section className="panel updates" aria-labelledby="updates-title">
      <h3 id="updates-title">Status updates</h3>
      <p className="muted small">
        {severity}: {minutes ? `an update every ${minutes} minutes` : 'no fixed cadence'}
      </p>
      <Cadence incidentId={incidentId} />
      <Public incidentId={incidentId} />
      <UpdateForm incidentId={incidentId} />
      <InlineRejections incidentId={incidentId} types={['status_update.post', 'incident.set_public']} />
      {updates.length === 0 ? (
        <p className="muted">No update posted yet.</p>
      ) : (
        <ol className="updates__list" aria-label="Posted updates">
          {[...updates].reverse().map((u) => (
            <PostedUpdate key={u.id} incidentId={incidentId} update={u} />
          ))}
        </ol>
      )}
    </section>
  );
}

function PostedUpdate({ incidentId, update }: { incidentId: string; update: StatusUpdate }) {
  const pending = useAppStore(selectPendingFor(incidentId, 'updateId', update.id));
  return (
    <li className={`update update--${update.audience}`} data-queued={pending}>
      <p className="update__meta">
        <span className={`tag tag--${update.audience}`}>{update.audience}</span> {update.by.name} at{' '}
        <Time at={update.at} /> {pending && <span className="tag tag--pending">pending</span>}
      </p>
      <p className="update__text">{update.text}</p>
    </li>
  );
}

function Public({ incidentId }: { incidentId: string }) {
  const incident = useAppStore(selectIncident(incidentId));
  return incident ? <PublicControls incident={incident} /> : null;
}

function Cadence({ incidentId }: { incidentId: string }) {
  const incident = useAppStore(selectIncident(incidentId));
  const now = useNow(1000);
  if (!incident) return null;
  return (
    <div className="updates__cadence">
      <span className="muted">Last update: </span>
      <CadenceNote incident={incident} now={now} />
    </div>
  );
}
