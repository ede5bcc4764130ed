import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../../shared/clock.js';
import type { UserRole } from '../../../shared/domain/authorize.js';
import { afterEach, beforeEach } from 'vitest';
import type { ContactOptions } from '../../contact/contact.js';
import { startHub, type RunningHub } from '../../hub.js';
import type { HubLimits } from '../../limits/limits.js';
import type { Logger } from '../../log.js';
import { GENEROUS_LIMITS } from './limits.js';
import { recordSecrets, suiteLogger } from './suite-logs.js';
import { connectClient, type ConnectOptions, type TestClient } from './test-client.js';

export interface TestHub {
  readonly hub: RunningHub;
  readonly dataDir: string;
  readonly tokens: { admin: string; responder: string; responder2: string; viewer: string };
  /** Restarts the hub on the same data folder (a clean stop, then a start). */
  restart(): Promise<TestHub>;
  close(): Promise<void>;
}

export interface TestHubOptions {
  readonly clock?: Clock;
  readonly dataDir?: string;
  /** Default: GENEROUS_LIMITS, so only tests of the limits meet them. */
  readonly limits?: Partial<HubLimits>;
  /** Default: this test run's logs (hub/test/support/suite-logs.ts), checked for secrets after the run. */
  readonly logger?: Logger;
  /** E-mail, ntfy… (hub/contact); default: none set up. */
  readonly contact?: ContactOptions;
}

/** Makes a token on `hub`, recorded as a secret: the run's logs are checked not to hold it. */
export async function recordedToken(hub: RunningHub, name: string, role: UserRole): Promise<string> {
  const { token } = await hub.users.createToken(name, role);
  recordSecrets(token);
  return token;
}

/** A real hub on an ephemeral 127.0.0.1 port with a real SQLite file in a fresh temp folder. */
export async function startTestHub(options: TestHubOptions = {}): Promise<TestHub> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'warroom-test-'));
  const hub = await startHub({
    dataDir,
    port: 0,
    limits: { ...GENEROUS_LIMITS, ...options.limits },
    ...(options.clock ? { clock: options.clock } : {}),
    logger: options.logger ?? suiteLogger(),
    ...(options.contact ? { contact: options.contact } : {}),
  });
  const token = (name: string, role: UserRole) => recordedToken(hub, name, role);
  const tokens = {
    admin: await token('admin', 'admin'),
    responder: await token('ana', 'responder'),
    responder2: await token('bo', 'responder'),
    viewer: await token('vic', 'viewer'),
  };
  return {
    hub,
    dataDir,
    tokens,
    restart: async () => {
      await hub.close();
      return startTestHub({ ...options, dataDir });
    },
    close: async () => {
      await hub.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface HubFixture {
  /** The hub of the current test. */
  readonly t: TestHub;
  /** Connects a client that is closed after the test. */
  connect(token: string, options?: ConnectOptions): Promise<TestClient>;
  /** Closes the clients, restarts the hub on the same data folder. */
  restart(): Promise<TestHub>;
}

/**
 * A fresh hub for each test in the calling describe block, with clients closed and data removed after. `options` is
 * read as each hub starts (after the hooks registered before this call: servers the hub is to use).
 */
export function useTestHub(options: () => TestHubOptions = () => ({})): HubFixture {
  let current: TestHub | undefined;
  const clients: TestClient[] = [];
  const closeClients = () => clients.splice(0).forEach((c) => c.close());
  beforeEach(async () => {
    current = await startTestHub(options());
  });
  afterEach(async () => {
    closeClients();
    await current?.close();
  });
  const hub = (): TestHub => {
    if (!current) throw new Error('useTestHub: no hub outside a test');
    return current;
  };
  return {
    get t() {
      return hub();
    },
    connect: async (token, options) => {
      const client = await connectClient(hub().hub.url, token, options);
      clients.push(client);
      return client;
    },
    restart: async () => {
      closeClients();
      current = await hub().restart();
      return current;
    },
  };
}
