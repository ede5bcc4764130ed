import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SEVERITY_MAPPING as DEFAULTS,
  mapSeverity,
  severityMappingFileSchema,
  severityMappingFrom,
} from './severity-mapping.js';

describe('mapSeverity with the default mapping', () => {
  it.each([
    ['critical', 'SEV-1'],
    ['P1', 'SEV-1'],
    ['fatal', 'SEV-1'],
    ['warning', 'SEV-2'],
    ['P2', 'SEV-2'],
    ['P3', 'SEV-2'],
    ['error', 'SEV-2'],
    ['info', 'SEV-3'],
    ['P4', 'SEV-3'],
    ['P5', 'SEV-3'],
    ['SEV-1', 'SEV-1'],
    ['sev 3', 'SEV-3'],
    ['  Critical ', 'SEV-1'],
  ])('maps %j to %s', (word, expected) => {
    expect(mapSeverity(DEFAULTS, 'alertmanager', [word])).toBe(expected);
  });

  it('rounds a missing severity up to SEV-2, not down to SEV-3', () => {
    expect(mapSeverity(DEFAULTS, 'generic', [])).toBe('SEV-2');
    expect(mapSeverity(DEFAULTS, 'generic', [undefined, null, '  '])).toBe('SEV-2');
  });

  it('rounds an unknown word up to SEV-2', () => {
    expect(mapSeverity(DEFAULTS, 'grafana', ['bananas'])).toBe('SEV-2');
  });

  it('takes the highest of several words: one critical series makes the group SEV-1', () => {
    expect(mapSeverity(DEFAULTS, 'alertmanager', ['warning', 'critical', 'warning'])).toBe('SEV-1');
    expect(mapSeverity(DEFAULTS, 'alertmanager', ['info', 'whatever'])).toBe('SEV-2');
    expect(mapSeverity(DEFAULTS, 'alertmanager', ['info', 'P5'])).toBe('SEV-3');
  });
});

describe('a severity-mapping.json laid over the defaults', () => {
  const mapping = severityMappingFrom(
    severityMappingFileSchema.parse({
      words: { Disaster: 'SEV-1', p3: 'SEV-3' },
      sources: { sentry: { error: 'SEV-3' } },
      missing: 'SEV-3',
      unknown: 'SEV-1',
    }),
  );

  it('adds and replaces words, case-insensitively, keeping the other defaults', () => {
    expect(mapSeverity(mapping, 'generic', ['disaster'])).toBe('SEV-1');
    expect(mapSeverity(mapping, 'generic', ['P3'])).toBe('SEV-3');
    expect(mapSeverity(mapping, 'generic', ['critical'])).toBe('SEV-1');
  });

  it('lets one source read a word its own way', () => {
    expect(mapSeverity(mapping, 'sentry', ['error'])).toBe('SEV-3');
    expect(mapSeverity(mapping, 'datadog', ['error'])).toBe('SEV-2');
  });

  it('uses the configured levels for missing and unknown words', () => {
    expect(mapSeverity(mapping, 'generic', [])).toBe('SEV-3');
    expect(mapSeverity(mapping, 'generic', ['bananas'])).toBe('SEV-1');
  });

  it('refuses a file with an unknown field, severity or source', () => {
    expect(severityMappingFileSchema.safeParse({ word: {} }).success).toBe(false);
    expect(severityMappingFileSchema.safeParse({ words: { critical: 'SEV-0' } }).success).toBe(false);
    expect(severityMappingFileSchema.safeParse({ sources: { nagios: {} } }).success).toBe(false);
  });

  it('is the defaults when the file is empty', () => {
    expect(severityMappingFrom({})).toEqual(DEFAULTS);
  });
});
