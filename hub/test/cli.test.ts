import { PROTOCOL_VERSION } from '../../shared/protocol/version.js';
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseFile, localTokenFile } from '../data-dir.js';
import { runCliResult, startHubProcess } from './support/hub-process.js';
import { connectClient, expectRefusal } from './support/test-client.js';

describe('warroom-hub CLI', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'warroom-cli-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('token create prints the token alone on stdout and stores only its hash', async () => {
    const { code, stdout, stderr } = runCliResult([
      'token',
      'create',
      '--user',
      'ana',
      '--role',
      'responder',
      '--data',
      dataDir,
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^wr_[A-Za-z0-9_-]{43}\n$/);
    expect(stderr).toMatch(/created for ana \(responder\)/);
    const token = stdout.trim();
    const db = new Database(databaseFile(dataDir), { readonly: true });
    const dump = JSON.stringify(db.prepare('SELECT * FROM tokens').all());
    db.close();
    expect(dump).not.toContain(token);
    expect(dump).toContain('"hash"');

    const hub = await startHubProcess(dataDir, ['--no-local-token']);
    try {
      const client = await connectClient(hub.url, token);
      expect(client.welcome.user).toMatchObject({ name: 'ana', role: 'responder' });
      client.close();
    } finally {
      await hub.stop();
    }
  });

  it('token revoke shuts the token out; token list shows ids and state, never tokens', async () => {
    const token = runCliResult([
      'token',
      'create',
      '--user',
      'bo',
      '--role',
      'viewer',
      '--data',
      dataDir,
    ]).stdout.trim();
    const list = runCliResult(['token', 'list', '--data', dataDir]).stdout;
    expect(list).toMatch(/^t_\S+\tbo\tviewer\t\S+\tactive$/m);
    expect(list).not.toContain(token);

    const revoked = runCliResult(['token', 'revoke', '--token', token, '--data', dataDir]);
    expect(revoked.code).toBe(0);
    expect(revoked.stderr).toMatch(/Revoked 1 token/);
    expect(runCliResult(['token', 'list', '--data', dataDir]).stdout).toMatch(/\tbo\tviewer\t\S+\trevoked /);
    expect(runCliResult(['token', 'revoke', '--token', token, '--data', dataDir]).code).toBe(1);

    const hub = await startHubProcess(dataDir, ['--no-local-token']);
    try {
      expect(await expectRefusal(hub.url, { token, protocol: PROTOCOL_VERSION })).toMatchObject({
        code: 'unauthorized',
      });
    } finally {
      await hub.stop();
    }
  });

  it.each([
    [['token', 'create', '--user', 'ana', '--role', 'boss'], /--role must be admin, responder or viewer/],
    [['token', 'create', '--role', 'viewer'], /--user NAME is required/],
    [['token', 'revoke'], /exactly one of --id, --token or --user/],
    [['token', 'frobnicate'], /unknown token command/],
    [['launch'], /unknown command "launch"/],
    [['serve', '--port', 'eighty'], /--port must be 0-65535/],
    [['serve', '--bogus'], /Unknown option '--bogus'/],
  ])('refuses %j with exit 2 and a reason', (args, message) => {
    const { code, stderr, stdout } = runCliResult([...args, '--data', dataDir]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stdout).toBe('');
  });

  it('refuses a second token for an existing user with a different role', () => {
    runCliResult(['token', 'create', '--user', 'ana', '--role', 'viewer', '--data', dataDir]);
    const { code, stderr } = runCliResult(['token', 'create', '--user', 'ana', '--role', 'admin', '--data', dataDir]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/exists with role viewer/);
  });

  it.each([
    [['--help']],
    [['serve', '--help']],
    [['token', '--help']],
    [['token', 'create', '--help']],
    [['token', 'revoke', '--help']],
  ])('%j prints help', (args) => {
    const { code, stdout } = runCliResult(args);
    expect(code).toBe(0);
    expect(stdout).toMatch(/warroom-hub/);
  });

  it('first serve creates the database and a local admin token (0600) that works, and keeps it across restarts', async () => {
    const hub = await startHubProcess(dataDir);
    const token = readFileSync(localTokenFile(dataDir), 'utf8').trim();
    expect(statSync(localTokenFile(dataDir)).mode & 0o777).toBe(0o600);
    expect(statSync(databaseFile(dataDir)).isFile()).toBe(true);
    const client = await connectClient(hub.url, token);
    expect(client.welcome.user).toMatchObject({ name: 'local-admin', role: 'admin' });
    client.close();
    await hub.stop();

    const again = await startHubProcess(dataDir);
    await again.stop();
    expect(readFileSync(localTokenFile(dataDir), 'utf8').trim()).toBe(token);
  });
});
