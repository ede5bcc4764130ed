import { describe, expect, it } from 'vitest';
import { applyAll } from '../shared/domain/apply.js';
import { domainEventSchema } from '../shared/domain/events.js';
import { EMPTY_STATE } from '../shared/domain/state.js';
import { metricsOfLog } from '../shared/metrics/incident-metrics.js';
import { metricsOfState } from '../shared/metrics/state-metrics.js';
import { metricsLog } from './metrics-log.js';

describe('metricsLog', () => {
  const now = Date.parse('2026-12-03T12:00:00.000Z');
  const events = [...metricsLog(3000, 300, now, 1000)].flat();

  it('is a valid log of the length asked for, in batches, that the reducer folds', () => {
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 3000 }, (_, i) => i + 1));
    for (const event of events.slice(0, 400)) expect(domainEventSchema.safeParse(event).success).toBe(true);
    const state = applyAll(EMPTY_STATE, events);
    expect(Object.keys(state.incidents)).toHaveLength(300);
    expect(metricsOfState(state)).toEqual(metricsOfLog(events));
  });

  it('has stories to measure: escalated, declined, reopened, over the year before now', () => {
    const metrics = metricsOfLog(events);
    expect(metrics.filter((m) => m.declined)).toHaveLength(15);
    expect(metrics.filter((m) => m.reopenCount > 0).length).toBeGreaterThan(10);
    expect(metrics.filter((m) => m.severity === 'SEV-1' && m.initialSeverity === 'SEV-2').length).toBeGreaterThan(10);
    const declared = metrics.map((m) => Date.parse(m.moments.declaredAt));
    expect(Math.max(...declared)).toBeLessThan(now);
    expect(Math.min(...declared)).toBeGreaterThan(now - 366 * 24 * 3600_000);
  });

  it('refuses a count too small for the stories', () => {
    expect(() => [...metricsLog(100, 300, now)]).toThrow(/more than 100/);
  });
});
