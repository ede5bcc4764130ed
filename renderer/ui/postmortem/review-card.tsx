import { useEffect } from 'react';
import { useActions, useAppStore } from '../../store/store-context.js';
import { selectDraftStatus } from '../../store/postmortem-selectors.js';
import { selectIncident } from '../../store/selectors.js';
import { DRAFT_STATUS_WORDS } from './postmortem-status.js';
import { reviewNeed } from '../incident/status-control.js';

/** The incident room's entry to the post-incident review: where the postmortem stands and a way to it. */
export function ReviewCard({ incidentId }: { incidentId: string }) {
  const actions = useActions();
  const incident = useAppStore(selectIncident(incidentId));
  const status = useAppStore((s) => selectDraftStatus(s, incidentId));
  useEffect(() => {
    void actions.postmortem.loadDrafts().catch(() => undefined); // the Reviews screen shows the error
  }, [actions.postmortem]);
  if (!incident) return null;
  const finished = incident.status === 'resolved' || incident.status === 'closed';
  if (!finished && status === 'none') return null;
  const required = reviewNeed(incident) === 'required';
  return (
    <section className="panel review-card" aria-labelledby="review-card-title">
      <h3 id="review-card-title">Post-incident review</h3>
      <p data-draft-status={status}>{DRAFT_STATUS_WORDS[status]}</p>
      {required && (
        <p className="warn-text">
          Required: this incident reached SEV-1, so it closes only once a postmortem is published.
        </p>
      )}
      <button type="button" className="button button--primary" onClick={() => actions.openPostmortem(incidentId)}>
        {status === 'none' ? 'Write the postmortem' : 'Open the postmortem'}
      </button>
    </section>
  );
}
