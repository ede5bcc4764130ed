import { useState } from 'react';
import type { Incident } from '../../../shared/domain/incident.js';
import { useActions, useAppStore } from '../../store/store-context.js';
import { FormError } from '../common/bits.js';

const DRAFTABLE: readonly Incident['status'][] = ['resolved', 'closed'];

/** No draft and nothing published: generate a first draft from the incident's event log. */
export function PostmortemStart({ incident }: { incident: Incident }) {
  const actions = useActions();
  const timelineStatus = useAppStore((s) => (s.timelineIncidentId === incident.id ? s.timelineStatus : 'idle'));
  const timelineError = useAppStore((s) => (s.timelineIncidentId === incident.id ? s.timelineError : null));
  const [message, setMessage] = useState<string | null>(null);
  const start = (): void => {
    const result = actions.postmortem.startDraft(incident.id);
    setMessage(result.ok ? null : result.message);
  };
  if (!DRAFTABLE.includes(incident.status))
    return (
      <section className="panel postmortem__start">
        <p>
          The postmortem is drafted once the incident is resolved: its story needs an end (mitigation before
          resolution). Until then, keep the timeline and what you tried up to date: the draft is made from them.
        </p>
      </section>
    );
  return (
    <section className="panel postmortem__start" aria-labelledby="postmortem-start-title">
      <h3 id="postmortem-start-title">Draft the postmortem</h3>
      <p>
        A first draft is written from the event log: summary and impact, severity history, key times with Time to Detect
        / Acknowledge / Mitigate / Resolve, who held each role, the timeline, what was tried and how it went, mitigation
        versus resolution, and the follow-up actions. It is kept on this computer as you edit it (also with the hub
        unreachable) until you publish it.
      </p>
      {timelineStatus === 'ready' && (
        <button type="button" className="button button--primary" onClick={start}>
          Draft from the event log
        </button>
      )}
      {(timelineStatus === 'loading' || timelineStatus === 'idle') && (
        <p className="muted" role="status">
          Loading the incident’s events…
        </p>
      )}
      {timelineStatus === 'error' && (
        <>
          <p role="alert">
            The event log could not be loaded ({timelineError}). You can start from what this computer knows about the
            incident; the timeline and severity history will be missing from the draft.
          </p>
          <button type="button" className="button" onClick={start}>
            Draft without the event log
          </button>
        </>
      )}
      <FormError message={message} />
    </section>
  );
}
