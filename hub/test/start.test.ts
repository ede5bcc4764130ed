import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../dist/hub/cli.js', import.meta.url));

describe('npm start (warroom-hub start) without an Electron binary', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'warroom-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('says so plainly, keeps the hub running and prints a sign-in link that works', async () => {
    // Point the electron package at an empty folder, so this test never launches a real Electron.
    const child = spawn(process.execPath, [CLI, 'start', '--port', '0', '--data', dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: join(dataDir, 'no-electron-here') },
    });
    try {
      const stderr = await new Promise<string>((resolve, reject) => {
        let text = '';
        child.stderr.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('Ctrl+C')) resolve(text);
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}: ${text}`)));
      });
      expect(stderr).toMatch(/The desktop app cannot start here: the Electron binary is missing/);
      expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
      const link = /(http:\/\/127\.0\.0\.1:\d+)\/#token=(wr_\S+)/.exec(stderr);
      expect(link).not.toBeNull();
      const [, url, token] = link ?? [];
      const res = await fetch(`${url}/api/incidents`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ incidents: [] });
    } finally {
      child.kill('SIGTERM');
    }
  });
});
