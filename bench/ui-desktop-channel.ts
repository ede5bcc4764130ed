import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';

/**
 * The wire between the desktop path's page and its host (ui-desktop-host.ts), standing for Electron's IPC: a
 * WebSocket (socket.io's server, spoken to from the page with the browser's own WebSocket), so that a message
 * arrives in the page as one task on its main thread, received off it, as an IPC message does. The DevTools protocol
 * (page.evaluate) would not do: Chromium decodes a protocol message of megabytes on the page's main thread, a cost
 * the app does not have.
 */
export class DesktopChannel {
  private socket: Socket | null = null;

  private constructor(
    private readonly http: HttpServer,
    private readonly io: Server,
    /** ws:// address the page connects to. */
    readonly url: string,
  ) {}

  /**
   * Listens on 127.0.0.1; `invoke` answers the page's requests, `connected` hears of each page that connects. The
   * newest page connected gets the host events.
   */
  static async open(
    invoke: (name: string, args: unknown[]) => Promise<unknown>,
    connected: () => void,
  ): Promise<DesktopChannel> {
    const http = createServer();
    // Requests are small; replies and host events are not limited (maxHttpBufferSize bounds incoming only).
    const io = new Server(http, { transports: ['websocket'], serveClient: false });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as AddressInfo;
    const channel = new DesktopChannel(http, io, `ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`);
    io.on('connection', (socket) => {
      channel.socket = socket;
      socket.on('invoke', (id: number, name: string, args: unknown[]) => {
        invoke(name, Array.isArray(args) ? args : []).then(
          (result) => socket.emit('reply', id, true, result ?? null),
          (error: unknown) => socket.emit('reply', id, false, error instanceof Error ? error.message : String(error)),
        );
      });
      socket.on('disconnect', () => {
        if (channel.socket === socket) channel.socket = null;
      });
      connected();
    });
    return channel;
  }

  /** Sends a host event to the connected page; none connected (between documents), it is lost, as over IPC. */
  send(name: string, payload: unknown): boolean {
    if (!this.socket) return false;
    this.socket.emit('host', name, payload);
    return true;
  }

  async close(): Promise<void> {
    this.socket = null;
    await new Promise<void>((resolve) => this.io.close(() => resolve()));
    this.http.closeAllConnections();
  }
}
