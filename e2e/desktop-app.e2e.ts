import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { locateElectron } from '../hub/cli/electron-binary.js';
import { startE2eHub, type E2eHub } from './support/hub-process.js';
import { waitForConnection, declareIncident } from './support/warroom-page.js';

const APP_ROOT = fileURLToPath(new URL('../', import.meta.url));
const electron = locateElectron();
if (!electron.found)
  console.warn(
    `SKIPPED desktop-app.e2e.ts: the Electron binary is not installed here (${electron.reason}). ` +
      'This test launches the real desktop app on a machine where `npm install` could download Electron.',
  );

describe('the desktop app (real Electron)', () => {
  let hub: E2eHub | undefined;
  let app: ElectronApplication | undefined;
  const profile = mkdtempSync(join(tmpdir(), 'warroom-electron-'));
  afterAll(async () => {
    await app?.close();
    await hub?.dispose();
    rmSync(profile, { recursive: true, force: true });
  });

  it.skipIf(!electron.found)(
    'connects to the local hub with its token file, runs sandboxed, and sends a command from the UI',
    async () => {
      if (!electron.found) return;
      hub = await startE2eHub([{ name: 'local-admin', role: 'admin' }]);
      const tokenFile = join(profile, 'local-admin.token');
      writeFileSync(tokenFile, `${hub.token('local-admin')}\n`, { mode: 0o600 });
      app = await _electron.launch({
        executablePath: electron.path,
        args: [APP_ROOT],
        env: {
          ...process.env,
          WARROOM_HUB_URL: hub.url,
          WARROOM_LOCAL_TOKEN_FILE: tokenFile,
          WARROOM_USER_DATA: join(profile, 'user-data'),
        },
      });
      const page = await app.firstWindow();
      await waitForConnection(page, { connection: 'online', pending: 0 });

      // In the page: no Node, no require, no process, only the named facade from the preload.
      const exposed = await page.evaluate(() => {
        const g = globalThis as unknown as Record<string, unknown>;
        return {
          require: typeof g.require,
          process: typeof g.process,
          api: Object.keys((g.warroom as object | undefined) ?? {}).sort(),
        };
      });
      expect(exposed.require).toBe('undefined');
      expect(exposed.process).toBe('undefined');
      expect(exposed.api).toContain('sendCommand');
      expect(exposed.api).not.toContain('invoke');

      await declareIncident(page, { title: 'Desktop declared', severity: 'SEV-2' });
      await waitForConnection(page, { connection: 'online', pending: 0 });
      const list = await hub.api<{ incidents: { title: string }[] }>('/api/incidents', 'local-admin');
      expect(list.incidents.map((i) => i.title)).toContain('Desktop declared');
    },
  );
});
