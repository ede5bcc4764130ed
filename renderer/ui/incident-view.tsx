import { incidentLabel } from '../../shared/domain/incident.js';
import { actions } from '../store/app-actions.js';
import { selectIncidentMark, selectSelectedIncident } from '../store/selectors.js';
import { useAppStore } from '../store/store.js';
import { LeadName, PendingTag, SeverityBadge, StatusText } from './bits.js';
import { TriedLog } from './tried-log.js';

export function IncidentView() {
  const incident = useAppStore(selectSelectedIncident);
  const mark = useAppStore((s) => (s.selectedIncidentId ? selectIncidentMark(s.selectedIncidentId)(s) : null));
  const back = (
    <button type="button" className="button button--quiet" onClick={() => actions.showBoard()}>
      <span aria-hidden="true">← </span>Back to board
    </button>
  );
  if (!incident)
    return (
      <section className="panel">
        {back}
        <p>This incident is not here: the hub may have refused it, or it was never confirmed.</p>
      </section>
    );
  return (
    <article className="panel incident" aria-labelledby="incident-title" data-incident-id={incident.id}>
      {back}
      <h2 id="incident-title">
        {mark !== 'pending' && <span className="incident__label">{incidentLabel(incident)}</span>} {incident.title}
      </h2>
      <dl className="facts">
        <div>
          <dt>Severity</dt>
          <dd>
            <SeverityBadge severity={incident.severity} />
          </dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <StatusText status={incident.status} />
          </dd>
        </div>
        <div>
          <dt>Lead</dt>
          <dd>
            <LeadName lead={incident.roles.lead} />
          </dd>
        </div>
        <div>
          <dt>Service</dt>
          <dd>{incident.service || <span className="muted">not set</span>}</dd>
        </div>
        {mark && (
          <div>
            <dt>Sync</dt>
            <dd>
              <PendingTag mark={mark} />
            </dd>
          </div>
        )}
      </dl>
      <TriedLog incident={incident} />
    </article>
  );
}
