import { describe, expect, it } from 'vitest';
import { TestHub, minutesAfter, T0 } from '../domain/test-support.js';
import { csvField, metricsCsv } from './csv.js';
import { incidentMetrics } from './incident-metrics.js';

describe('metricsCsv', () => {
  it('writes a header and one row per incident, missing durations empty', () => {
    const hub = new TestHub();
    hub.declare({ severity: 'SEV-3', impactStartedAt: minutesAfter(T0, -2) });
    hub.now = minutesAfter(T0, 1.5);
    hub.ok('incident.change_severity', { severity: 'SEV-2', reason: 'Spreading' });
    hub.ok('incident.change_status', { status: 'mitigated' });
    expect(metricsCsv([incidentMetrics(hub.log)])).toBe(
      'id,label,severity,declaredAt,ttd_s,tta_s,ttm_s,ttr_s,reopened,declined\r\n' +
        'inc-1,INC-1,SEV-2,2025-03-01T10:00:00.000Z,120,0,90,,0,false\r\n',
    );
  });

  it('is only the header without incidents', () => {
    expect(metricsCsv([])).toBe('id,label,severity,declaredAt,ttd_s,tta_s,ttm_s,ttr_s,reopened,declined\r\n');
  });
});

describe('csvField', () => {
  it('quotes only what needs it', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(1.25)).toBe('1.25');
    expect(csvField(true)).toBe('true');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });
});
