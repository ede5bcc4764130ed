import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { startPostgresCluster } from '../../hub/test/support/postgres-cluster.js';
import { PG_URL_ENV } from '../../hub/test/support/postgres.js';
import { startSuiteLogs } from '../../hub/test/support/suite-logs.js';
import { CHROMIUM } from './browser.js';
import { e2eStore } from './e2e-store.js';

/**
 * The e2e tests run the built hub and the built web client: build both (incremental, a few seconds). With
 * WARROOM_E2E_STORE=postgres every hub keeps its data in a database of its own on a throw-away PostgreSQL cluster
 * started here, so the same suite proves the web client against both stores.
 */
export default async function setup(): Promise<() => Promise<void>> {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium, or set WARROOM_CHROMIUM).`);
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-b'], { stdio: 'inherit' });
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  // The hubs' logs of the whole run, checked for every token and secret the tests made once the run is over.
  const checkLogs = startSuiteLogs();
  if (e2eStore() !== 'postgres') return async () => checkLogs();
  const cluster = await startPostgresCluster({ fsync: true });
  process.env[PG_URL_ENV] = cluster.url();
  return async () => {
    delete process.env[PG_URL_ENV];
    await cluster.destroy();
    checkLogs();
  };
}
