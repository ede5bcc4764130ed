/**
 * The baselines' server: a bare socket.io server with nothing of Warroom in it, run as its own process like the hub.
 * It does the least the hub's job needs: relay an HTTP POST to one socket (alert-to-page), broadcast a client's
 * payload to every socket (fan-out), and hand a kept payload to a client that asks (catch-up). Started by
 * bare-process.ts; prints `bare socket.io on http://…` on stderr once listening.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

/** The room of the socket a POST is relayed to (the on-call person's, in the hub). */
const TARGET = 'target';

let kept: unknown = null;

const http = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/relay') {
    res.writeHead(404).end();
    return;
  }
  readJson(req).then(
    (body) => {
      res.writeHead(202, { 'content-type': 'application/json' }).end('{"accepted":1}');
      io.to(TARGET).emit('page', body);
    },
    () => res.writeHead(400).end(),
  );
});

// The kept catch-up payload is sent by the runner as one message: allow it (the hub's limit is for commands).
const io = new Server(http, { serveClient: false, maxHttpBufferSize: 512 * 1024 * 1024 });

io.on('connection', (socket) => {
  const auth = socket.handshake.auth as { target?: unknown };
  if (auth.target === true) void socket.join(TARGET);
  socket.emit('welcome', {});
  socket.on('broadcast', (payload: unknown) => {
    io.emit('events', [payload]); // as the hub broadcasts one commit's events
  });
  socket.on('keep', (payload: unknown, ack: unknown) => {
    kept = payload;
    if (typeof ack === 'function') ack(true);
  });
  socket.on('sync', (_request: unknown, ack: unknown) => {
    if (typeof ack === 'function') ack(kept);
  });
});

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    req.on('error', reject);
  });
}

http.listen(0, '127.0.0.1', () => {
  const { port } = http.address() as AddressInfo;
  process.stderr.write(`bare socket.io on http://127.0.0.1:${port}\n`);
});

process.once('SIGTERM', () => {
  void io.close(() => process.exit(0));
});
