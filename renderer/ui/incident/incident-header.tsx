import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { incidentLabel, type Incident } from '../../../shared/domain/incident.js';
import { isActive } from '../../../shared/domain/status.js';
import { updateCadence } from '../../../shared/domain/status-cadence.js';
import { undoneWork } from '../../../shared/domain/undone.js';
import { formatDuration, since } from '../../../shared/time/durations.js';
import { useActions, useAppStore } from '../../store/store-context.js';
import { selectIncident, selectIncidentMark, selectPagedOn } from '../../store/selectors.js';
import { PendingTag, SeverityBadge, StatusText, Time } from '../common/bits.js';
import { InlineRejections } from '../common/inline-rejections.js';
import { useNow } from '../common/use-now.js';
import { AcknowledgeLeadButton } from './acknowledge-lead-button.js';
import { IncidentEditForm } from './incident-edit-form.js';
import { latestHelped, mitigationState, nextStep } from './next-step.js';
import { SeverityControl } from './severity-control.js';
import { StatusControl } from './status-control.js';

type OpenForm = 'severity' | 'status' | 'edit' | null;

/** The header's buttons that open each form; the shortcuts (`e`, `s`, `i`) click them when the form is closed. */
const OPENERS: Readonly<Record<Exclude<OpenForm, null>, string>> = {
  severity: 'severity-open',
  status: 'status-open',
  edit: 'edit-open',
};

/**
 * The room's compact header, always above the fold: title, severity and status, who leads (or a loud "No lead"),
 * the Communication Lead and the Fixers, the clocks (impact, declared, last update, next update due), whether the
 * impact is mitigated, the next step and how much is undone. The severity, status and edit forms open on demand.
 */
export function IncidentHeader({ incidentId, back }: { incidentId: string; back: ReactNode }) {
  const actions = useActions();
  const incident = useAppStore(selectIncident(incidentId));
  const mark = useAppStore(selectIncidentMark(incidentId));
  const paged = useAppStore(selectPagedOn(incidentId));
  const canAct = useAppStore((s) => s.user !== null && s.user.role !== 'viewer');
  const heading = useRef<HTMLHeadingElement>(null);
  const [open, setOpen] = useState<OpenForm>(null);

  // Opening an incident moves the focus to its title, so a keyboard (or screen reader) starts here.
  useEffect(() => heading.current?.focus(), [incidentId]);

  if (!incident) return null;
  const active = isActive(incident.status);
  const toggle = (form: Exclude<OpenForm, null>) => setOpen((now) => (now === form ? null : form));
  // Closing gives the focus back to the button that opened the form, so the keyboard stays in the header.
  const close = (form: Exclude<OpenForm, null>) => () => {
    setOpen(null);
    document.getElementById(OPENERS[form])?.focus();
  };
  const opener = (form: Exclude<OpenForm, null>, label: string, key: string) => (
    <button
      type="button"
      id={OPENERS[form]}
      className={`button button--small ${open === form ? 'button--pressed' : ''}`}
      aria-expanded={open === form}
      aria-controls={open === form ? `${form}-form` : undefined}
      aria-keyshortcuts={key}
      onClick={() => toggle(form)}
    >
      {label} <kbd>{key}</kbd>
    </button>
  );

  return (
    <section className="panel room-head" aria-label="Incident at a glance">
      <div className="room-head__top">
        {back}
        {mark && <PendingTag mark={mark} />}
        <h2 id="incident-title" className="room-head__title" ref={heading} tabIndex={-1}>
          {mark !== 'pending' && <span className="incident__label">{incidentLabel(incident)}</span>} {incident.title}
        </h2>
        <div className="room-head__acks">
          {canAct && <AcknowledgeLeadButton incidentId={incidentId} />}
          {/* Also after an earlier acknowledgement, when I have an open re-page: acknowledging again answers it. */}
          {canAct && ((incident.moments.acknowledgedAt === null && active) || paged) && (
            <button
              type="button"
              className="button button--small"
              onClick={() => void actions.command({ type: 'incident.acknowledge', incidentId, payload: {} })}
            >
              Acknowledge (stops the paging)
            </button>
          )}
        </div>
      </div>
      <div className="room-head__line">
        <div className="incident__badges" role="group" aria-label="Severity and status">
          <SeverityBadge severity={incident.severity} />
          <span className="status-pill">
            <span className="muted">Status </span>
            <StatusText status={incident.status} />
          </span>
        </div>
        {canAct && (
          <div className="room-head__openers">
            {active && opener('severity', 'Change severity', 'e')}
            {opener('status', 'Change status', 's')}
            {opener('edit', 'Edit details', 'i')}
          </div>
        )}
      </div>
      <RolesLine incident={incident} />
      <Facts incident={incident} />
      <Clocks incident={incident} />
      <Progress incident={incident} />
      {canAct && open !== null && (
        <div id={`${open}-form`} className="room-head__form" onKeyDown={escapeCloses(close(open))}>
          {open === 'severity' && <SeverityControl incidentId={incidentId} autoFocus onDone={close('severity')} />}
          {open === 'status' && <StatusControl incidentId={incidentId} autoFocus onDone={close('status')} />}
          {open === 'edit' && <IncidentEditForm incidentId={incidentId} onClose={close('edit')} />}
        </div>
      )}
      <InlineRejections
        incidentId={incidentId}
        types={['incident.change_severity', 'incident.change_status', 'incident.update', 'incident.acknowledge']}
      />
    </section>
  );
}

/** Escape in an open form closes it (and not the room: the app's Escape goes back to the board). */
function escapeCloses(close: () => void) {
  return (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    close();
  };
}

/** Who leads, who talks to stakeholders, who fixes: each said even when nobody holds it. */
function RolesLine({ incident }: { incident: Incident }) {
  const { lead, comms, fixers } = incident.roles;
  return (
    <dl className="room-head__roles" aria-label="Roles at a glance">
      <div data-role="lead" className={lead ? '' : 'room-head__no-lead'}>
        <dt>Incident Lead</dt>
        <dd>
          {lead ? (
            <strong>{lead.name}</strong>
          ) : (
            <strong className="missing loud">
              <span aria-hidden="true">⚠ </span>No lead
            </strong>
          )}
        </dd>
      </div>
      <div data-role="comms">
        <dt>Comms Lead</dt>
        <dd>{comms ? comms.name : <span className="missing">No Comms Lead</span>}</dd>
      </div>
      <div data-role="fixers">
        <dt>Fixers</dt>
        <dd>{fixers.length > 0 ? fixers.map((f) => f.name).join(', ') : <span className="missing">No fixers</span>}</dd>
      </div>
    </dl>
  );
}

function Facts({ incident }: { incident: Incident }) {
  return (
    <dl className="room-head__facts">
      <div>
        <dt>Service</dt>
        <dd>{incident.service || <span className="muted">not set</span>}</dd>
      </div>
      <div className="room-head__impact">
        <dt>Impact</dt>
        <dd title={incident.impact || undefined}>
          {incident.impact || <span className="muted">not described yet</span>}
        </dd>
      </div>
      <div>
        <dt>Declared by</dt>
        <dd>{incident.declaredBy.name}</dd>
      </div>
    </dl>
  );
}

/** Since impact started, since declared, since the last update, and when the next is due: live while active. */
function Clocks({ incident }: { incident: Incident }) {
  const ticking = useNow(1000);
  const { moments } = incident;
  const ended = moments.resolvedAt ?? moments.closedAt;
  const now = isActive(incident.status) || !ended ? ticking : Date.parse(ended);
  const cadence = updateCadence(incident, ticking);
  const last = since(cadence.lastUpdateAt, ticking);
  const clock = (term: string, value: ReactNode, at?: string | null) => (
    <div>
      <dt>{term}</dt>
      <dd className="clock">
        {value}
        {at && (
          <>
            {' '}
            <span className="clock__at">
              (<Time at={at} />)
            </span>
          </>
        )}
      </dd>
    </div>
  );
  return (
    <dl className="clocks room-head__clocks" aria-label="Clocks">
      {clock(
        'Since impact started',
        moments.impactStartedAt ? since(moments.impactStartedAt, now) : <span className="muted">unknown</span>,
        moments.impactStartedAt,
      )}
      {clock('Since declared', since(moments.declaredAt, now), moments.declaredAt)}
      {clock('Since last update', last ? `${last} ago` : <span className="muted">none yet</span>)}
      {clock('Next update due', <NextUpdate incident={incident} now={ticking} />)}
    </dl>
  );
}

function NextUpdate({ incident, now }: { incident: Incident; now: number }) {
  const cadence = updateCadence(incident, now);
  if (!cadence.dueAt)
    return <span className="muted">{isActive(incident.status) ? 'no fixed cadence' : 'none owed'}</span>;
  const due = Date.parse(cadence.dueAt);
  if (cadence.overdue)
    return (
      <span className="overdue">
        <span aria-hidden="true">⏰ </span>Overdue by {formatDuration(now - due)}
      </span>
    );
  return (
    <span>
      in {formatDuration(due - now)}{' '}
      <span className="clock__at">
        (<Time at={cadence.dueAt} />)
      </span>
    </span>
  );
}

/** Whether the impact is stopped (and what helped), what to do next, and how much is undone. */
function Progress({ incident }: { incident: Incident }) {
  const now = useNow(10_000);
  const helped = latestHelped(incident);
  const undone = undoneWork(incident, now).count;
  const mitigated = incident.moments.mitigatedAt !== null;
  return (
    <div className="room-head__progress" aria-label="Progress" role="group">
      <span className={`room-head__mitigation ${mitigated ? 'room-head__mitigation--done' : ''}`}>
        <span aria-hidden="true">{mitigated ? '✓ ' : '○ '}</span>
        {mitigationState(incident, now)}
      </span>
      {helped && (
        <span className="room-head__helped">
          Helped: <q>{helped.what}</q>
        </span>
      )}
      <strong className="room-head__next">{nextStep(incident)}</strong>
      <button
        type="button"
        className={`button button--small room-head__undone ${undone > 0 ? 'room-head__undone--some' : ''}`}
        onClick={focusUndone}
      >
        Undone: <strong data-undone-count={undone}>{undone}</strong>
      </button>
    </div>
  );
}

/** The undone panel is further down the room: bring it into view, with the focus. */
function focusUndone() {
  const panel = document.getElementById('undone');
  panel?.scrollIntoView?.({ block: 'start' });
  panel?.focus();
}
