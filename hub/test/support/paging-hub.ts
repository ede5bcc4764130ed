import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandInputOf } from '../../../shared/domain/commands.js';
import type { Page } from '../../../shared/domain/incident.js';
import type { Person } from '../../../shared/domain/primitives.js';
import {
  oncallChangeReplySchema,
  oncallReplySchema,
  pageNotificationSchema,
  type OncallChange,
  type OncallChangeReply,
  type OncallView,
  type PageNotification,
} from '../../../shared/protocol/oncall-wire.js';
import type { ContactOptions } from '../../contact/contact.js';
import { startHub, type RunningHub } from '../../hub.js';
import type { Logger } from '../../log.js';
import { FakeTime } from './fake-time.js';
import { GENEROUS_LIMITS } from './limits.js';
import { connectClient, uid, type TestClient } from './test-client.js';

/** Wednesday 25 March 2026, 11:00 in Berlin (CET): inside everyone's working hours. */
export const WEDNESDAY = '2026-03-25T10:00:00.000Z';
export const MINUTE = 60_000;

export interface PagingHub {
  readonly hub: RunningHub;
  readonly dataDir: string;
  readonly time: FakeTime;
  readonly tokens: { admin: string; ana: string; bo: string; cy: string; viewer: string };
  readonly people: { ana: Person; bo: Person; cy: Person };
  /** Connects a client that is closed when the hub stops. */
  connect(token: string): Promise<TestClient & { pages: PageNotification[] }>;
  /** Moves the fake time on, firing the hub's timers one by one and letting paging settle after each. */
  advance(ms: number): Promise<void>;
  /** A clean stop that keeps the data folder. */
  stop(): Promise<void>;
  /** Stops, moves the clock on by `jumpMs` while the hub is down, and starts a new hub on the same folder. */
  restart(jumpMs?: number): Promise<PagingHub>;
  /** Stops and removes the data folder. */
  close(): Promise<void>;
}

/**
 * A real hub (real SQLite file, real socket.io) on a fake clock and fake timers, with ana, bo and cy as responders.
 * `logger`: to read what the hub logged (captureLogs); default: none.
 */
export async function startPagingHub(
  time = new FakeTime(WEDNESDAY),
  dataDir?: string,
  logger?: Logger,
  contact?: ContactOptions,
): Promise<PagingHub> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'warroom-paging-'));
  // The fake clock stands still between advances: no command allowance would ever refill.
  const hub = await startHub({
    dataDir: dir,
    port: 0,
    clock: time,
    timers: time,
    limits: GENEROUS_LIMITS,
    ...(logger ? { logger } : {}),
    ...(contact ? { contact } : {}),
  });
  const token = (name: string, role: 'admin' | 'responder' | 'viewer') => hub.users.createToken(name, role);
  const admin = await token('admin', 'admin');
  const ana = await token('ana', 'responder');
  const bo = await token('bo', 'responder');
  const cy = await token('cy', 'responder');
  const viewer = await token('vic', 'viewer');
  const person = (t: { user: { id: string; name: string } }) => ({ id: t.user.id, name: t.user.name });
  const clients: TestClient[] = [];
  // Pages lead to deliveries (hub/contact), and recorded deliveries are commits paging looks at: until both are quiet.
  const settled = async () => {
    await hub.paging.settled();
    await hub.contact.settled();
    await hub.paging.settled();
  };
  const stop = async () => {
    clients.splice(0).forEach((c) => c.close());
    await hub.close();
  };
  const self: PagingHub = {
    hub,
    dataDir: dir,
    time,
    tokens: { admin: admin.token, ana: ana.token, bo: bo.token, cy: cy.token, viewer: viewer.token },
    people: { ana: person(ana), bo: person(bo), cy: person(cy) },
    connect: async (t) => {
      const client = await connectClient(hub.url, t);
      const pages: PageNotification[] = [];
      client.socket.on('page', (raw) => pages.push(pageNotificationSchema.parse(raw)));
      clients.push(client);
      return Object.assign(client, { pages });
    },
    advance: async (ms) => {
      // Pages asked for by the last command are recorded at the time they were asked for, before time moves.
      await settled();
      await time.advance(ms, settled);
    },
    stop,
    restart: async (jumpMs = 0) => {
      await stop();
      time.jump(jumpMs);
      return startPagingHub(time, dir, logger, contact);
    },
    close: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return self;
}

export async function change(client: TestClient, body: OncallChange): Promise<OncallChangeReply> {
  return oncallChangeReplySchema.parse(await client.socket.timeout(5000).emitWithAck('oncall.change', body));
}

export async function oncallView(client: TestClient, days?: number): Promise<OncallView> {
  const reply = oncallReplySchema.parse(
    await client.socket.timeout(5000).emitWithAck('oncall', days === undefined ? {} : { days }),
  );
  if (!reply.ok) throw new Error(`oncall refused: ${reply.error.message}`);
  return reply.view;
}

/** The checkout rotation (weekly from Monday 23 March, Berlin): this week Ana primary, Bo backup, Cy third. */
export async function setUpCheckout(
  t: PagingHub,
  admin: TestClient,
  settings: Extract<OncallChange, { kind: 'settings.save' }> | null = null,
): Promise<void> {
  const steps: OncallChange[] = [
    {
      kind: 'rotation.save',
      rotation: {
        id: 'checkout',
        name: 'Checkout',
        members: [t.people.ana, t.people.bo, t.people.cy],
        handoffTime: '09:00',
        shift: 'weekly',
        timeZone: 'Europe/Berlin',
        startDate: '2026-03-23',
      },
    },
    { kind: 'service.route', service: 'checkout', rotationId: 'checkout' },
    ...(settings ? [settings] : []),
  ];
  for (const step of steps) {
    const reply = await change(admin, step);
    if (!reply.ok) throw new Error(`${step.kind} refused: ${reply.error.message}`);
  }
}

/** Routes checkout to a one-person weekly rotation (UTC, started last week: `person` is on call now), as an admin. */
export async function routeCheckoutTo(admin: TestClient, person: Person): Promise<void> {
  const lastWeek = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
  const steps: OncallChange[] = [
    {
      kind: 'rotation.save',
      rotation: {
        id: 'checkout',
        name: 'Checkout',
        members: [person],
        handoffTime: '09:00',
        shift: 'weekly',
        timeZone: 'UTC',
        startDate: lastWeek,
      },
    },
    { kind: 'service.route', service: 'checkout', rotationId: 'checkout' },
  ];
  for (const step of steps) {
    const reply = await change(admin, step);
    if (!reply.ok) throw new Error(`${step.kind} refused: ${reply.error.message}`);
  }
}

/** Declares an incident acting now by the fake clock (so its declaration time is the hub's). */
export async function declareAt(
  client: TestClient,
  time: FakeTime,
  payload: Partial<CommandInputOf<'incident.declare'>['payload']> = {},
): Promise<string> {
  const incidentId = uid();
  const ack = await client.sendRaw({
    commandId: uid(),
    type: 'incident.declare',
    incidentId,
    clientAt: time.iso,
    payload: { title: 'Checkout errors', severity: 'SEV-1', status: 'triage', service: 'checkout', ...payload },
  });
  if (!ack.ok) throw new Error(`declare refused: ${ack.error.message}`);
  return incidentId;
}

/** Sends a command acting now by the fake clock; fails the test if refused. */
export async function act<T extends 'incident.acknowledge' | 'tried.add' | 'incident.change_status'>(
  client: TestClient,
  time: FakeTime,
  type: T,
  incidentId: string,
  payload: CommandInputOf<T>['payload'],
): Promise<void> {
  const ack = await client.sendRaw({ commandId: uid(), type, incidentId, clientAt: time.iso, payload });
  if (!ack.ok) throw new Error(`${type} refused: ${ack.error.message}`);
}

/** The page events of an incident in a client's replica, as "hh:mm sent|held reason sNrM name". */
export async function pagesSeen(t: PagingHub, client: TestClient, incidentId: string): Promise<string[]> {
  await t.hub.paging.settled();
  await client.waitForSeq(t.hub.state().seq);
  const events = await t.hub.store.readIncident(incidentId);
  return events.flatMap((e) =>
    e.type === 'page.sent' || e.type === 'page.held'
      ? [
          `${e.at.slice(11, 16)} ${e.type === 'page.sent' ? 'sent' : 'held'} ${e.payload.reason} s${e.payload.step}r${e.payload.round} ${e.payload.person.name}${e.type === 'page.held' ? ` until ${e.payload.until}` : ''}`,
        ]
      : [],
  );
}

/** The incident's pages as the client's replica has them. */
export function replicaPages(client: TestClient, incidentId: string): Page[] {
  return client.replica.state.incidents[incidentId]?.pages ?? [];
}
