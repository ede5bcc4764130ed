import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  statusPageChangeReplySchema,
  statusPageReplySchema,
  type StatusPageChange,
  type StatusPageChangeReply,
  type StatusPageReply,
} from '../../../shared/protocol/status-page-wire.js';
import type { UserRole } from '../../../shared/domain/authorize.js';
import type { StatusPageConfigInput } from '../../../shared/status-page/status-page-config.js';
import type { ContactOptions } from '../../contact/contact.js';
import { startHub, type RunningHub } from '../../hub.js';
import { FakeTime } from './fake-time.js';
import { GENEROUS_LIMITS } from './limits.js';
import { suiteLogger } from './suite-logs.js';
import { connectClient, uid, type TestClient } from './test-client.js';
import { recordedToken } from './test-hub.js';

/** Wednesday 25 March 2026, 10:00 UTC. */
export const T0 = '2026-03-25T10:00:00.000Z';
export const MINUTE = 60_000;

export interface StatusPageHub {
  readonly hub: RunningHub;
  readonly dataDir: string;
  readonly time: FakeTime;
  readonly tokens: { admin: string; ana: string; bo: string; cy: string; viewer: string };
  connect(token: string): Promise<TestClient>;
  /** Moves the fake time on, firing the hub's timers, letting the status page settle after each. */
  advance(ms: number): Promise<void>;
  /** Waits for what the last commits started (the page's rebuild, messages). */
  settled(): Promise<void>;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** Stops the hub, keeping the data folder (a clean stop, as for a restart). */
  stop(): Promise<void>;
  close(): Promise<void>;
}

export interface StatusPageHubOptions {
  readonly dataDir?: string;
  readonly time?: FakeTime;
  /** Written to `<data>/publish-policy.json` before the start. */
  readonly publishPolicy?: unknown;
  readonly contact?: ContactOptions;
  /** Runs on the data folder before the hub starts (breaking a file on purpose). */
  readonly beforeStart?: (dataDir: string) => void;
}

/** A real hub (real SQLite file, real socket.io) on a fake clock and fake timers, with ana, bo and cy as responders. */
export async function startStatusPageHub(options: StatusPageHubOptions = {}): Promise<StatusPageHub> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'warroom-status-page-'));
  const time = options.time ?? new FakeTime(T0);
  if (options.publishPolicy !== undefined)
    writeFileSync(join(dataDir, 'publish-policy.json'), JSON.stringify(options.publishPolicy));
  options.beforeStart?.(dataDir);
  const hub = await startHub({
    dataDir,
    port: 0,
    clock: time,
    timers: time,
    limits: GENEROUS_LIMITS,
    logger: suiteLogger(),
    ...(options.contact ? { contact: options.contact } : {}),
  });
  const token = (name: string, role: UserRole) => recordedToken(hub, name, role);
  const tokens = {
    admin: await token('admin', 'admin'),
    ana: await token('ana', 'responder'),
    bo: await token('bo', 'responder'),
    cy: await token('cy', 'responder'),
    viewer: await token('vic', 'viewer'),
  };
  const clients: TestClient[] = [];
  const settled = async () => {
    await hub.statusPage.settled();
  };
  const stop = async () => {
    clients.splice(0).forEach((c) => c.close());
    await hub.close();
  };
  return {
    hub,
    dataDir,
    time,
    tokens,
    connect: async (t) => {
      const client = await connectClient(hub.url, t);
      clients.push(client);
      return client;
    },
    advance: (ms) => time.advance(ms, settled),
    settled,
    fetch: (path, init) => fetch(`${hub.url}${path}`, init),
    stop,
    close: async () => {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function statusPageView(client: TestClient): Promise<StatusPageReply> {
  const reply = await client.socket.timeout(10_000).emitWithAck('statuspage', {});
  return statusPageReplySchema.parse(reply);
}

export async function changeStatusPage(client: TestClient, change: StatusPageChange): Promise<StatusPageChangeReply> {
  const reply = await client.socket.timeout(10_000).emitWithAck('statuspage.change', change);
  return statusPageChangeReplySchema.parse(reply);
}

/** A change the hub must accept; fails the test if refused. */
export async function acceptedChange(
  client: TestClient,
  change: StatusPageChange,
): Promise<Extract<StatusPageChangeReply, { ok: true }>> {
  const reply = await changeStatusPage(client, change);
  if (!reply.ok) throw new Error(`${change.kind} refused: ${reply.error.message}`);
  return reply;
}

/** Saves a set-up as an admin; fails the test if refused. */
export async function saveConfig(admin: TestClient, config: StatusPageConfigInput): Promise<void> {
  await acceptedChange(admin, { kind: 'config.save', config });
}

/** Posts an update; returns the ack. */
export function postUpdate(
  client: TestClient,
  incidentId: string,
  text: string,
  audience: 'external' | 'internal',
  publicTitle?: string,
) {
  return client.send('status_update.post', incidentId, {
    updateId: uid(),
    text,
    audience,
    ...(publicTitle !== undefined ? { publicTitle } : {}),
  });
}
