import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../hub.js';
import { GENEROUS_LIMITS } from './support/limits.js';
import { startPostgresCluster, type PostgresCluster } from './support/postgres-cluster.js';
import { changeStatusPage, saveConfig, statusPageView } from './support/status-page-hub.js';
import { recordSecrets, suiteLogger } from './support/suite-logs.js';
import { connectClient, type TestClient } from './support/test-client.js';

/**
 * The public page while PostgreSQL is away: it is served from memory (never read from the store on a request), so
 * visitors keep getting the last page; a set-up change is refused meanwhile and changes nothing; once the database
 * is back the hub reads the set-up again and goes on.
 */
let postgres: PostgresCluster;
let hub: RunningHub;
let admin: TestClient;
const dataDir = mkdtempSync(join(tmpdir(), 'warroom-status-outage-'));

beforeAll(async () => {
  // A cluster of its own: this test stops the server, which must not touch other tests' databases.
  postgres = await startPostgresCluster({ fsync: false });
  const databaseUrl = await postgres.createDatabase('status_outage');
  hub = await startHub({ dataDir, databaseUrl, port: 0, limits: GENEROUS_LIMITS, logger: suiteLogger() });
  const { token } = await hub.users.createToken('admin', 'admin');
  recordSecrets(token);
  admin = await connectClient(hub.url, token);
}, 60_000);

afterAll(async () => {
  admin?.close();
  await hub?.close();
  await postgres?.destroy();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

it('serves the last page while the database is down, refuses set-up changes meanwhile, and goes on after', async () => {
  await saveConfig(admin, { title: 'Acme status', services: [{ key: 'checkout', name: 'Checkout' }] });
  await hub.statusPage.settled();
  const before = await fetch(`${hub.url}/status`);
  const page = await before.text();
  expect(page).toContain('Acme status');

  await postgres.stop('fast');
  const during = await fetch(`${hub.url}/status`);
  expect(during.status).toBe(200);
  expect(await during.text()).toBe(page);
  expect(during.headers.get('etag')).toBe(before.headers.get('etag'));
  const json = await fetch(`${hub.url}/status.json`);
  expect(json.status).toBe(200);
  await json.arrayBuffer();
  const refused = await changeStatusPage(admin, { kind: 'config.save', config: { title: 'Changed while down' } });
  expect(refused).toMatchObject({ ok: false, error: { code: 'storage_failed' } });
  expect(await (await fetch(`${hub.url}/status`)).text()).toBe(page);

  await postgres.start();
  // Back: the set-up is read again (the change feed says it reconnected) and changes are taken again.
  await expect.poll(async () => (await statusPageView(admin)).ok, { timeout: 20_000 }).toBe(true);
  await expect
    .poll(async () => (await changeStatusPage(admin, { kind: 'config.save', config: { title: 'Acme again' } })).ok, {
      timeout: 20_000,
    })
    .toBe(true);
  await hub.statusPage.settled();
  expect(await (await fetch(`${hub.url}/status`)).text()).toContain('Acme again');
});
