import type { HubSocket } from './types.js';

/*
 * The one place that reads engine.io's and ws's internals (checked by hub/test/slow-clients.test.ts, which fails if
 * they change): socket.io has no public measure of what waits to be sent to one client.
 */

interface EnginePacket {
  readonly data?: unknown;
}
interface EngineInternals {
  readonly writeBuffer?: EnginePacket[];
  readonly transport?: { readonly name?: string; readonly socket?: WsInternals };
}
interface WsInternals {
  readonly bufferedAmount?: number;
  terminate?: () => void;
}

/** Bytes waiting for this client: packets engine.io holds back plus what the WebSocket has not handed to the kernel. */
export function queuedBytes(socket: HubSocket): number {
  const engine = socket.conn as unknown as EngineInternals;
  let bytes = 0;
  for (const packet of engine.writeBuffer ?? []) bytes += sizeOf(packet.data);
  if (engine.transport?.name === 'websocket') bytes += engine.transport.socket?.bufferedAmount ?? 0;
  return bytes;
}

/**
 * Ends the connection now, throwing away what waits for it (a close would wait for the client to read it all first,
 * keeping the memory). The client sees a transport close, reconnects and catches up from the log.
 */
export function dropConnection(socket: HubSocket): void {
  const engine = socket.conn as unknown as EngineInternals;
  engine.writeBuffer?.splice(0);
  const ws = engine.transport?.name === 'websocket' ? engine.transport.socket : undefined;
  if (ws?.terminate) ws.terminate();
  else socket.conn.close(true);
}

function sizeOf(data: unknown): number {
  if (typeof data === 'string') return data.length;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}
