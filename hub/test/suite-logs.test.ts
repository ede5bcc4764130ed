import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUITE_LOG_DIR_ENV } from './support/suite-logs.js';
import { startTestHub } from './support/test-hub.js';
import { connectClient } from './support/test-client.js';
import { startHubProcess } from './support/hub-process.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

/** The secrets check after the run (global setup) is worth something only if the hubs' lines really land there. */
describe("the test run's logs", () => {
  const dir = process.env[SUITE_LOG_DIR_ENV];

  it('receive the lines of in-process test hubs and of hub processes, at debug level', async () => {
    expect(dir, `${SUITE_LOG_DIR_ENV} is set by hub/test/support/global-setup.ts`).toBeTruthy();
    const t = await startTestHub();
    const client = await connectClient(t.hub.url, t.tokens.responder);
    client.close();
    await t.close();
    const child = await startHubProcess(mkdtempSync(join(tmpdir(), 'warroom-logs-')), ['--no-local-token']);
    await fetch(`${child.url}/api/webhooks/grafana?token=wr_${'x'.repeat(43)}`, { method: 'POST', body: '{}' });
    await child.stop();
    const all = readdirSync(dir!)
      .filter((n) => n.endsWith('.log'))
      .map((n) => readFileSync(join(dir!, n), 'utf8'))
      .join('');
    expect(all).toContain('"msg":"hub listening"');
    expect(all).toContain('"msg":"client connected"');
    expect(all).toContain(`"port":${new URL(child.url).port}`);
  });
});
