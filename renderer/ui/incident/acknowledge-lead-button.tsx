import { useState } from 'react';
import type { Incident } from '../../../shared/domain/incident.js';
import type { SessionUser } from '../../../shared/sync/engine-view.js';
import { isActive } from '../../../shared/domain/status.js';
import { useActions, useAppStore } from '../../store/store-context.js';
import { selectIncident } from '../../store/selectors.js';

/**
 * Whether "Acknowledge and lead" is offered: an active incident nobody has acknowledged or nobody leads, to someone
 * who may change it (not a viewer). Not while someone else leads: the hub would refuse (a lead changes hands
 * explicitly, in the roles panel).
 */
export function offersAcknowledgeAndLead(incident: Incident, me: SessionUser | null): boolean {
  if (!me || me.role === 'viewer' || !isActive(incident.status)) return false;
  const lead = incident.roles.lead;
  if (lead && lead.id !== me.id) return false;
  return lead === null || incident.moments.acknowledgedAt === null;
}

/** One press: acknowledge, take the vacant lead, start investigating a triaged incident (`A`). */
export function AcknowledgeLeadButton({ incidentId }: { incidentId: string }) {
  const actions = useActions();
  const offered = useAppStore((s) => {
    const incident = selectIncident(incidentId)(s);
    return incident !== null && offersAcknowledgeAndLead(incident, s.user);
  });
  const [error, setError] = useState<string | null>(null);
  if (!offered) return null;
  const press = async () => {
    const result = await actions.command({ type: 'incident.acknowledge', incidentId, payload: { lead: true } });
    setError(result.ok ? null : result.message);
  };
  return (
    <>
      <button
        type="button"
        id="acknowledge-lead"
        className="button button--primary"
        onClick={() => void press()}
        aria-keyshortcuts="Shift+A"
      >
        Acknowledge and lead
      </button>
      {error && (
        <span role="alert" className="error">
          {error}
        </span>
      )}
    </>
  );
}
