import { closedByHub } from './support/closed-by-hub.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../shared/protocol/version.js';
import { runCliResult, startHubProcess } from './support/hub-process.js';
import { dropPostgresDatabase, freshPostgresDatabase } from './support/postgres.js';
import { connectClient, expectRefusal, uid } from './support/test-client.js';
import { postWebhook } from './support/webhooks.js';

/** Every `warroom-hub` command reaches the same PostgreSQL database by --database or WARROOM_DATABASE_URL. */
describe('warroom-hub --database', () => {
  let databaseUrl: string;
  let dataDir: string;
  beforeEach(async () => {
    databaseUrl = await freshPostgresDatabase('cli');
    dataDir = mkdtempSync(join(tmpdir(), 'warroom-cli-pg-'));
  });
  afterEach(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await dropPostgresDatabase(databaseUrl);
  });

  it('token create, list and revoke act on the database a hub serves from, by flag or by variable', async () => {
    const byFlag = runCliResult(['token', 'create', '--user', 'ana', '--role', 'responder', '--database', databaseUrl]);
    expect(byFlag.code).toBe(0);
    const env = { ...process.env, WARROOM_DATABASE_URL: databaseUrl };
    const byVariable = runCliResult(['token', 'create', '--integration', 'generic'], env);
    expect(byVariable.code).toBe(0);
    const list = runCliResult(['token', 'list'], env);
    expect(list.stdout).toMatch(/\tana\tresponder\t.*\tactive/);
    expect(list.stdout).toMatch(/\tgeneric\tintegration\t/);
    // Nothing went to a SQLite file in the data folder meanwhile.
    expect(runCliResult(['token', 'list', '--data', dataDir]).stdout).toBe('');

    const hub = await startHubProcess(dataDir, ['--database', databaseUrl, '--no-local-token']);
    try {
      const ana = await connectClient(hub.url, byFlag.stdout.trim());
      expect(ana.welcome.user.name).toBe('ana');
      const incidentId = uid();
      expect(await ana.send('incident.declare', incidentId, { title: 'Before', severity: 'SEV-3' })).toMatchObject({
        ok: true,
      });
      const body = JSON.stringify({ alerts: [{ key: 'k', title: 'Disk full', severity: 'warning' }] });
      expect((await postWebhook(hub.url, 'generic', body, { token: byVariable.stdout.trim() })).status).toBe(202);

      const closed = closedByHub(ana);
      expect(runCliResult(['token', 'revoke', '--user', 'ana'], env).code).toBe(0);
      // The CLI's revocation reaches the serving hub by NOTIFY: ana's open connection is closed and told why.
      expect((await closed).refusal?.code).toBe('revoked');
      ana.close();
      expect(await expectRefusal(hub.url, { token: byFlag.stdout.trim(), protocol: PROTOCOL_VERSION })).toMatchObject({
        code: 'unauthorized',
      });
      const health = (await (await fetch(`${hub.url}/healthz`)).json()) as { ok: boolean };
      expect(health.ok).toBe(true);
    } finally {
      await hub.stop();
    }
  });

  it('says which database it could not reach, without its password', () => {
    const result = runCliResult(['token', 'list', '--database', 'postgres://warroom:s3cret@127.0.0.1:1/none']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(
      /could not open the PostgreSQL database postgres:\/\/warroom:\*\*\*@127\.0\.0\.1:1\/none: .*ECONNREFUSED/,
    );
    expect(result.stderr).not.toContain('s3cret');
  });
});
