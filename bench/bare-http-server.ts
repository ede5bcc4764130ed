/**
 * The status page benchmark's baseline: a bare Node HTTP server with nothing of Warroom in it, run as its own process
 * like the hub, answering every GET and HEAD with the bytes and headers the hub gave for `/status` (read once from the
 * file named on the command line, written by status-page.ts), and a request whose If-None-Match names that ETag with
 * the hub's 304. Prints `bare http on http://…` on stderr once listening.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseCapturedPage } from './captured-page.js';

const file = process.argv[2];
if (!file) throw new Error('usage: bare-http-server.js <captured page JSON>');
const page = parseCapturedPage(JSON.parse(readFileSync(file, 'utf8')));
const body = Buffer.from(page.full.body, 'base64');

const server = createServer((req, res) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405).end();
    return;
  }
  if (page.notModified && page.etag !== null && req.headers['if-none-match'] === page.etag) {
    res.writeHead(page.notModified.status, page.notModified.headers).end();
    return;
  }
  res.writeHead(page.full.status, page.full.headers);
  res.end(req.method === 'HEAD' ? undefined : body);
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stderr.write(`bare http on http://127.0.0.1:${port}\n`);
});

process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
