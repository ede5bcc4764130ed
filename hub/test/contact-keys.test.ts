/**
 * The Web Push and acknowledge-link keys are sealed with the secrets key. A SQLite hub whose key file was lost makes
 * new ones (it is the only node); a PostgreSQL node with another key than the one that sealed them refuses to start,
 * saying what to do, unless told to renew them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../hub.js';
import { dropPostgresDatabase, freshPostgresDatabase } from './support/postgres.js';
import { suiteLogger } from './support/suite-logs.js';

const hubs: RunningHub[] = [];
const dirs: string[] = [];
const databases: string[] = [];
const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'warroom-contact-keys-'));
  dirs.push(dir);
  return dir;
};
const start = async (options: Parameters<typeof startHub>[0]) => {
  const hub = await startHub({ port: 0, logger: suiteLogger(), ...options });
  hubs.push(hub);
  return hub;
};

afterEach(async () => {
  for (const hub of hubs.splice(0)) await hub.close();
  for (const url of databases.splice(0)) await dropPostgresDatabase(url);
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const vapidOf = async (hub: RunningHub) => hub.hubStore.contact.setting('vapid');

it('SQLite: a lost key file means new contact keys, not a hub that cannot start', async () => {
  const dataDir = folder();
  const first = await start({ dataDir });
  const before = await vapidOf(first);
  await first.close();
  hubs.splice(0);
  rmSync(join(dataDir, 'secrets.key'));
  const second = await start({ dataDir });
  expect(await vapidOf(second)).not.toBe(before);
});

it('PostgreSQL: a node with another secrets key refuses to start, unless told to renew the keys', async () => {
  const databaseUrl = await freshPostgresDatabase('contact_keys');
  databases.push(databaseUrl);
  const a = await start({ dataDir: folder(), databaseUrl });
  const sealed = await vapidOf(a);
  await expect(start({ dataDir: folder(), databaseUrl })).rejects.toThrow(/WARROOM_RENEW_CONTACT_KEYS=1/);
  expect(await vapidOf(a)).toBe(sealed);
  const renewed = await start({ dataDir: folder(), databaseUrl, contact: { renewKeys: true } });
  expect(await vapidOf(renewed)).not.toBe(sealed);
});
