import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';

/** One request the receiver got, as it came. */
export interface ReceivedRequest {
  readonly method: string;
  /** Path and query. */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly text: string;
}

/** What to answer; `hang`: never answer (for timeouts). */
export type ReceiverAnswer =
  | { readonly status: number; readonly body?: string; readonly headers?: Readonly<Record<string, string>> }
  | { readonly hang: true };

export interface HttpReceiver {
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  readonly port: number;
  readonly requests: readonly ReceivedRequest[];
  /**
   * From now on, answers these in turn, round and round (at first one `200 ok`); next() then waits for requests
   * made after this call, so a test that did not take its requests does not hand them to the next.
   */
  answerWith(answers: readonly ReceiverAnswer[]): void;
  /** The next request not yet taken (waits for it). */
  next(): Promise<ReceivedRequest>;
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 and an ephemeral port that records every request and answers from a list in turn
 * (200, then 429 with Retry-After, then 500 …): a stand-in for ntfy, Slack, Teams, a push service or a webhook.
 */
export async function startHttpReceiver(
  answers: readonly ReceiverAnswer[] = [{ status: 200, body: 'ok' }],
): Promise<HttpReceiver> {
  const requests: ReceivedRequest[] = [];
  const waiting: ((request: ReceivedRequest) => void)[] = [];
  let taken = 0;
  let turn = 0;
  let script = answers;
  const hanging = new Set<ServerResponse>();

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const request: ReceivedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body,
        text: body.toString('utf8'),
      };
      requests.push(request);
      const answer = script[turn++ % script.length] ?? { status: 200 };
      if ('hang' in answer) hanging.add(res);
      else res.writeHead(answer.status, answer.headers ?? {}).end(answer.body ?? '');
      const waiter = waiting.shift();
      if (waiter) {
        taken += 1;
        waiter(request);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    answerWith(next) {
      script = next;
      turn = 0;
      taken = requests.length;
    },
    next() {
      const ready = requests[taken];
      if (ready) {
        taken += 1;
        return Promise.resolve(ready);
      }
      return new Promise((resolve) => waiting.push(resolve));
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port nothing listens on (for a refused connection): one the system just gave out and took back. */
export async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
