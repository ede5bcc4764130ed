import { stampEvents, type DomainEvent, type EventDraft } from '../../../shared/domain/events.js';

const AT = '2026-11-02T09:00:00.000Z';
const ACTOR = { id: 'u-seed', name: 'Seed' };

/**
 * A long, valid event log made without a hub: `incidents` incidents declared, then "what we've tried" entries spread
 * over them up to `count` events. For node-start tests and the start-time benchmark, where writing a million events
 * through commands would take longer than what is measured.
 */
export function* syntheticLog(count: number, incidents = 1000, batch = 5000): Generator<DomainEvent[]> {
  let seq = 1;
  let pending: EventDraft[] = [];
  const flush = (): DomainEvent[] => {
    const events = stampEvents(pending, { firstSeq: seq, at: AT, clientAt: AT, actor: ACTOR, commandId: null });
    seq += events.length;
    pending = [];
    return events;
  };
  for (let n = 0; n < count; n++) {
    const incident = n % incidents;
    const incidentId = `syn-${incident}`;
    pending.push(
      n < incidents
        ? {
            type: 'incident.declared',
            incidentId,
            payload: {
              number: incident + 1,
              title: `Synthetic incident ${incident + 1}`,
              severity: 'SEV-3',
              status: 'investigating',
              summary: '',
              impact: '',
              service: 'synthetic',
              team: '',
              impactStartedAt: null,
              detectedAt: AT,
            },
          }
        : {
            type: 'tried.added',
            incidentId,
            payload: { entryId: `e${n}`, what: `Attempt ${n}`, hypothesis: '', outcome: 'pending' },
          },
    );
    if (pending.length === batch) yield flush();
  }
  if (pending.length > 0) yield flush();
}
