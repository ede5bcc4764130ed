import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type { CommandInput, CommandInputOf, CommandType } from '../../../shared/domain/commands.js';
import type { DomainEvent } from '../../../shared/domain/events.js';
import { PROTOCOL_VERSION } from '../../../shared/protocol/version.js';
import {
  commandAckSchema,
  connectErrorSchema,
  syncReplySchema,
  welcomeSchema,
  type ClientToServerEvents,
  type CommandAck,
  type ConnectRefusal,
  type ServerToClientEvents,
  type SyncReply,
  type Welcome,
  eventBatchSchema,
} from '../../../shared/protocol/wire.js';
import { Replica } from '../../../shared/sync/replica.js';
import type { IncidentsState } from '../../../shared/domain/state.js';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A real socket.io client with a Replica of the hub's state, as the desktop and web clients will have. */
export interface TestClient {
  readonly socket: ClientSocket;
  readonly replica: Replica;
  readonly welcome: Welcome;
  /** Every live event received, in arrival order. */
  readonly received: DomainEvent[];
  /** Every sync reply the replica asked for, in order. */
  readonly syncReplies: SyncReply[];
  send<T extends CommandType>(
    type: T,
    incidentId: string,
    payload: CommandInputOf<T>['payload'],
    commandId?: string,
  ): Promise<CommandAck>;
  sendRaw(command: unknown): Promise<CommandAck>;
  sync(since: number): Promise<SyncReply>;
  /** Resolves once the replica has seen `seq`. */
  waitForSeq(seq: number, timeoutMs?: number): Promise<void>;
  close(): void;
}

export function uid(): string {
  return randomUUID();
}

export interface ConnectOptions {
  readonly protocol?: number;
  /** Resume from a state seen earlier (a client reconnecting), instead of starting empty. */
  readonly resumeFrom?: IncidentsState;
  /** How long a command or sync waits for its answer (default 10 s): more for tests that move tens of megabytes. */
  readonly ackTimeoutMs?: number;
}

export async function connectClient(url: string, token: string, options: ConnectOptions = {}): Promise<TestClient> {
  const socket: ClientSocket = io(url, {
    auth: { token, protocol: options.protocol ?? PROTOCOL_VERSION },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  const received: DomainEvent[] = [];
  const ackTimeoutMs = options.ackTimeoutMs ?? 10_000;
  const sync = async (since: number): Promise<SyncReply> =>
    syncReplySchema.parse(await socket.timeout(ackTimeoutMs).emitWithAck('sync', { since }));
  const syncReplies: SyncReply[] = [];
  const replica = new Replica(
    {
      sync: async (since) => {
        const reply = await sync(since);
        syncReplies.push(reply);
        return reply;
      },
    },
    options.resumeFrom,
  );
  socket.on('events', (raw) => {
    const events = eventBatchSchema.parse(raw);
    received.push(...events);
    replica.receiveAll(events);
  });
  const welcome = await new Promise<Welcome>((resolve, reject) => {
    socket.once('welcome', (w) => resolve(welcomeSchema.parse(w)));
    socket.once('connect_error', (error) => reject(error));
  });
  await replica.catchUp();

  const sendRaw = async (command: unknown): Promise<CommandAck> =>
    commandAckSchema.parse(await socket.timeout(ackTimeoutMs).emitWithAck('command', command as CommandInput));

  return {
    socket,
    replica,
    welcome,
    received,
    syncReplies,
    sendRaw,
    send: (type, incidentId, payload, commandId = uid()) =>
      sendRaw({ commandId, type, incidentId, payload, clientAt: new Date().toISOString() }),
    sync,
    waitForSeq: (seq, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        if (replica.state.seq >= seq) return resolve();
        const timer = setTimeout(() => {
          stop();
          reject(new Error(`timed out at seq ${replica.state.seq} waiting for ${seq}`));
        }, timeoutMs);
        const stop = replica.onChange((state) => {
          if (state.seq < seq) return;
          clearTimeout(timer);
          stop();
          resolve();
        });
      }),
    close: () => socket.close(),
  };
}

/** Connects and expects a refusal; returns the typed reason the hub gave. */
export function expectRefusal(url: string, auth: unknown): Promise<ConnectRefusal> {
  const socket: ClientSocket = io(url, {
    auth: auth as object,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => {
      socket.close();
      reject(new Error('connection was accepted'));
    });
    socket.once('connect_error', (error: Error & { data?: unknown }) => {
      socket.close();
      resolve(connectErrorSchema.parse(error.data));
    });
  });
}
