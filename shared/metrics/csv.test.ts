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

  it('neutralises ids and labels that a spreadsheet would take for a formula', () => {
    const hub = new TestHub();
    hub.declare({ severity: 'SEV-3' });
    const row = { ...incidentMetrics(hub.log), incidentId: '=cmd|x', label: '@SUM(A1)' };
    expect(metricsCsv([row]).split('\r\n')[1]).toBe("'=cmd|x,'@SUM(A1),SEV-3,2025-03-01T10:00:00.000Z,,0,,,0,false");
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

  it.each([
    ['=1+1', "'=1+1"],
    ['+41 555', "'+41 555"],
    ['-2', "'-2"],
    ['-abc_1', "'-abc_1"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['=a,b', `"'=a,b"`],
  ])('prefixes %j, which starts like a formula, with a quote', (value, written) => {
    expect(csvField(value)).toBe(written);
  });

  it('leaves what does not start like a formula, and its own numbers and booleans, as they are', () => {
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField('INC-12')).toBe('INC-12');
    expect(csvField(' =1')).toBe(' =1');
    expect(csvField(0)).toBe('0');
    expect(csvField(false)).toBe('false');
  });
});
