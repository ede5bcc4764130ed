import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { DomainEvent } from '../../../shared/domain/events.js';
import type { Incident } from '../../../shared/domain/incident.js';
import { findIncident } from '../../../shared/domain/state.js';
import { since } from '../../../shared/time/durations.js';
import {
  describeEvent,
  EVENT_KIND_LABELS,
  EVENT_KINDS,
  eventKind,
  type EventKind,
} from '../../../shared/timeline/describe-event.js';
import { describeCommand } from '../../messages.js';
import { useActions, useAppStore } from '../../store/store-context.js';
import type { AppState } from '../../store/app-state.js';
import { pendingOf, selectIncident } from '../../store/selectors.js';
import { Time } from '../common/bits.js';
import { useNow } from '../common/use-now.js';
import { VirtualList } from '../common/virtual-list.js';

const NO_EVENTS: readonly DomainEvent[] = [];

/** Every event in plain words, newest first, filterable by kind; our own changes not yet confirmed on top. */
export function TimelinePanel({ incidentId }: { incidentId: string }) {
  const setTimelineFilter = useAppStore((s) => s.setTimelineFilter);
  const actions = useActions();
  const events = useAppStore((s) => (s.timelineIncidentId === incidentId ? s.timelineEvents : NO_EVENTS));
  const status = useAppStore((s) => s.timelineStatus);
  const error = useAppStore((s) => s.timelineError);
  const filter = useAppStore((s) => s.timelineFilter);
  const incident = useAppStore(selectIncident(incidentId));
  const unconfirmed = useAppStore((s) => findIncident(s.confirmed.incidents, incidentId) === undefined);
  const queued = useAppStore(useShallow((s) => pendingOf(s.pending, incidentId)));
  const kinds = useMemo(() => events.map(eventKind), [events]);
  const counts = useMemo(() => {
    const byKind = Object.fromEntries(EVENT_KINDS.map((k) => [k, 0])) as Record<EventKind, number>;
    for (const kind of kinds) byKind[kind] += 1;
    return byKind;
  }, [kinds]);
  const shown = useMemo(() => {
    const positions: number[] = [];
    for (let i = events.length - 1; i >= 0; i--) if (filter === 'all' || kinds[i] === filter) positions.push(i);
    return positions;
  }, [events, kinds, filter]);
  const eventAt = (i: number): DomainEvent => events[shown[i] ?? -1] as DomainEvent;

  return (
    <section
      className="panel timeline"
      aria-labelledby="timeline-title"
      data-status={status}
      data-count={events.length}
    >
      <div className="panel__head">
        <h3 id="timeline-title">Timeline</h3>
        <label className="field field--inline">
          <span>Show</span>
          <select
            id="timeline-filter"
            value={filter}
            onChange={(e) => setTimelineFilter(e.target.value as AppState['timelineFilter'])}
          >
            <option value="all">Everything ({events.length})</option>
            {EVENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {EVENT_KIND_LABELS[k]} ({counts[k]})
              </option>
            ))}
          </select>
        </label>
      </div>
      {queued.length > 0 && (
        <ul className="timeline__queued" aria-label="Not yet confirmed by the hub">
          {queued.map((q) => (
            <li key={q.commandId} data-queued="true">
              <span className="tag tag--pending">pending</span> {describeCommand(q)}
            </li>
          ))}
        </ul>
      )}
      {status === 'error' && (
        <p className="timeline__error">
          The full timeline could not be loaded{error ? `: ${error}` : ''}. New events still appear below.{' '}
          <button type="button" className="button button--small" onClick={() => actions.reloadTimeline()}>
            Try again
          </button>
        </p>
      )}
      {unconfirmed && events.length === 0 ? (
        <p className="muted">The hub has not confirmed this incident yet: its timeline starts when it does.</p>
      ) : status === 'loading' && events.length === 0 ? (
        <p className="muted" role="status">
          Loading the timeline…
        </p>
      ) : shown.length === 0 ? (
        <p className="muted">{events.length === 0 ? 'Nothing on the timeline yet.' : 'No event of this kind.'}</p>
      ) : (
        <VirtualList
          label="Timeline"
          className="timeline__list"
          count={shown.length}
          estimateSize={48}
          itemKey={(i) => String(eventAt(i).seq)}
          itemData={(i) => ({ 'data-seq': String(eventAt(i).seq), 'data-kind': kinds[shown[i] ?? -1] })}
          renderItem={(i) => <TimelineEntry event={eventAt(i)} incident={incident} />}
        />
      )}
    </section>
  );
}

function TimelineEntry({ event, incident }: { event: DomainEvent; incident: Incident | null }) {
  const now = useNow(15_000);
  const kind = eventKind(event);
  return (
    <div className={`timeline__entry timeline__entry--${kind}`}>
      <span className="timeline__when">
        <Time at={event.clientAt} />
        <span className="muted small">{since(event.clientAt, now)} ago</span>
      </span>
      <span className="timeline__text">
        <span className={`kind kind--${kind}`}>{EVENT_KIND_LABELS[kind]}</span>{' '}
        {describeEvent(event, incident ?? undefined)}
      </span>
    </div>
  );
}
