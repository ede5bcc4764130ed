import { useEffect, useRef, type ReactNode } from 'react';
import { incidentLabel, type Incident, type StatusUpdate } from '../../../shared/domain/incident.js';
import { isActive } from '../../../shared/domain/status.js';
import { updateCadence } from '../../../shared/domain/status-cadence.js';
import { formatDuration } from '../../../shared/time/durations.js';
import { useAppStore } from '../../store/store-context.js';
import { selectIncident } from '../../store/selectors.js';
import { SeverityBadge, StatusText, Time } from '../common/bits.js';
import { useNow } from '../common/use-now.js';

/** The latest update meant for people outside the room (by its time: offline ones may arrive late). */
export function latestExternalUpdate(incident: Pick<Incident, 'statusUpdates'>): StatusUpdate | null {
  let latest: StatusUpdate | null = null;
  for (const update of incident.statusUpdates) {
    if (update.audience !== 'external') continue;
    if (latest === null || Date.parse(update.at) >= Date.parse(latest.at)) latest = update;
  }
  return latest;
}

/**
 * What a viewer (a stakeholder) reads: where the incident stands, its impact, the latest external update and when
 * the next one is due. Nothing here changes the incident: viewers follow, the room works.
 */
export function StakeholderView({ incidentId, back }: { incidentId: string; back: ReactNode }) {
  const incident = useAppStore(selectIncident(incidentId));
  const now = useNow(10_000);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [incidentId]);
  if (!incident) return null;
  const update = latestExternalUpdate(incident);
  const cadence = updateCadence(incident, now);
  return (
    <section className="panel stakeholder" aria-label="Stakeholder view">
      <div className="room-head__top">
        {back}
        <h2 id="incident-title" className="room-head__title" ref={heading} tabIndex={-1}>
          <span className="incident__label">{incidentLabel(incident)}</span> {incident.title}
        </h2>
      </div>
      <div className="incident__badges" role="group" aria-label="Severity and status">
        <SeverityBadge severity={incident.severity} />
        <span className="status-pill">
          <span className="muted">Status </span>
          <StatusText status={incident.status} />
        </span>
      </div>
      <dl className="stakeholder__facts">
        <div>
          <dt>Impact</dt>
          <dd>{incident.impact || <span className="muted">not described yet</span>}</dd>
        </div>
        <div>
          <dt>Next update due</dt>
          <dd data-next-update>
            {cadence.dueAt ? (
              cadence.overdue ? (
                <span className="overdue">
                  Overdue by {formatDuration(now - Date.parse(cadence.dueAt))} (was due at <Time at={cadence.dueAt} />)
                </span>
              ) : (
                <>
                  at <Time at={cadence.dueAt} />, in {formatDuration(Date.parse(cadence.dueAt) - now)}
                </>
              )
            ) : (
              <span className="muted">
                {isActive(incident.status) ? 'no fixed cadence for this severity' : 'no more updates owed'}
              </span>
            )}
          </dd>
        </div>
      </dl>
      <section className="stakeholder__update" aria-labelledby="stakeholder-update-title">
        <h3 id="stakeholder-update-title">Latest external update</h3>
        {update ? (
          <blockquote>
            <p className="stakeholder__text">{update.text}</p>
            <footer className="muted small">
              {update.by.name}, <Time at={update.at} />
            </footer>
          </blockquote>
        ) : (
          <p className="muted">No external update yet.</p>
        )}
      </section>
      <p className="muted small">You are a viewer on this hub: you can follow this incident but not change it.</p>
    </section>
  );
}
