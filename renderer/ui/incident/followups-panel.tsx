import { useMemo } from 'react';
import { selectIncident } from '../../store/selectors.js';
import { useAppStore } from '../../store/store-context.js';
import { FollowupForm } from './followup-form.js';
import { FollowupRow } from './followup-row.js';
import { followupCount, orderFollowups } from './followup-summary.js';
import { InlineRejections } from '../common/inline-rejections.js';

const FOLLOWUP_COMMANDS = ['followup.add', 'followup.set_state', 'followup.assign'] as const;

/**
 * Follow-up actions from the post-incident review: what still needs doing first, each with its owner and state.
 * They outlive the incident, so they can be added and worked on after it is closed; viewers only read them.
 */
export function FollowupsPanel({ incidentId }: { incidentId: string }) {
  const followups = useAppStore((s) => selectIncident(incidentId)(s)?.followups);
  const readOnly = useAppStore((s) => s.user?.role === 'viewer');
  const ordered = useMemo(() => orderFollowups(followups ?? []), [followups]);
  if (!followups) return null;
  const count = followupCount(followups);

  return (
    <section className="panel followups" aria-labelledby="followups-title">
      <div className="panel__head">
        <h3 id="followups-title">Follow-up actions</h3>
        {count && <span className="followups__count">{count}</span>}
      </div>
      {ordered.length === 0 ? (
        <p className="muted">No follow-up actions yet. Follow-ups are usually added during the post-incident review.</p>
      ) : (
        <ul className="followups__list" aria-label="Follow-up actions">
          {ordered.map((f) => (
            <FollowupRow key={f.id} incidentId={incidentId} followup={f} readOnly={readOnly} />
          ))}
        </ul>
      )}
      <InlineRejections incidentId={incidentId} types={FOLLOWUP_COMMANDS} />
      {readOnly ? (
        <p className="muted small">You are a viewer on this hub: you can read follow-ups but not change them.</p>
      ) : (
        <FollowupForm incidentId={incidentId} />
      )}
    </section>
  );
}
