import { useState, type ReactNode } from 'react';
import type { IncidentAlert } from '../../../shared/domain/incident.js';
import { nextStatuses } from '../../../shared/domain/status.js';
import { useActions, useAppStore } from '../../store/store-context.js';
import { isWebLink } from '../../store/host-file-actions.js';
import { selectIncident } from '../../store/selectors.js';
import { DayTime, FormError } from '../common/bits.js';

/**
 * The monitoring alerts attached to the incident, each with its five facts (what is wrong, who owns it, impact,
 * possible cause, runbook), how often it fired and when. When every alert has cleared, a cue offers to mark the
 * incident mitigated: people decide, nothing moves on its own.
 */
export function AlertsPanel({ incidentId }: { incidentId: string }) {
  const alerts = useAppStore((s) => selectIncident(incidentId)(s)?.alerts);
  const status = useAppStore((s) => selectIncident(incidentId)(s)?.status);
  if (!alerts || alerts.length === 0 || !status) return null;
  const firing = alerts.filter((a) => a.status === 'firing').length;
  const allResolved = firing === 0;
  return (
    <section className="panel alerts" aria-labelledby="alerts-title" data-firing={firing}>
      <div className="panel__head">
        <h3 id="alerts-title">Alerts</h3>
        <span className="muted">
          {firing > 0 ? `${firing} of ${alerts.length} firing` : `${alerts.length} resolved`}
        </span>
      </div>
      {allResolved && nextStatuses(status).includes('mitigated') && <MitigateCue incidentId={incidentId} />}
      <ul className="alerts__list" aria-label="Attached alerts">
        {alerts.map((alert) => (
          <AlertItem key={alert.key} alert={alert} />
        ))}
      </ul>
    </section>
  );
}

function MitigateCue({ incidentId }: { incidentId: string }) {
  const actions = useActions();
  const [error, setError] = useState<string | null>(null);
  const mitigate = async () => {
    const result = await actions.command({
      type: 'incident.change_status',
      incidentId,
      payload: { status: 'mitigated', reason: 'All alerts resolved' },
    });
    setError(result.ok ? null : result.message);
  };
  return (
    <div className="alerts__cue" role="note" data-testid="mitigate-cue">
      <span>
        <span aria-hidden="true">✓ </span>All alerts resolved — mitigate?
      </span>
      <button type="button" className="button button--primary button--small" onClick={() => void mitigate()}>
        Mark mitigated
      </button>
      <FormError message={error} />
    </div>
  );
}

function firedText(count: number): string {
  return count === 1 ? 'fired once' : `fired ${count} times`;
}

function AlertItem({ alert }: { alert: IncidentAlert }) {
  const owner = [alert.service, alert.team].filter(Boolean).join(' / ');
  return (
    <li className={`alert alert--${alert.status}`} data-alert-key={alert.key} data-alert-status={alert.status}>
      <div className="alert__head">
        <span className={`tag alert__status alert__status--${alert.status}`}>
          {alert.status === 'firing' ? 'Firing' : 'Resolved'}
        </span>
        <strong className="alert__title">{alert.title}</strong>
        <span className="muted small">
          {alert.severity} · from {alert.source}
        </span>
      </div>
      {alert.description && <p className="alert__description">{alert.description}</p>}
      <dl className="alert__facts">
        <div>
          <dt>Who owns it</dt>
          <dd>{owner || <span className="muted">not said</span>}</dd>
        </div>
        <div>
          <dt>Impact</dt>
          <dd>{alert.impact || <span className="muted">not said</span>}</dd>
        </div>
        <div>
          <dt>Possible cause</dt>
          <dd>{alert.cause || <span className="muted">not said</span>}</dd>
        </div>
        <div>
          <dt>Runbook</dt>
          <dd>
            <ExternalLink url={alert.runbookUrl} label={`Open the runbook for “${alert.title}”`}>
              Open runbook
            </ExternalLink>
          </dd>
        </div>
      </dl>
      <p className="alert__seen small">
        <strong>{firedText(alert.count)}</strong>
        <span className="muted"> · first seen </span>
        <DayTime at={alert.firstSeenAt} />
        <span className="muted"> · last seen </span>
        <DayTime at={alert.lastSeenAt} />
        {alert.resolvedAt && (
          <>
            <span className="muted"> · resolved </span>
            <DayTime at={alert.resolvedAt} />
          </>
        )}
        {isWebLink(alert.url) && (
          <>
            {' · '}
            <ExternalLink url={alert.url} label={`Open “${alert.title}” in ${alert.source}`}>
              View in {alert.source}
            </ExternalLink>
          </>
        )}
      </p>
    </li>
  );
}

/** A link opened in the system browser through the host; anything but http(s) shows as text, not a link. */
function ExternalLink({ url, label, children }: { url: string; label: string; children: ReactNode }) {
  const actions = useActions();
  if (!url) return <span className="muted">none</span>;
  if (!isWebLink(url)) return <span className="muted">{url}</span>;
  return (
    <a
      className="alert__link"
      href={url}
      aria-label={label}
      title={url}
      rel="noreferrer noopener"
      onClick={(event) => {
        event.preventDefault();
        void actions.openExternal(url);
      }}
    >
      {children}
    </a>
  );
}
