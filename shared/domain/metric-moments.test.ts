import { describe, expect, it } from 'vitest';
import { incidentSchema } from './incident.js';
import { incidentsStateSchema } from './state.js';
import { TestHub, T0, minutesAfter } from './test-support.js';

const at = (minutes: number) => minutesAfter(T0, minutes);

describe('Incident.metricMoments, kept by the reducer', () => {
  it('keeps the first mitigation and resolution through a reopen, and the round ones apart', () => {
    const hub = new TestHub(at(0));
    hub.declare({ detectedAt: at(-5) });
    hub.advance(10).ok('incident.change_status', { status: 'mitigated' });
    hub.advance(10).ok('incident.change_status', { status: 'resolved' });
    hub.advance(40).ok('incident.change_status', { status: 'investigating', reason: 'Back again' });
    expect(hub.incident().metricMoments).toEqual({
      acknowledgedAt: at(0),
      firstMitigatedAt: at(10),
      firstResolvedAt: at(20),
      mitigatedAt: null,
      resolvedAt: null,
      closedAt: null,
    });
    // The live moments forget the first round; the metric ones must not.
    expect(hub.incident().moments).toMatchObject({ mitigatedAt: null, resolvedAt: null });
    hub.advance(20).ok('incident.change_status', { status: 'resolved' });
    expect(hub.incident().metricMoments).toMatchObject({
      firstResolvedAt: at(20),
      mitigatedAt: at(80),
      resolvedAt: at(80),
    });
  });

  it("keeps a person's time as sent, where the live moments clamp it to detection", () => {
    const hub = new TestHub(at(0));
    hub.ok('incident.declare', { title: 'Disk', severity: 'SEV-3', status: 'triage', detectedAt: at(0) });
    // Their clock is 3 minutes behind the moment detection was recorded.
    hub.advance(1).ok('incident.change_status', { status: 'investigating' }, { clientAt: at(-3) });
    expect(hub.incident().moments.acknowledgedAt).toBe(at(0));
    expect(hub.incident().metricMoments.acknowledgedAt).toBe(at(-3));
  });

  it('keeps the severity it was declared with', () => {
    const hub = new TestHub(at(0));
    hub.declare({ severity: 'SEV-3' });
    hub.ok('incident.change_severity', { severity: 'SEV-1', reason: 'Every region' });
    hub.ok('incident.change_severity', { severity: 'SEV-2', reason: 'One region left' });
    expect(hub.incident()).toMatchObject({ initialSeverity: 'SEV-3', highestSeverity: 'SEV-1', severity: 'SEV-2' });
  });
});

describe('an incident from a hub of the same protocol before metricMoments', () => {
  it('is read with them filled in from what it sent', () => {
    const hub = new TestHub(at(0));
    hub.declare({ severity: 'SEV-2' });
    hub.advance(10).ok('incident.change_status', { status: 'mitigated' });
    const { initialSeverity: _i, metricMoments: _m, ...older } = hub.incident();
    const read = incidentSchema.parse(JSON.parse(JSON.stringify(older)));
    expect(read.initialSeverity).toBe('SEV-2');
    expect(read.metricMoments).toEqual({
      acknowledgedAt: at(0),
      firstMitigatedAt: at(10),
      firstResolvedAt: null,
      mitigatedAt: at(10),
      resolvedAt: null,
      closedAt: null,
    });
    const state = incidentsStateSchema.parse({ seq: 2, nextNumber: 2, incidents: { [older.id]: older } });
    expect(state.incidents[older.id]?.metricMoments.firstMitigatedAt).toBe(at(10));
  });

  it('leaves an incident that has them as it is, and refuses one that is not an incident', () => {
    const hub = new TestHub(at(0));
    hub.declare();
    expect(incidentSchema.parse(JSON.parse(JSON.stringify(hub.incident())))).toEqual(hub.incident());
    expect(incidentSchema.safeParse({ id: 'x' }).success).toBe(false);
    expect(incidentSchema.safeParse('x').success).toBe(false);
  });
});
