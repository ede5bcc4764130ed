import { useEffect, useRef, type ReactNode } from 'react';
import { incidentLabel } from '../../../shared/domain/incident.js';
import { isActive } from '../../../shared/domain/status.js';
import { formatDuration, since } from '../../../shared/time/durations.js';
import { useActions, useAppStore } from '../../store/store-context.js';
import { selectIncident, selectIncidentMark, selectPagedOn } from '../../store/selectors.js';
import { PendingTag, SeverityBadge, StatusText, Time } from '../common/bits.js';
import { CadenceNote } from './cadence-note.js';
import { InlineRejections } from '../common/inline-rejections.js';
import { SeverityControl } from './severity-control.js';
import { StatusControl } from './status-control.js';
import { useNow } from '../common/use-now.js';

/** Title, severity and status with their controls, the two goals (mitigate, then resolve) and the live clocks. */
export function IncidentHeader({ incidentId, back }: { incidentId: string; back: ReactNode }) {
  const actions = useActions();
  const incident = useAppStore(selectIncident(incidentId));
  const mark = useAppStore(selectIncidentMark(incidentId));
  const paged = useAppStore(selectPagedOn(incidentId));
  const heading = useRef<HTMLHeadingElement>(null);

  // Opening an incident moves the focus to its title, so a keyboard (or screen reader) starts here.
  useEffect(() => heading.current?.focus(), [incidentId]);

  if (!incident) return null;
  return (
    <header className="panel incident__header">
      <div className="incident__top">
        {back}
        {mark && <PendingTag mark={mark} />}
        {/* Also after an earlier acknowledgement, when I have an open re-page: acknowledging again answers it. */}
        {((incident.moments.acknowledgedAt === null && isActive(incident.status)) || paged) && (
          <button
            type="button"
            className="button button--primary button--small"
            onClick={() => void actions.command({ type: 'incident.acknowledge', incidentId, payload: {} })}
          >
            Acknowledge (stops the paging)
          </button>
        )}
      </div>
      <h2 id="incident-title" ref={heading} tabIndex={-1}>
        {mark !== 'pending' && <span className="incident__label">{incidentLabel(incident)}</span>} {incident.title}
      </h2>
      <div className="incident__state">
        <div className="incident__badges" role="group" aria-label="Severity and status">
          <SeverityBadge severity={incident.severity} size="large" />
          <span className="status-pill">
            <span className="muted">Status </span>
            <StatusText status={incident.status} />
          </span>
        </div>
        <Facts incidentId={incidentId} />
      </div>
      <div className="incident__controls">
        <SeverityControl incidentId={incidentId} />
        <StatusControl incidentId={incidentId} />
      </div>
      <InlineRejections
        incidentId={incidentId}
        types={['incident.change_severity', 'incident.change_status', 'incident.update', 'incident.acknowledge']}
      />
      <div className="incident__progress">
        <Goals incidentId={incidentId} />
        <Clocks incidentId={incidentId} />
      </div>
    </header>
  );
}

function Facts({ incidentId }: { incidentId: string }) {
  const incident = useAppStore(selectIncident(incidentId));
  if (!incident) return null;
  return (
    <dl className="facts">
      <div>
        <dt>Service</dt>
        <dd>{incident.service || <span className="muted">not set</span>}</dd>
      </div>
      <div className="facts__wide">
        <dt>Impact</dt>
        <dd>{incident.impact || <span className="muted">not described yet</span>}</dd>
      </div>
      <div>
        <dt>Declared by</dt>
        <dd>{incident.declaredBy.name}</dd>
      </div>
    </dl>
  );
}

/** Mitigation is the first goal (stop the harm), resolution the second; each with its own time. */
function Goals({ incidentId }: { incidentId: string }) {
  const moments = useAppStore((s) => selectIncident(incidentId)(s)?.moments);
  if (!moments) return null;
  const goal = (n: number, name: string, what: string, at: string | null) => (
    <li className={`goal ${at ? 'goal--done' : 'goal--open'}`} data-done={at !== null}>
      <span className="goal__mark" aria-hidden="true">
        {at ? '✓' : n}
      </span>
      <span className="goal__text">
        <strong>{name}</strong>{' '}
        {at ? (
          <span>
            at <Time at={at} />, {formatDuration(Date.parse(at) - Date.parse(moments.declaredAt))} after declaring
          </span>
        ) : (
          <span className="muted">not yet: {what}</span>
        )}
      </span>
    </li>
  );
  return (
    <ol className="goals" aria-label="Goals">
      {goal(1, 'Mitigated', 'stop the impact first', moments.mitigatedAt)}
      {goal(2, 'Resolved', 'then fix the cause', moments.resolvedAt)}
    </ol>
  );
}

/** Since impact started, since declared, since the last update: live while the incident is active. */
function Clocks({ incidentId }: { incidentId: string }) {
  const incident = useAppStore(selectIncident(incidentId));
  const ticking = useNow(1000);
  if (!incident) return null;
  const { moments } = incident;
  const ended = moments.resolvedAt ?? moments.closedAt;
  const now = isActive(incident.status) || !ended ? ticking : Date.parse(ended);
  return (
    <dl className="clocks" aria-label="Clocks">
      <div>
        <dt>Since impact started</dt>
        <dd className="clock">
          {moments.impactStartedAt ? (
            <>
              {since(moments.impactStartedAt, now)}{' '}
              <span className="clock__at">
                (<Time at={moments.impactStartedAt} />)
              </span>
            </>
          ) : (
            <span className="muted">unknown</span>
          )}
        </dd>
      </div>
      <div>
        <dt>Since declared</dt>
        <dd className="clock">
          {since(moments.declaredAt, now)}{' '}
          <span className="clock__at">
            (<Time at={moments.declaredAt} />)
          </span>
        </dd>
      </div>
      <div>
        <dt>Since last update</dt>
        <dd className="clock">
          <CadenceNote incident={incident} now={ticking} />
        </dd>
      </div>
    </dl>
  );
}
