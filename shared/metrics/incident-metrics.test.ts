import { describe, expect, it } from 'vitest';
import type { NormalizedAlert } from '../alerts/alert.js';
import { T0, TestHub, bob, eventOf, minutesAfter, declaredPayload } from '../domain/test-support.js';
import { incidentMetrics, metricsOfLog, secondsBetween } from './incident-metrics.js';

const at = (minutes: number) => minutesAfter(T0, minutes);

/** A hub in a test whose clock is set to T0 + minutes before each step. */
class Hub extends TestHub {
  at(minutes: number): this {
    this.now = at(minutes);
    return this;
  }
}

const hubAt = (minutes = 0) => new Hub(at(minutes));

const alert = (overrides: Partial<NormalizedAlert> = {}): NormalizedAlert => ({
  source: 'generic',
  key: 'disk-full',
  status: 'firing',
  title: 'Disk full on db-2',
  description: '',
  service: 'db',
  team: 'storage',
  impact: '',
  cause: '',
  runbookUrl: '',
  url: '',
  severity: 'SEV-3',
  startsAt: at(-4),
  endsAt: null,
  labels: {},
  ...overrides,
});

describe('incidentMetrics', () => {
  it('measures TTD, TTA, TTM and TTR from detection, in seconds', () => {
    const hub = hubAt(0);
    hub.declare({ impactStartedAt: at(-20), detectedAt: at(-5) });
    hub.at(30).ok('incident.change_status', { status: 'mitigated' });
    hub.at(90).ok('incident.change_status', { status: 'resolved' });
    hub.at(120).ok('incident.change_status', { status: 'closed' });
    const m = incidentMetrics(hub.log);
    expect(m).toMatchObject({
      incidentId: 'inc-1',
      label: 'INC-1',
      title: 'Checkout is failing',
      severity: 'SEV-2',
      status: 'closed',
      declined: false,
      reopenCount: 0,
      ttdSeconds: 15 * 60,
      // Declared as investigating: acknowledged at declaration, 5 minutes after detection.
      ttaSeconds: 5 * 60,
      ttmSeconds: 35 * 60,
      ttrSeconds: 95 * 60,
      ttfrSeconds: 95 * 60,
    });
    expect(m.moments).toEqual({
      impactStartedAt: at(-20),
      detectedAt: at(-5),
      declaredAt: at(0),
      acknowledgedAt: at(0),
      firstMitigatedAt: at(30),
      firstResolvedAt: at(90),
      finalResolvedAt: at(90),
      closedAt: at(120),
    });
  });

  it('gives null, never zero, for moments that are missing', () => {
    const hub = hubAt(0);
    hub.ok('alert.receive', { alert: alert({ startsAt: at(0) }) });
    hub.ok('incident.update', { impactStartedAt: null });
    const m = incidentMetrics(hub.log);
    expect(m.status).toBe('triage');
    expect([m.ttdSeconds, m.ttaSeconds, m.ttmSeconds, m.ttrSeconds, m.ttfrSeconds]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(m.moments).toMatchObject({ impactStartedAt: null, acknowledgedAt: null, firstMitigatedAt: null });
  });

  it('keeps a duration that happened at once as 0, not null', () => {
    const hub = hubAt(0);
    hub.declare();
    expect(incidentMetrics(hub.log).ttaSeconds).toBe(0);
  });

  describe('acknowledgement', () => {
    it('is the first incident.acknowledged for an alert in triage', () => {
      const hub = hubAt(0);
      hub.ok('alert.receive', { alert: alert() });
      hub.at(3).ok('incident.acknowledge', {});
      hub.at(7).ok('incident.change_status', { status: 'investigating' });
      const m = incidentMetrics(hub.log);
      expect(m.moments.acknowledgedAt).toBe(at(3));
      expect(m.ttaSeconds).toBe(180);
      expect(m.ttdSeconds).toBe(240);
    });

    it('is the first move from triage to investigating when nobody pressed Acknowledge', () => {
      const hub = hubAt(0);
      hub.ok('alert.receive', { alert: alert() });
      hub.at(6).ok('incident.change_status', { status: 'investigating' });
      expect(incidentMetrics(hub.log).ttaSeconds).toBe(360);
    });

    it('is the declaration for an incident declared as investigating', () => {
      const hub = hubAt(0);
      hub.declare({ detectedAt: at(-2) });
      expect(incidentMetrics(hub.log).moments.acknowledgedAt).toBe(at(0));
    });
  });

  describe('a reopened incident', () => {
    function reopened(): Hub {
      const hub = hubAt(0);
      hub.declare();
      hub.at(10).ok('incident.change_status', { status: 'mitigated' });
      hub.at(20).ok('incident.change_status', { status: 'resolved' });
      hub.at(60).ok('incident.change_status', { status: 'investigating', reason: 'Errors are back' });
      hub.at(70).ok('incident.change_status', { status: 'mitigated' });
      return hub;
    }

    it('measures TTM and TTR to the first mitigation and resolution, which the reducer forgets', () => {
      const hub = reopened();
      hub.at(100).ok('incident.change_status', { status: 'resolved' });
      const m = incidentMetrics(hub.log);
      expect(hub.incident().moments.mitigatedAt).toBe(at(70));
      expect(m).toMatchObject({ reopenCount: 1, ttmSeconds: 600, ttrSeconds: 1200, ttfrSeconds: 6000 });
      expect(m.moments).toMatchObject({ firstMitigatedAt: at(10), firstResolvedAt: at(20), finalResolvedAt: at(100) });
      expect(m.reopenCount).toBe(hub.incident().reopenCount);
    });

    it('has no final resolution while it is open again', () => {
      const m = incidentMetrics(reopened().log);
      expect(m).toMatchObject({ status: 'mitigated', ttrSeconds: 1200, ttfrSeconds: null });
      expect(m.moments.finalResolvedAt).toBeNull();
    });

    it('counts each reopen, from resolved or from mitigated', () => {
      const hub = reopened();
      hub.at(80).ok('incident.change_status', { status: 'investigating', reason: 'Still failing' });
      hub.at(90).ok('incident.change_status', { status: 'resolved' });
      const m = incidentMetrics(hub.log);
      expect(m.reopenCount).toBe(2);
      // Resolved straight from investigating: that resolution mitigated too.
      expect(m.ttfrSeconds).toBe(90 * 60);
    });
  });

  it('groups under the highest severity reached, and keeps the first and the last', () => {
    const hub = hubAt(0);
    hub.declare({ severity: 'SEV-3' });
    hub.at(5).ok('incident.change_severity', { severity: 'SEV-1', reason: 'All regions' });
    hub.at(50).ok('incident.change_severity', { severity: 'SEV-2', reason: 'One region left' });
    expect(incidentMetrics(hub.log)).toMatchObject({
      severity: 'SEV-1',
      initialSeverity: 'SEV-3',
      finalSeverity: 'SEV-2',
    });
  });

  describe('a declined triage incident', () => {
    it('is declined, with no acknowledgement', () => {
      const hub = hubAt(0);
      hub.ok('alert.receive', { alert: alert() });
      hub.at(12).ok('incident.change_status', { status: 'declined', reason: 'Expected: nightly batch' });
      const m = incidentMetrics(hub.log);
      expect(m).toMatchObject({ declined: true, status: 'declined', ttaSeconds: null, reopenCount: 0 });
      expect(m.moments.closedAt).toBe(at(12));
    });

    it('is a real incident once reopened, acknowledged by the reopen', () => {
      const hub = hubAt(0);
      hub.ok('alert.receive', { alert: alert() });
      hub.at(12).ok('incident.change_status', { status: 'declined', reason: 'Expected' });
      hub.at(30).ok('incident.change_status', { status: 'investigating', reason: 'It was not the batch' });
      const m = incidentMetrics(hub.log);
      expect(m).toMatchObject({ declined: false, status: 'investigating', reopenCount: 1, ttaSeconds: 30 * 60 });
      expect(m.moments.closedAt).toBeNull();
    });
  });

  it('uses the latest impact start and detection time given', () => {
    const hub = hubAt(0);
    hub.declare({ impactStartedAt: at(-30), detectedAt: at(-10) });
    hub.at(20).ok('incident.change_status', { status: 'mitigated' });
    hub.at(25).ok('incident.update', { impactStartedAt: at(-40), detectedAt: at(-15) });
    const m = incidentMetrics(hub.log);
    expect(m.moments).toMatchObject({ impactStartedAt: at(-40), detectedAt: at(-15) });
    expect(m).toMatchObject({ ttdSeconds: 25 * 60, ttaSeconds: 15 * 60, ttmSeconds: 35 * 60 });
  });

  it('never gives a negative duration when clocks disagree', () => {
    const hub = hubAt(0);
    hub.declare();
    hub.at(30).ok('incident.change_status', { status: 'mitigated' });
    // Bob's clock is 20 minutes behind: his resolution says it came before the mitigation.
    hub.at(40).ok('incident.change_status', { status: 'resolved' }, { actor: bob, clientAt: at(20) });
    // Detection moved after the acknowledgement (a corrected time).
    hub.at(45).ok('incident.update', { detectedAt: at(5) });
    const m = incidentMetrics(hub.log);
    expect(m.moments.firstResolvedAt).toBe(at(30));
    expect(m).toMatchObject({ ttaSeconds: 0, ttmSeconds: 25 * 60, ttrSeconds: 25 * 60 });
  });

  it('reads the events in seq order whatever order they come in', () => {
    const hub = hubAt(0);
    hub.declare();
    hub.at(10).ok('incident.change_status', { status: 'resolved' });
    expect(incidentMetrics([...hub.log].reverse())).toEqual(incidentMetrics(hub.log));
  });

  it('refuses events without a declaration, or of several incidents', () => {
    const hub = hubAt(0);
    hub.declare();
    expect(() => incidentMetrics([])).toThrow(/incident.declared/);
    expect(() => incidentMetrics(hub.log.slice(1))).toThrow(/incident.declared/);
    const other = eventOf('incident.declared', declaredPayload({ number: 2 }), { seq: 99, incidentId: 'inc-2' });
    expect(() => incidentMetrics([...hub.log, other])).toThrow(/mixed/);
  });
});

describe('metricsOfLog', () => {
  it('splits a log of many incidents, in declaration order', () => {
    const hub = hubAt(0);
    hub.declare({}, { incidentId: 'inc-b' });
    hub.at(1).declare({ severity: 'SEV-1' }, { incidentId: 'inc-a' });
    hub.at(2).ok('incident.change_status', { status: 'mitigated' }, { incidentId: 'inc-b' });
    const all = metricsOfLog([...hub.log].reverse());
    expect(all.map((m) => [m.incidentId, m.label, m.severity, m.ttmSeconds])).toEqual([
      ['inc-b', 'INC-1', 'SEV-2', 120],
      ['inc-a', 'INC-2', 'SEV-1', null],
    ]);
  });
});

describe('secondsBetween', () => {
  it('is null when either moment is missing and never negative', () => {
    expect(secondsBetween(null, T0)).toBeNull();
    expect(secondsBetween(T0, null)).toBeNull();
    expect(secondsBetween(T0, '2025-03-01T10:00:01.250Z')).toBe(1.25);
    expect(secondsBetween('2025-03-01T10:00:01.250Z', T0)).toBe(0);
  });
});
