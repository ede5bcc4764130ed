/**
 * A worker thread holding part of the client fleet: plain socket.io clients (websocket transport, as the desktop and
 * web clients use) that connect, take `welcome`, and then only receive. The runner arms a marker (a command id); each
 * client notes when the event carrying it arrives, and the worker reports the first and last arrival.
 */
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { io, type Socket } from 'socket.io-client';
import { nowMs } from './clock.js';
import type { FromFleetWorker, ToFleetWorker } from './fleet-protocol.js';

const port = parentPort;
if (!port) throw new Error('fleet-worker.js runs as a worker thread (see fleet.ts)');

/** Connections opened at once: more makes the server's accept queue, not the benchmark, the subject. */
const CONNECT_CONCURRENCY = 50;

const sockets: Socket[] = [];
let closing = false;
let armed: { marker: string; seen: Uint8Array; count: number; first: number; last: number } | null = null;
let utilizationMark = performance.eventLoopUtilization();

const post = (message: FromFleetWorker) => port.postMessage(message);

/** An `events` message (one commit's events, from the hub or the bare baseline): did the armed marker arrive? */
function onEvents(index: number, payload: unknown): void {
  const at = nowMs();
  if (!armed || !Array.isArray(payload)) return;
  const marker = armed.marker;
  const hit = payload.some(
    (event: unknown) =>
      typeof event === 'object' && event !== null && (event as { commandId?: unknown }).commandId === marker,
  );
  if (!hit || armed.seen[index] === 1) return;
  armed.seen[index] = 1;
  armed.count += 1;
  if (armed.count === 1) armed.first = at;
  armed.last = at;
  if (armed.count === sockets.length) {
    post({ kind: 'arrived', marker: armed.marker, first: armed.first, last: armed.last });
    armed = null;
  }
}

function connectOne(url: string, auth: object, timeoutMs: number): Promise<Socket> {
  const socket = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true, timeout: timeoutMs });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`a fleet client got no welcome in ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('welcome', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      socket.close();
      reject(error);
    });
  });
}

async function connect(url: string, auths: readonly object[], timeoutMs: number): Promise<void> {
  for (let i = 0; i < auths.length; i += CONNECT_CONCURRENCY) {
    const batch = await Promise.all(auths.slice(i, i + CONNECT_CONCURRENCY).map((a) => connectOne(url, a, timeoutMs)));
    for (const socket of batch) {
      const index = sockets.length;
      sockets.push(socket);
      socket.on('events', (payload: unknown) => onEvents(index, payload));
      socket.on('disconnect', (reason) => {
        if (!closing) post({ kind: 'failed', message: `a fleet client was disconnected: ${reason}` });
      });
    }
  }
}

port.on('message', (message: ToFleetWorker) => {
  switch (message.kind) {
    case 'connect':
      closing = false;
      connect(message.url, message.auths, message.timeoutMs).then(
        () => post({ kind: 'connected', count: sockets.length }),
        (error: unknown) => post({ kind: 'failed', message: `connecting the fleet: ${String(error)}` }),
      );
      return;
    case 'arm':
      armed = { marker: message.marker, seen: new Uint8Array(sockets.length), count: 0, first: 0, last: 0 };
      post({ kind: 'armed', marker: message.marker });
      return;
    case 'utilization': {
      const busy = performance.eventLoopUtilization(utilizationMark).utilization;
      utilizationMark = performance.eventLoopUtilization();
      post({ kind: 'utilization', busy });
      return;
    }
    case 'disconnect':
      closing = true;
      armed = null;
      for (const socket of sockets.splice(0)) socket.close();
      post({ kind: 'disconnected' });
      return;
  }
});
