import { describe, expect, it } from 'vitest';
import { minutesAfter, T0, TestHub } from '../../../shared/domain/test-support.js';
import { incidentMetrics } from '../../../shared/metrics/incident-metrics.js';
import { formatSeconds, MEASURES, missingReason, toMinutes } from './metrics-format.js';

describe('formatSeconds', () => {
  it.each([
    [0, '0 s'],
    [0.4, '0 s'],
    [45, '45 s'],
    [59.6, '1 min'],
    [250, '4 min 10 s'],
    [250.4, '4 min 10 s'],
    [600, '10 min'],
    [3600, '1 h'],
    [7680, '2 h 8 min'],
    [7699, '2 h 8 min'],
    [86_400 + 3 * 3600 + 59, '1 d 3 h'],
    [2 * 86_400 + 30, '2 d'],
  ])('%s s is "%s"', (seconds, text) => {
    expect(formatSeconds(seconds)).toBe(text);
  });

  it('never shows a negative duration', () => {
    expect(formatSeconds(-5)).toBe('0 s');
  });
});

describe('toMinutes', () => {
  it('gives minutes for the axis and keeps a missing value missing', () => {
    expect(toMinutes(90)).toBe(1.5);
    expect(toMinutes(0)).toBe(0);
    expect(toMinutes(null)).toBeNull();
  });
});

describe('missingReason', () => {
  it('names the moment that is missing', () => {
    // Declared from an alert in triage: no impact start, nobody has acknowledged it yet.
    const hub = new TestHub();
    hub.declare({ status: 'triage' });
    const open = incidentMetrics(hub.log);
    expect([open.ttdSeconds, open.ttaSeconds, open.ttmSeconds, open.ttrSeconds]).toEqual([null, null, null, null]);
    expect(MEASURES.map((m) => missingReason(open, m.key))).toEqual([
      'nobody recorded when the impact started',
      'not acknowledged yet',
      'not mitigated yet',
      'not resolved yet',
    ]);
  });

  it('says a declined incident was never acknowledged, mitigated or resolved', () => {
    const hub = new TestHub();
    hub.declare({ status: 'triage', impactStartedAt: minutesAfter(T0, -3) });
    hub.advance(5).ok('incident.change_status', { status: 'declined', reason: 'Flapping alert' });
    const declined = incidentMetrics(hub.log);
    expect(declined.declined).toBe(true);
    expect(MEASURES.slice(1).map((m) => missingReason(declined, m.key))).toEqual([
      'declined in triage without being acknowledged',
      'declined in triage, never mitigated',
      'declined in triage, never resolved',
    ]);
  });
});
