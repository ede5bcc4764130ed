import { stampEvents, type DomainEvent, type EventDraft } from '../shared/domain/events.js';
import type { Severity } from '../shared/domain/severity.js';
import type { Status } from '../shared/domain/status.js';

const ACTOR = { id: 'u-seed', name: 'Seed' };
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const SEVERITIES: readonly Severity[] = ['SEV-3', 'SEV-2', 'SEV-3', 'SEV-1', 'SEV-3'];

/** One event of a story and when it happened (ms). */
interface Timed {
  readonly at: number;
  readonly draft: EventDraft;
}

/**
 * A long, valid event log with something to measure, made without a hub (as synthetic-log.ts does): `incidents`
 * incidents declared over the year before `now` (the newest a day before it), each with a story that moves its
 * metrics (escalations, triage alerts acknowledged or declined, mitigations, resolutions, reopens), then "what we've
 * tried" entries spread over them up to `count` events in all.
 */
export function* metricsLog(count: number, incidents: number, now: number, batch = 5000): Generator<DomainEvent[]> {
  let seq = 1;
  let pending: DomainEvent[] = [];
  const add = ({ at, draft }: Timed): DomainEvent[] | null => {
    const iso = new Date(at).toISOString();
    pending.push(...stampEvents([draft], { firstSeq: seq, at: iso, clientAt: iso, actor: ACTOR, commandId: null }));
    seq += 1;
    if (pending.length < batch) return null;
    const full = pending;
    pending = [];
    return full;
  };
  for (let i = 0; i < incidents; i++) {
    for (const timed of story(i, now - DAY - Math.floor((i / incidents) * 364 * DAY))) {
      const full = add(timed);
      if (full) yield full;
    }
  }
  if (seq > count) throw new Error(`the stories of ${incidents} incidents take ${seq - 1} events, more than ${count}`);
  for (let n = 0; seq <= count; n++) {
    const incidentId = idOf(n % incidents);
    const payload = { entryId: `e${n}`, what: `Attempt ${n}`, hypothesis: '', outcome: 'pending' as const };
    const full = add({ at: now - DAY, draft: { type: 'tried.added', incidentId, payload } });
    if (full) yield full;
  }
  if (pending.length > 0) yield pending;
}

const idOf = (i: number) => `met-${i}`;

/** Incident i's events from its declaration at `declared` (ms): 2 to 7 of them, by i. */
function story(i: number, declared: number): Timed[] {
  const incidentId = idOf(i);
  const severity = SEVERITIES[i % SEVERITIES.length] ?? 'SEV-3';
  const triage = i % 10 === 0;
  const iso = (minutes: number) => new Date(declared + minutes * MIN).toISOString();
  const events: Timed[] = [];
  const status = (minutes: number, from: Status, to: Status) =>
    events.push({
      at: declared + minutes * MIN,
      draft: { type: 'incident.status_changed', incidentId, payload: { from, to, reason: 'bench' } },
    });
  events.push({
    at: declared,
    draft: {
      type: 'incident.declared',
      incidentId,
      payload: {
        number: i + 1,
        title: `Bench incident ${i + 1}`,
        severity,
        status: triage ? 'triage' : 'investigating',
        summary: '',
        impact: '',
        service: `service-${i % 7}`,
        team: '',
        impactStartedAt: i % 7 === 0 ? null : iso(triage ? -4 : -20),
        detectedAt: iso(triage ? 0 : -5),
      },
    },
  });
  if (i % 5 === 1)
    events.push({
      at: declared + 10 * MIN,
      draft: { type: 'incident.severity_changed', incidentId, payload: { from: severity, to: 'SEV-1', reason: 'b' } },
    });
  if (triage && i % 20 === 0) {
    status(15, 'triage', 'declined');
    return events;
  }
  if (triage) {
    events.push({ at: declared + 3 * MIN, draft: { type: 'incident.acknowledged', incidentId, payload: {} } });
    status(6, 'triage', 'investigating');
  }
  status(30 + (i % 60), 'investigating', 'mitigated');
  status(90 + (i % 120), 'mitigated', 'resolved');
  if (i % 15 === 0) {
    status(240, 'resolved', 'investigating');
    status(300, 'investigating', 'resolved');
  }
  return events;
}
