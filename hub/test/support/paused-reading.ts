import type { Socket } from 'node:net';
import type { TestClient } from './test-client.js';

/**
 * Stops (and restarts) reading this client's TCP socket, as a frozen laptop or a stalled proxy would: the hub's
 * writes pile up in the kernel, then in the hub. Reaches into engine.io-client's WebSocket transport (`ws`, the
 * `ws` package's socket); fails loudly if that changes.
 */
export function tcpSocketOf(client: TestClient): Socket {
  const transport = client.socket.io.engine.transport as unknown as { ws?: { _socket?: Socket } };
  const socket = transport.ws?._socket;
  if (!socket) throw new Error('no WebSocket TCP socket on this client (engine.io-client internals changed?)');
  return socket;
}
