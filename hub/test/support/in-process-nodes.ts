import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContactOptions } from '../../contact/contact.js';
import { startHub, type RunningHub } from '../../hub.js';
import type { FakeTime } from './fake-time.js';
import { GENEROUS_LIMITS } from './limits.js';

export interface InProcessNodesOptions {
  readonly databaseUrl: string;
  readonly count: number;
  /** One clock and one set of timers for every node. */
  readonly time: FakeTime;
  /** Names the temp folders: `warroom-<name>-key-`, `warroom-<name>-node-`. */
  readonly name: string;
  /** Gets the steps that stop the nodes and remove their folders, to run last pushed first. */
  readonly cleanup: (() => Promise<void>)[];
  readonly contact?: ContactOptions;
}

/**
 * Hub nodes in this process on one PostgreSQL database and one fake clock, each with its own data folder. One secrets
 * key for every node, as docs/deploy.md asks (the contact keys are sealed with it).
 */
export async function startInProcessNodes(options: InProcessNodesOptions): Promise<RunningHub[]> {
  const { cleanup, time } = options;
  const keyDir = mkdtempSync(join(tmpdir(), `warroom-${options.name}-key-`));
  cleanup.push(async () => rmSync(keyDir, { recursive: true, force: true }));
  const secretsKeyFile = join(keyDir, 'secrets.key');
  const hubs: RunningHub[] = [];
  for (let i = 0; i < options.count; i++) {
    const dataDir = mkdtempSync(join(tmpdir(), `warroom-${options.name}-node-`));
    const hub = await startHub({
      dataDir,
      databaseUrl: options.databaseUrl,
      secretsKeyFile,
      port: 0,
      clock: time,
      timers: time,
      limits: GENEROUS_LIMITS,
      ...(options.contact ? { contact: options.contact } : {}),
    });
    hubs.push(hub);
    cleanup.push(async () => {
      await hub.close();
      rmSync(dataDir, { recursive: true, force: true });
    });
  }
  return hubs;
}
