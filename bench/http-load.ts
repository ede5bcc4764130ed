import { connect, type Socket } from 'node:net';
import { nowMs } from './clock.js';
import type { Deadline } from './deadline.js';
import { ResponseParser, type ParsedResponse } from './http-response-parser.js';

/** One answered request: the parsed response and when it was sent and complete (clock.ts nowMs). */
export interface TimedResponse extends ParsedResponse {
  readonly sentAt: number;
  readonly receivedAt: number;
}

/** A GET or HEAD as bytes, with the headers a reader sends (Host is added). */
export function requestBytes(
  method: 'GET' | 'HEAD',
  url: URL,
  path: string,
  headers: Readonly<Record<string, string>> = {},
): Buffer {
  const lines = [`${method} ${path} HTTP/1.1`, `Host: ${url.host}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
}

/**
 * A keep-alive HTTP/1.1 connection with one request in flight at a time, as a browser tab or a monitor keeps one.
 * Written on net.Socket with a small parser instead of http.Agent so that the load generator, which shares the
 * machine with the servers it measures, spends as little CPU per request as it can (the http client's per-request
 * objects and events cost several times what the parser does).
 */
export class KeepAliveConnection {
  private readonly parser = new ResponseParser();
  private pending: {
    readonly sentAt: number;
    readonly head: boolean;
    readonly resolve: (r: TimedResponse) => void;
    readonly reject: (e: Error) => void;
  } | null = null;
  private failure: Error | null = null;

  private constructor(private readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('the server closed a keep-alive connection')));
  }

  static open(url: URL, timeoutMs = 30_000): Promise<KeepAliveConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: url.hostname, port: Number(url.port) });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`connecting to ${url.host}: no answer in ${timeoutMs} ms`));
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(new KeepAliveConnection(socket));
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  }

  /** Sends one request (bytes from requestBytes) and resolves with its response once the whole body is in. */
  send(request: Buffer, head = false): Promise<TimedResponse> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.pending) return Promise.reject(new Error('a request is already in flight on this connection'));
    return new Promise((resolve, reject) => {
      this.pending = { sentAt: nowMs(), head, resolve, reject };
      this.socket.write(request);
    });
  }

  close(): void {
    this.failure ??= new Error('closed');
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    let responses: ParsedResponse[];
    try {
      responses = this.parser.push(chunk, this.pending?.head ?? false);
    } catch (error) {
      this.fail(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    const receivedAt = nowMs();
    for (const response of responses) {
      const pending = this.pending;
      if (!pending) {
        this.fail(new Error('a response came that no request asked for'));
        return;
      }
      this.pending = null;
      pending.resolve({ ...response, sentAt: pending.sentAt, receivedAt });
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    const pending = this.pending;
    this.pending = null;
    pending?.reject(error);
  }
}

/** Opens `count` connections, `batch` at a time (the server's listen backlog is smaller than 1,000). */
export async function openConnections(url: URL, count: number, deadline: Deadline, batch = 100) {
  const connections: KeepAliveConnection[] = [];
  try {
    for (let i = 0; i < count; i += batch) {
      deadline.check();
      const size = Math.min(batch, count - i);
      connections.push(...(await Promise.all(Array.from({ length: size }, () => KeepAliveConnection.open(url)))));
    }
  } catch (error) {
    connections.forEach((c) => c.close());
    throw error;
  }
  return connections;
}

/** What a closed-loop run saw. */
export interface LoadResult {
  /** Requests answered (all of them, whatever their status). */
  readonly answered: number;
  /** From the first request sent to the last response complete. */
  readonly elapsedMs: number;
  /** Each answered request's latency (sent to complete), in ms. */
  readonly latencies: number[];
  readonly statuses: Readonly<Record<number, number>>;
  /** Body bytes of the last response (its size on the wire, after any Content-Encoding). */
  readonly lastBodyBytes: number;
  /** ETags seen, with how many responses carried each. */
  readonly etags: Readonly<Record<string, number>>;
}

export interface LoadBounds {
  /** No request is sent after this many have been. */
  readonly maxRequests: number;
  /** No request is sent this long after the start. */
  readonly maxMs: number;
  readonly deadline: Deadline;
  /** No request is sent once this says so (a background load stopped by the measurement it runs beside). */
  readonly stopped?: () => boolean;
}

/**
 * Closed loop: every connection sends `request`, waits for its response, sends it again at once, until the run has
 * sent `maxRequests` or `maxMs` has passed (then the requests in flight finish). Throughput is what was answered per
 * second of the run; latency, each request's time from sent to complete, which with every reader busy is mostly the
 * time it waited behind the others.
 */
export async function closedLoop(
  connections: readonly KeepAliveConnection[],
  request: Buffer,
  { maxRequests, maxMs, deadline, stopped = () => false }: LoadBounds,
  head = false,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  const etags: Record<string, number> = {};
  let sent = 0;
  let lastBodyBytes = 0;
  let last = 0;
  const start = nowMs();
  const stopAt = start + Math.min(maxMs, deadline.remaining());
  const reader = async (connection: KeepAliveConnection) => {
    while (sent < maxRequests && nowMs() < stopAt && !stopped()) {
      sent += 1;
      const r = await connection.send(request, head);
      latencies.push(r.receivedAt - r.sentAt);
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (r.etag !== null) etags[r.etag] = (etags[r.etag] ?? 0) + 1;
      lastBodyBytes = r.bodyBytes;
      last = r.receivedAt;
    }
  };
  await Promise.all(connections.map(reader));
  return {
    answered: latencies.length,
    elapsedMs: latencies.length === 0 ? 0 : last - start,
    latencies,
    statuses,
    lastBodyBytes,
    etags,
  };
}
