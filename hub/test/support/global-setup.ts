import { execFileSync } from 'node:child_process';
import { startPostgresCluster } from './postgres-cluster.js';
import { PG_URL_ENV } from './postgres.js';
import { startSuiteLogs } from './suite-logs.js';

/**
 * Some tests run the built CLI as a real process; build first (incremental, so usually instant). Then start one
 * PostgreSQL cluster for the whole run: tests take a fresh database on it (freshPostgresDatabase) instead of each
 * paying for initdb. Vitest builds each worker's environment from process.env after global setup, so the URL set
 * here reaches every worker (hub/test/postgres-harness.test.ts checks that it does).
 */
export default async function setup(): Promise<() => Promise<void>> {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-b'], { stdio: 'inherit' });
  const cluster = await startPostgresCluster({ fsync: true });
  process.env[PG_URL_ENV] = cluster.url();
  // Every log line of the run, checked for the tokens and secrets the tests made once the run is over.
  const checkLogs = startSuiteLogs();
  return async () => {
    delete process.env[PG_URL_ENV];
    await cluster.destroy();
    checkLogs();
  };
}
