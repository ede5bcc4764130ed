/**
 * Property-style test without a library (as shared/domain/decide.property.test.ts): seeded random command streams
 * aimed at what metrics measure (declarations and alerts, detection and impact moved, escalations, acknowledgements,
 * every status move including reopens and declines, people's clocks disagreeing) run through the hub-in-a-test.
 * After every step the metrics computed from the state alone must equal the ones folded from the log, the
 * definition. A failure names its seed and step to replay.
 */
import { describe, expect, it } from 'vitest';
import type { NormalizedAlert } from '../alerts/alert.js';
import { applyAll } from '../domain/apply.js';
import type { DomainEvent } from '../domain/events.js';
import { SEVERITIES } from '../domain/severity.js';
import { EMPTY_STATE, incidentsStateSchema } from '../domain/state.js';
import { STATUSES, nextStatuses } from '../domain/status.js';
import { SeededRandom, TestHub, alice, bob, carol, minutesAfter } from '../domain/test-support.js';
import { aggregateMetrics } from './aggregate.js';
import { incidentMetrics, metricsOfLog } from './incident-metrics.js';
import { metricsOfIncident, metricsOfState } from './state-metrics.js';

const PEOPLE = [alice, bob, carol];
const INCIDENT_IDS = ['inc-1', 'inc-2', 'inc-3', 'inc-4'];
const ALERT_KEYS = ['disk-full', 'cpu-hot'];

function alertOf(r: SeededRandom, now: string): NormalizedAlert {
  return {
    source: 'generic',
    key: r.pick(ALERT_KEYS),
    status: r.chance(0.8) ? 'firing' : 'resolved',
    title: 'Disk full on db-2',
    description: '',
    service: 'db',
    team: 'storage',
    impact: '',
    cause: '',
    runbookUrl: '',
    url: '',
    severity: r.pick(SEVERITIES),
    startsAt: minutesAfter(now, -r.int(30)),
    endsAt: null,
    labels: {},
  };
}

/** One random command, mostly of the kinds that move a metric; many are refused, which is part of the walk. */
function sendRandom(hub: TestHub, r: SeededRandom): void {
  const incidentId = r.pick(INCIDENT_IDS);
  const past = (max: number) => minutesAfter(hub.now, -r.int(max));
  // People's clocks: up to two hours behind the hub, or ahead (the hub clamps those to its own time).
  const options = { incidentId, actor: r.pick(PEOPLE), clientAt: minutesAfter(hub.now, r.int(130) - 120) };
  const kind = r.int(20);
  if (kind < 2)
    hub.send(
      'incident.declare',
      {
        title: `Incident ${r.int(100)}`,
        severity: r.pick(SEVERITIES),
        status: r.pick(['triage', 'investigating'] as const),
        impactStartedAt: r.chance(0.5) ? past(120) : null,
        detectedAt: r.chance(0.5) ? past(60) : null,
      },
      options,
    );
  else if (kind < 3)
    hub.send('alert.receive', { alert: alertOf(r, hub.now) }, { ...options, incidentId: `alert-${r.int(6)}` });
  else if (kind < 5)
    hub.send(
      'incident.update',
      r.pick([
        { title: r.pick(['A', 'B']) },
        { detectedAt: past(90) },
        { impactStartedAt: past(120) },
        { impactStartedAt: null },
      ]),
      options,
    );
  else if (kind < 7) hub.send('incident.change_severity', { severity: r.pick(SEVERITIES), reason: 'r' }, options);
  else if (kind < 8) hub.send('incident.acknowledge', {}, options);
  else if (kind < 9) hub.send('tried.add', { entryId: `e-${r.int(1000)}`, what: 'w', outcome: 'pending' }, options);
  else if (kind < 10) {
    // So that gated (SEV-1) incidents can be closed too.
    const current = hub.state.incidents[incidentId]?.postmortem?.revision ?? null;
    hub.send('postmortem.publish', { revision: `r-${r.int(1000)}`, baseRevision: current, markdown: '# PM' }, options);
  } else {
    // Mostly a move the incident can make, so that stories get far (mitigated, resolved, reopened, closed).
    const current = hub.state.incidents[incidentId]?.status;
    const next = current && r.chance(0.7) ? nextStatuses(current) : STATUSES;
    hub.send('incident.change_status', { status: r.pick(next.length > 0 ? next : STATUSES), reason: 'why' }, options);
  }
}

/** Resolutions whose person's time is before the mitigation they follow (their clocks disagree). */
function resolvedBeforeMitigation(log: readonly DomainEvent[]): number {
  const mitigated = new Map<string, number>();
  let count = 0;
  for (const e of log) {
    if (e.type !== 'incident.status_changed') continue;
    if (e.payload.to === 'mitigated') mitigated.set(e.incidentId, Date.parse(e.clientAt));
    if (e.payload.from === 'mitigated' && e.payload.to === 'resolved')
      count += Date.parse(e.clientAt) < (mitigated.get(e.incidentId) ?? -Infinity) ? 1 : 0;
  }
  return count;
}

const byNumber = <T extends { number: number }>(list: readonly T[]) => [...list].sort((a, b) => a.number - b.number);

describe('metrics from the state', () => {
  it('equal the metrics folded from the log, after every step of random streams', () => {
    const seen = {
      reopened: 0,
      declined: 0,
      closed: 0,
      skippedMitigation: 0,
      ackBeforeDetection: 0,
      resolvedBeforeMitigation: 0,
      alerts: 0,
    };
    for (let seed = 1; seed <= 120; seed += 1) {
      const r = new SeededRandom(seed);
      const hub = new TestHub();
      for (let step = 0; step < 80; step += 1) {
        const where = `seed ${seed}, step ${step}`;
        hub.advance(r.int(10));
        sendRandom(hub, r);
        expect(metricsOfState(hub.state), where).toEqual(byNumber(metricsOfLog(hub.log)));
      }
      const fromLog = metricsOfLog(hub.log);
      // Every incident alone, from its own events.
      for (const incident of Object.values(hub.state.incidents)) {
        const events: DomainEvent[] = hub.log.filter((e) => e.incidentId === incident.id);
        expect(metricsOfIncident(incident), `seed ${seed}: ${incident.id}`).toEqual(incidentMetrics(events));
      }
      // A checkpoint (the state as JSON, read back through the wire schema) and a replay give the same figures.
      const reread = incidentsStateSchema.parse(JSON.parse(JSON.stringify(hub.state)));
      expect(metricsOfState(reread), `seed ${seed}: checkpoint`).toEqual(byNumber(fromLog));
      expect(metricsOfState(applyAll(EMPTY_STATE, hub.log)), `seed ${seed}: replay`).toEqual(byNumber(fromLog));
      // And so do the aggregates, over a period that holds every incident.
      const period = { from: minutesAfter(hub.now, -7 * 24 * 60), to: minutesAfter(hub.now, 1) };
      expect(aggregateMetrics(metricsOfState(hub.state), period), `seed ${seed}: aggregate`).toEqual(
        aggregateMetrics(fromLog, period),
      );

      seen.resolvedBeforeMitigation += resolvedBeforeMitigation(hub.log);
      seen.declined += hub.log.filter(
        (e) => e.type === 'incident.status_changed' && e.payload.to === 'declined',
      ).length;
      for (const m of fromLog) {
        if (m.reopenCount > 0) seen.reopened += 1;
        if (m.status === 'closed') seen.closed += 1;
        if (m.incidentId.startsWith('alert-')) seen.alerts += 1;
        if (m.moments.firstMitigatedAt !== null && m.moments.firstMitigatedAt === m.moments.firstResolvedAt)
          seen.skippedMitigation += 1;
        const { acknowledgedAt, detectedAt } = m.moments;
        if (acknowledgedAt !== null && Date.parse(acknowledgedAt) < Date.parse(detectedAt))
          seen.ackBeforeDetection += 1;
      }
    }
    // The streams are only worth something if they reach the edge cases of docs/metrics.md.
    for (const [what, count] of Object.entries(seen)) expect(count, what).toBeGreaterThan(10);
  });
});
