import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SEVERITY_MAPPING, mapSeverity } from '../../shared/alerts/severity-mapping.js';
import { startTestHub } from '../test/support/test-hub.js';
import { createIntegrationToken, postWebhook } from '../test/support/webhooks.js';
import { loadSeverityMapping, severityMappingFile, SeverityMappingError } from './severity-config.js';

describe('severity-mapping.json in the data folder', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'warroom-severity-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));
  const write = (text: string) => writeFileSync(severityMappingFile(dataDir), text);

  it('is optional: without it the defaults apply', () => {
    expect(loadSeverityMapping(dataDir)).toEqual({ mapping: DEFAULT_SEVERITY_MAPPING, file: null });
  });

  it('is laid over the defaults', () => {
    write(JSON.stringify({ words: { warning: 'SEV-3' }, sources: { datadog: { p3: 'SEV-3' } }, missing: 'SEV-1' }));
    const { mapping, file } = loadSeverityMapping(dataDir);
    expect(file).toBe(severityMappingFile(dataDir));
    expect(mapSeverity(mapping, 'alertmanager', ['warning'])).toBe('SEV-3');
    expect(mapSeverity(mapping, 'datadog', ['P3'])).toBe('SEV-3');
    expect(mapSeverity(mapping, 'grafana', ['P3'])).toBe('SEV-2');
    expect(mapSeverity(mapping, 'grafana', [])).toBe('SEV-1');
  });

  it('stops the hub with the reason when it is not JSON or not the documented shape', () => {
    write('{ "words": ');
    expect(() => loadSeverityMapping(dataDir)).toThrow(SeverityMappingError);
    expect(() => loadSeverityMapping(dataDir)).toThrow(/not valid JSON/);
    write(JSON.stringify({ words: { warning: 'SEV-4' } }));
    expect(() => loadSeverityMapping(dataDir)).toThrow(/not a severity mapping/);
  });

  it('decides the severity of the incidents the hub declares from alerts', async () => {
    write(JSON.stringify({ words: { warning: 'SEV-3' } }));
    const t = await startTestHub({ dataDir });
    try {
      const token = await createIntegrationToken(dataDir, 'generic');
      const body = JSON.stringify({ key: 'disk', title: 'Disk 80% full', severity: 'warning' });
      expect((await postWebhook(t.hub.url, 'generic', body, { token })).status).toBe(202);
      await expect.poll(() => Object.values(t.hub.state().incidents).map((i) => i.severity)).toEqual(['SEV-3']);
    } finally {
      await t.hub.close();
    }
  });
});
