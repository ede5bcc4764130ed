import { findIncident } from '../../../shared/domain/state.js';
import { useActions, useAppStore } from '../../store/store-context.js';
import { AlertsPanel } from './alerts-panel.js';
import { ChecklistsPanel } from './checklists-panel.js';
import { FollowupsPanel } from './followups-panel.js';
import { IncidentHeader } from './incident-header.js';
import { PagingPanel } from './paging-panel.js';
import { ReviewCard } from '../postmortem/review-card.js';
import { RolesPanel } from './roles-panel.js';
import { StakeholderView } from './stakeholder-view.js';
import { StatusUpdatesPanel } from './status-updates-panel.js';
import { TimelinePanel } from './timeline-panel.js';
import { TriedLog } from './tried-log.js';
import { UndonePanel } from './undone-panel.js';
import { UnroutedNotice } from './unrouted-notice.js';
import { useAfterFirstPaint } from '../common/use-after-first-paint.js';

/**
 * One incident: the compact header (who leads, the clocks, the next step, what is undone), then the panels the
 * people in the room work in. A viewer gets the stakeholder view instead: no control that changes anything.
 */
export function IncidentRoom() {
  const incidentId = useAppStore((s) => s.selectedIncidentId);
  const viewer = useAppStore((s) => s.user?.role === 'viewer');
  const exists = useAppStore((s) => incidentId !== null && findIncident(s.state.incidents, incidentId) !== undefined);
  const showPanels = useAfterFirstPaint(incidentId);
  if (!incidentId || !exists)
    return (
      <section className="panel">
        <BackButton />
        <p>This incident is not here: the hub may have refused it, or it was never confirmed.</p>
      </section>
    );
  if (viewer)
    return (
      <article className="incident" aria-labelledby="incident-title" data-incident-id={incidentId}>
        <StakeholderView incidentId={incidentId} back={<BackButton />} />
      </article>
    );
  return (
    <article className="incident" aria-labelledby="incident-title" data-incident-id={incidentId}>
      <IncidentHeader key={incidentId} incidentId={incidentId} back={<BackButton />} />
      <UnroutedNotice incidentId={incidentId} />
      {showPanels ? (
        <div className="room">
          <div className="room__main">
            <AlertsPanel incidentId={incidentId} />
            <TriedLog incidentId={incidentId} />
            <TimelinePanel incidentId={incidentId} />
            <ChecklistsPanel incidentId={incidentId} />
          </div>
          <div className="room__side">
            <UndonePanel incidentId={incidentId} />
            <ReviewCard incidentId={incidentId} />
            <PagingPanel incidentId={incidentId} />
            <RolesPanel incidentId={incidentId} />
            <StatusUpdatesPanel incidentId={incidentId} />
            <FollowupsPanel incidentId={incidentId} />
          </div>
        </div>
      ) : (
        <p className="muted">Opening…</p>
      )}
    </article>
  );
}

export function BackButton() {
  const actions = useActions();
  return (
    <button type="button" className="button button--quiet back" onClick={() => actions.showBoard()}>
      <span aria-hidden="true">← </span>Back to board
    </button>
  );
}
