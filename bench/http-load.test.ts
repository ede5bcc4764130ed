import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Deadline } from './deadline.js';
import { closedLoop, openConnections, requestBytes } from './http-load.js';
import { ResponseParser } from './http-response-parser.js';
import { summarize } from './stats.js';

const bytes = (text: string) => Buffer.from(text, 'latin1');

describe('the load generator’s response parser', () => {
  it('reads a Content-Length body split over chunks, and the ETag', () => {
    const parser = new ResponseParser();
    expect(parser.push(bytes('HTTP/1.1 200 OK\r\nETag: "v1"\r\nContent-Length: 10\r\n\r\nhello'))).toEqual([]);
    expect(parser.push(bytes('world'))).toEqual([{ status: 200, etag: '"v1"', bodyBytes: 10 }]);
  });

  it('reads a 304 and a HEAD answer as bodiless, whatever Content-Length says', () => {
    const parser = new ResponseParser();
    expect(parser.push(bytes('HTTP/1.1 304 Not Modified\r\nETag: "v1"\r\nContent-Length: 10\r\n\r\n'))).toEqual([
      { status: 304, etag: '"v1"', bodyBytes: 0 },
    ]);
    expect(parser.push(bytes('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n'), true)).toEqual([
      { status: 200, etag: null, bodyBytes: 0 },
    ]);
  });

  it('reads a chunked body, chunk sizes and trailers included, even one byte at a time', () => {
    const wire = bytes(
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\na;x=1\r\n0123456789\r\n0\r\n\r\n',
    );
    const whole = new ResponseParser().push(wire);
    expect(whole).toEqual([{ status: 200, etag: null, bodyBytes: 15 }]);
    const parser = new ResponseParser();
    const seen = [...wire].flatMap((b) => parser.push(Buffer.from([b])));
    expect(seen).toEqual(whole);
  });

  it('returns two responses that came in one chunk, in order', () => {
    const two = bytes('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 304 Not Modified\r\nETag: "b"\r\n\r\n');
    expect(new ResponseParser().push(two).map((r) => r.status)).toEqual([200, 304]);
  });

  it('refuses what is not HTTP', () => {
    expect(() => new ResponseParser().push(bytes('SSH-2.0-OpenSSH\r\n\r\n'))).toThrow(/not an HTTP\/1.x status line/);
    expect(() => new ResponseParser().push(bytes('HTTP/1.1 200 OK\r\nContent-Length: -3\r\n\r\n'))).toThrow(
      /Content-Length/,
    );
  });
});

describe('closedLoop against a local server', () => {
  let server: Server;
  let url: URL;
  const body = 'x'.repeat(3000);

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.headers['if-none-match'] === '"p"') res.writeHead(304, { etag: '"p"' }).end();
      else res.writeHead(200, { etag: '"p"', 'content-type': 'text/html' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends exactly the bounded number of requests over its connections and summarises their latencies', async () => {
    const deadline = new Deadline(60_000, 'test');
    const connections = await openConnections(url, 20, deadline, 7);
    try {
      const full = await closedLoop(connections, requestBytes('GET', url, '/status'), {
        maxRequests: 500,
        maxMs: 60_000,
        deadline,
      });
      expect(full.answered).toBe(500);
      expect(full.statuses).toEqual({ 200: 500 });
      expect(full.etags).toEqual({ '"p"': 500 });
      expect(full.lastBodyBytes).toBe(body.length);
      const latency = summarize(full.latencies);
      expect(latency.count).toBe(500);
      expect(latency.min).toBeGreaterThanOrEqual(0);
      expect(latency.p50).toBeLessThanOrEqual(latency.p99);
      expect(latency.p99).toBeLessThanOrEqual(latency.max);

      const conditional = await closedLoop(
        connections,
        requestBytes('GET', url, '/status', { 'If-None-Match': '"p"' }),
        { maxRequests: 100, maxMs: 60_000, deadline },
      );
      expect(conditional.statuses).toEqual({ 304: 100 });
      expect(conditional.lastBodyBytes).toBe(0);
    } finally {
      connections.forEach((c) => c.close());
    }
  });
});
