import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { FOLLOWUP_STATE_WORDS, incidentLabel, type Followup, type Incident } from '../../../shared/domain/incident.js';
import { findIncident, type IncidentsState } from '../../../shared/domain/state.js';
import type { PostmortemDraft } from '../../../shared/postmortem/draft-record.js';
import { useActions, useAppStore } from '../../store/store-context.js';
import { errorText } from '../../store/action-results.js';
import { selectDraftStatus } from '../../store/postmortem-selectors.js';
import { DayTime, SeverityBadge, FormError } from '../common/bits.js';
import { DRAFT_STATUS_WORDS } from './postmortem-status.js';
import { awaitingReview, openFollowups } from './reviews.js';

/** `#/reviews`: my drafts on this computer, incidents still waiting for a postmortem, open follow-up actions. */
export function ReviewsScreen() {
  const { postmortem } = useActions();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    postmortem.loadDrafts().catch((e: unknown) => setError(errorText(e)));
  }, [postmortem]);
  return (
    <section className="reviews" aria-labelledby="reviews-title">
      <h2 id="reviews-title">Post-incident reviews</h2>
      <FormError message={error} />
      <LocalDrafts />
      <Awaiting />
      <OpenFollowups />
    </section>
  );
}

function LocalDrafts() {
  const drafts = useAppStore(useShallow((s) => Object.values(s.localDrafts)));
  const loaded = useAppStore((s) => s.localDraftsLoaded);
  const sorted = [...drafts].sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  return (
    <section className="panel" aria-labelledby="local-drafts-title">
      <h3 id="local-drafts-title">Drafts on this computer</h3>
      <p className="muted small">Kept here until published; they work without the hub.</p>
      {!loaded ? (
        <p className="muted">Reading…</p>
      ) : sorted.length === 0 ? (
        <p className="muted">No drafts here.</p>
      ) : (
        <ul className="reviews__list" aria-label="Drafts on this computer">
          {sorted.map((draft) => (
            <DraftRow key={draft.incidentId} draft={draft} />
          ))}
        </ul>
      )}
    </section>
  );
}

function DraftRow({ draft }: { draft: PostmortemDraft }) {
  const actions = useActions();
  const incident = useAppStore((s) => findIncident(s.state.incidents, draft.incidentId));
  const status = useAppStore((s) => selectDraftStatus(s, draft.incidentId));
  return (
    <li className="reviews__item" data-incident-id={draft.incidentId}>
      <button type="button" className="link" onClick={() => actions.openPostmortem(draft.incidentId)}>
        {incident
          ? `${incidentLabel(incident)} ${incident.title}`
          : `An incident this hub does not show (${draft.incidentId})`}
      </button>
      <span className={`reviews__status reviews__status--${status}`} data-draft-status={status}>
        {DRAFT_STATUS_WORDS[status]}
      </span>
      <span className="muted small">
        saved <DayTime at={draft.savedAt} />
      </span>
    </li>
  );
}

function Awaiting() {
  const incidents = useAppStore(useShallow((s: { state: IncidentsState }) => awaitingReview(s.state)));
  return (
    <section className="panel" aria-labelledby="awaiting-title">
      <h3 id="awaiting-title">Waiting for a postmortem</h3>
      {incidents.length === 0 ? (
        <p className="muted">Every resolved incident has its postmortem.</p>
      ) : (
        <ul className="reviews__list" aria-label="Waiting for a postmortem">
          {incidents.map((incident) => (
            <AwaitingRow key={incident.id} incident={incident} />
          ))}
        </ul>
      )}
    </section>
  );
}

function AwaitingRow({ incident }: { incident: Incident }) {
  const actions = useActions();
  return (
    <li className="reviews__item">
      <SeverityBadge severity={incident.highestSeverity} />
      <button type="button" className="link" onClick={() => actions.openPostmortem(incident.id)}>
        {incidentLabel(incident)} {incident.title}
      </button>
      {incident.highestSeverity === 'SEV-1' && <span className="warn-text">required before closing</span>}
    </li>
  );
}

function OpenFollowups() {
  const items = useAppStore(useShallow((s: { state: IncidentsState }) => openFollowups(s.state)));
  return (
    <section className="panel" aria-labelledby="open-followups-title">
      <h3 id="open-followups-title">Open follow-up actions</h3>
      {items.length === 0 ? (
        <p className="muted">No open follow-up actions.</p>
      ) : (
        <ul className="reviews__list" aria-label="Open follow-up actions">
          {items.map(({ incident, followup }) => (
            <FollowupRow key={`${incident.id}:${followup.id}`} incident={incident} followup={followup} />
          ))}
        </ul>
      )}
    </section>
  );
}

function FollowupRow({ incident, followup }: { incident: Incident; followup: Followup }) {
  const actions = useActions();
  return (
    <li className="reviews__item">
      <span>{followup.text}</span>
      <span className={followup.owner ? 'muted' : 'warn-text'}>
        {followup.owner ? followup.owner.name : 'No owner'}
      </span>
      <span className="muted">{FOLLOWUP_STATE_WORDS[followup.state]}</span>
      <button type="button" className="link" onClick={() => actions.openIncident(incident.id)}>
        {incidentLabel(incident)}
      </button>
    </li>
  );
}
