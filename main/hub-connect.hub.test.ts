// The connect flow against a real hub: the built CLI (dist/hub/cli.js, built by vitest's global setup) run as
// its own process, the real SyncEngine, FileStorage and fetch. main/ may not import hub/, so the hub is only
// ever a process here.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncEngine } from '../shared/sync/sync-engine.js';
import { FileStorage } from './file-storage.js';
import { openHubConnection, type ConnectDeps } from './hub-connect.js';
import { localHubLocation, readLocalHubCredentials } from './local-hub.js';

const CLI = fileURLToPath(new URL('../dist/hub/cli.js', import.meta.url));

let dir: string;
let hub: ChildProcess;
let hubUrl: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'warroom-main-'));
  hub = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data', join(dir, 'hub')], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, WARROOM_LOG_LEVEL: 'warn' },
  });
  hubUrl = await new Promise<string>((resolve, reject) => {
    let stderr = '';
    hub.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const url = /Warroom hub on (http:\/\/\S+)/.exec(stderr)?.[1];
      if (url) resolve(url);
    });
    hub.once('exit', (code) => reject(new Error(`hub exited with ${code}: ${stderr}`)));
  });
});

afterAll(async () => {
  if (hub.exitCode === null) {
    const exited = new Promise((resolve) => hub.once('exit', resolve));
    hub.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

function deps(): ConnectDeps {
  const storage = new FileStorage(join(dir, 'sync'));
  return {
    fetch: (url, init) => fetch(url, init),
    timers: {
      set: (callback, ms) => setTimeout(callback, ms),
      clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
    },
    createEngine: ({ hubUrl: url, token }) =>
      new SyncEngine({
        hubUrl: url,
        token,
        storage,
        timers: { set: setTimeout, clear: clearTimeout },
        newId: randomUUID,
      }),
    healthTimeoutMs: 3000,
    handshakeTimeoutMs: 10_000,
  };
}

describe('connecting to a real hub', () => {
  it("gets in with the local hub's token, picked up from its file", async () => {
    const location = localHubLocation(
      { WARROOM_HUB_URL: hubUrl, WARROOM_LOCAL_TOKEN_FILE: join(dir, 'hub', 'local-admin.token') },
      process.platform,
      dir,
    );
    const local = readLocalHubCredentials(location, (path) => readFileSync(path, 'utf8'));
    expect(local.ok).toBe(true);
    if (!local.ok) return;
    const result = await openHubConnection(local.credentials, deps());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    try {
      expect(result.hubUrl).toBe(hubUrl);
      expect(result.engine.view).toMatchObject({
        status: 'online',
        user: { name: 'local-admin', role: 'admin' },
        refusal: null,
      });
    } finally {
      result.engine.stop();
    }
  });

  it("passes on the hub's refusal of a wrong token", async () => {
    const result = await openHubConnection({ hubUrl, token: 'wr_not_a_real_token' }, deps());
    expect(result).toEqual({
      ok: false,
      message: 'This token is unknown or revoked. Ask an admin for a new one (warroom-hub token create).',
    });
  });

  it('says so when no hub answers at the address', async () => {
    const port = await freePort();
    const result = await openHubConnection({ hubUrl: `http://127.0.0.1:${port}`, token: 'wr_x' }, deps());
    expect(result).toEqual({
      ok: false,
      message: `No Warroom hub answers at http://127.0.0.1:${port}. Check the address, and that the hub is running (npm start, or warroom-hub serve).`,
    });
  });
});

/** A port nothing listens on: bound, read, released. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
