import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type { CommandInput } from '../../shared/domain/commands.js';
import { PROTOCOL_VERSION } from '../../shared/protocol/version.js';
import {
  commandAckSchema,
  type ClientToServerEvents,
  type CommandAck,
  type ServerToClientEvents,
} from '../../shared/protocol/wire.js';

type SeedSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * A plain socket.io client in Node that sends commands to a real hub as fast as it takes them: many in flight at
 * once, so the hub's group commit writes them in big transactions. For seeding long incidents in e2e tests.
 */
export interface SeedClient {
  /** One command; `clientAt` (the person's moment, default now) backdates it, as a client's clock would. */
  send(
    type: CommandInput['type'],
    incidentId: string,
    payload: Record<string, unknown>,
    clientAt?: string,
  ): Promise<CommandAck>;
  /** Sends every command with at most `inFlight` unanswered at a time; throws on the first refusal. */
  sendAll(
    commands: ReadonlyArray<{ type: CommandInput['type']; incidentId: string; payload: Record<string, unknown> }>,
    inFlight?: number,
  ): Promise<void>;
  close(): void;
}

export async function connectSeedClient(hubUrl: string, token: string): Promise<SeedClient> {
  const socket: SeedSocket = io(hubUrl, {
    auth: { token, protocol: PROTOCOL_VERSION },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('welcome', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  const send: SeedClient['send'] = async (type, incidentId, payload, clientAt = new Date().toISOString()) =>
    commandAckSchema.parse(
      await socket.timeout(60_000).emitWithAck('command', {
        commandId: randomUUID(),
        type,
        incidentId,
        payload,
        clientAt,
      } as CommandInput),
    );
  return {
    send,
    sendAll: async (commands, inFlight = 1000) => {
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < commands.length) {
          const command = commands[next++];
          if (!command) return;
          const ack = await send(command.type, command.incidentId, command.payload);
          if (!ack.ok) throw new Error(`${command.type} refused: ${ack.error.code}: ${ack.error.message}`);
        }
      };
      await Promise.all(Array.from({ length: Math.min(inFlight, commands.length) }, worker));
    },
    close: () => socket.close(),
  };
}
