import { useEffect } from 'react';
import { incidentLabel, type Incident } from '../../../shared/domain/incident.js';
import { findIncident } from '../../../shared/domain/state.js';
import { useActions, useAppStore } from '../../store/store-context.js';
import { selectDraftStatus } from '../../store/postmortem-selectors.js';
import { SeverityBadge, StatusText } from '../common/bits.js';
import { FollowupsPanel } from '../incident/followups-panel.js';
import { PostmortemEditor } from './postmortem-editor.js';
import { PostmortemMerge } from './postmortem-merge.js';
import { PostmortemStart } from './postmortem-start.js';
import { PublishedPostmortem } from './published-postmortem.js';

/** `#/incident/<id>/postmortem`: start, write, publish, merge and export the incident's postmortem. */
export function PostmortemScreen() {
  const actions = useActions();
  const incidentId = useAppStore((s) => s.selectedIncidentId);
  const incident = useAppStore((s) => (incidentId ? findIncident(s.state.incidents, incidentId) : undefined));
  useFlushOnLeave();
  useEffect(() => {
    void actions.postmortem.loadDrafts().catch(() => undefined); // the list shows its own error
  }, [actions.postmortem]);
  if (!incidentId || !incident)
    return (
      <section className="panel">
        <BackToIncident incidentId={incidentId} />
        <p>This incident is not here: the hub may have refused it, or it was never confirmed.</p>
      </section>
    );
  return (
    <article className="postmortem" aria-labelledby="postmortem-title">
      <BackToIncident incidentId={incidentId} />
      <header className="postmortem__header">
        <h2 id="postmortem-title">
          Postmortem: {incidentLabel(incident)} {incident.title}
        </h2>
        <p className="muted">
          <SeverityBadge severity={incident.highestSeverity} /> highest severity reached ·{' '}
          <StatusText status={incident.status} />
        </p>
      </header>
      <PostmortemBody incident={incident} />
      <FollowupsPanel incidentId={incidentId} />
    </article>
  );
}

function PostmortemBody({ incident }: { incident: Incident }) {
  const draft = useAppStore((s) => s.localDrafts[incident.id]);
  const loaded = useAppStore((s) => s.localDraftsLoaded);
  const status = useAppStore((s) => selectDraftStatus(s, incident.id));
  if (!loaded && !draft) return <p className="muted">Reading the drafts on this computer…</p>;
  switch (status) {
    case 'none':
      return <PostmortemStart incident={incident} />;
    case 'published-only':
    case 'outdated':
      return <PublishedPostmortem incident={incident} outdated={status === 'outdated'} />;
    case 'conflict':
      return <PostmortemMerge incident={incident} />;
    default:
      return <PostmortemEditor incident={incident} status={status} />;
  }
}

/** Typing not yet saved is written when leaving the editor, and when the page is hidden, closed or reloaded. */
function useFlushOnLeave(): void {
  const actions = useActions();
  useEffect(() => {
    const flush = (): void => void actions.postmortem.flushDrafts();
    window.addEventListener('pagehide', flush);
    window.addEventListener('beforeunload', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('beforeunload', flush);
      flush();
    };
  }, [actions.postmortem]);
}

function BackToIncident({ incidentId }: { incidentId: string | null }) {
  const actions = useActions();
  return (
    <button
      type="button"
      className="button button--quiet back"
      onClick={() => (incidentId ? actions.openIncident(incidentId) : actions.showBoard())}
    >
      <span aria-hidden="true">← </span>Back to the incident
    </button>
  );
}
