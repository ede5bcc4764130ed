import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type { CommandInput } from '../shared/domain/commands.js';
import type { IncidentsState } from '../shared/domain/state.js';
import { oncallChangeReplySchema, type OncallChange } from '../shared/protocol/oncall-wire.js';
import { PROTOCOL_VERSION } from '../shared/protocol/version.js';
import {
  commandAckSchema,
  syncReplySchema,
  welcomeSchema,
  type ClientToServerEvents,
  type CommandAck,
  type ServerToClientEvents,
  type SyncReply,
  type Welcome,
  eventBatchSchema,
} from '../shared/protocol/wire.js';
import { Replica } from '../shared/sync/replica.js';
import { nowMs } from './clock.js';
import { withTimeout } from './deadline.js';

export type HubSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A command as the bench writes it: the client stamps `clientAt` and, unless given, a fresh `commandId`. */
export type UnstampedCommand = CommandInput extends infer C
  ? C extends CommandInput
    ? Omit<C, 'commandId' | 'clientAt'> & { commandId?: string }
    : never
  : never;

/** A runner-side client of the hub under test, connected as the desktop and web clients connect. */
export interface HubClient {
  readonly socket: HubSocket;
  readonly welcome: Welcome;
  /** Sends a command and resolves with the hub's ack (durable when ok). */
  command(command: UnstampedCommand): Promise<CommandAck>;
  /** Like command, but throws when the hub refuses. Returns the ack's seq. */
  accepted(command: UnstampedCommand): Promise<number>;
  oncallChange(change: OncallChange): Promise<void>;
  close(): void;
}

const ACK_TIMEOUT_MS = 60_000;

function open(url: string, token: string): HubSocket {
  return io(url, {
    auth: { token, protocol: PROTOCOL_VERSION },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
}

function welcomed(socket: HubSocket, timeoutMs: number): Promise<Welcome> {
  return withTimeout(
    new Promise<Welcome>((resolve, reject) => {
      socket.once('welcome', (w) => resolve(welcomeSchema.parse(w)));
      socket.once('connect_error', (error) => reject(error));
    }),
    timeoutMs,
    'waiting for the hub to welcome a client',
  ).catch((error: unknown) => {
    socket.close();
    throw error;
  });
}

function clientOn(socket: HubSocket, welcome: Welcome): HubClient {
  const command: HubClient['command'] = async (c) =>
    commandAckSchema.parse(
      await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('command', {
        ...c,
        commandId: c.commandId ?? randomUUID(),
        clientAt: new Date().toISOString(),
      } as CommandInput),
    );
  return {
    socket,
    welcome,
    command,
    accepted: async (c) => {
      const ack = await command(c);
      if (!ack.ok) throw new Error(`${c.type} refused: ${ack.error.code}: ${ack.error.message}`);
      return ack.seq;
    },
    oncallChange: async (change) => {
      const reply = oncallChangeReplySchema.parse(
        await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('oncall.change', change),
      );
      if (!reply.ok) throw new Error(`oncall.change ${change.kind} refused: ${reply.error.message}`);
    },
    close: () => socket.close(),
  };
}

export async function connectHubClient(url: string, token: string, timeoutMs = 30_000): Promise<HubClient> {
  const socket = open(url, token);
  return clientOn(socket, await welcomed(socket, timeoutMs));
}

/** A client with a Replica of the hub's state, which it brings up to date on connect, as the real clients do. */
export interface ReplicaClient extends HubClient {
  readonly replica: Replica;
  /** The sync replies it asked for, in order (the catch-up baseline sends the same payload through bare socket.io). */
  readonly syncReplies: SyncReply[];
  waitForSeq(seq: number, timeoutMs: number): Promise<void>;
}

/** Moments (clock.ts nowMs) of a catch-up, to say where its time goes. */
export interface CatchUpTrace {
  welcomed: number;
  /** Per sync request: asked, reply received (decoded by socket.io), reply validated (syncReplySchema). */
  readonly syncs: Array<{ asked: number; received: number; validated: number }>;
}

/**
 * Connects, takes `welcome`, and catches up from `resumeFrom` (a state seen before a disconnect) or from nothing.
 * Resolves once the replica is at the hub's head: that moment is "caught up".
 */
export async function connectReplicaClient(
  url: string,
  token: string,
  resumeFrom?: IncidentsState,
  trace: CatchUpTrace = { welcomed: 0, syncs: [] },
  timeoutMs = 60_000,
): Promise<ReplicaClient> {
  const socket = open(url, token);
  const syncReplies: SyncReply[] = [];
  const replica = new Replica(
    {
      sync: async (since) => {
        const asked = nowMs();
        const raw: unknown = await socket.timeout(timeoutMs).emitWithAck('sync', { since });
        const received = nowMs();
        const reply = syncReplySchema.parse(raw);
        trace.syncs.push({ asked, received, validated: nowMs() });
        syncReplies.push(reply);
        return reply;
      },
    },
    resumeFrom,
  );
  socket.on('events', (raw) => replica.receiveAll(eventBatchSchema.parse(raw)));
  const welcome = await welcomed(socket, timeoutMs);
  trace.welcomed = nowMs();
  await withTimeout(replica.catchUp(), timeoutMs, 'catching up');
  return {
    ...clientOn(socket, welcome),
    replica,
    syncReplies,
    waitForSeq: (seq, ms) =>
      withTimeout(
        new Promise<void>((resolve) => {
          if (replica.state.seq >= seq) return resolve();
          const stop = replica.onChange((state) => {
            if (state.seq < seq) return;
            stop();
            resolve();
          });
        }),
        ms,
        `waiting for seq ${seq}`,
      ),
  };
}

/** Declares the incident every benchmark works on (one title, so their logs look alike); returns its id. */
export async function declareBenchIncident(client: HubClient, incidentId: string = randomUUID()): Promise<string> {
  await client.accepted({
    type: 'incident.declare',
    incidentId,
    payload: { title: 'Checkout errors after deploy', severity: 'SEV-2', service: 'checkout' },
  });
  return incidentId;
}
