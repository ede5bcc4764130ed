import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { startHaproxy, testConfig } from './support/haproxy.js';
import { startPostgresCluster } from './support/postgres-cluster.js';
import { dropPostgresDatabase, freshPostgresDatabase, PG_URL_ENV } from './support/postgres.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function query<R extends pg.QueryResultRow>(url: string, sql: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('shared PostgreSQL cluster', () => {
  it('reaches this worker through the environment global setup filled in', () => {
    expect(process.env[PG_URL_ENV]).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
  });

  it('gives each caller a new, empty, working database', async () => {
    const [a, b] = await Promise.all([freshPostgresDatabase('harness'), freshPostgresDatabase('harness')]);
    cleanups.push(
      () => dropPostgresDatabase(a),
      () => dropPostgresDatabase(b),
    );
    expect(a).not.toBe(b);

    const [{ db }] = (await query<{ db: string }>(a, 'SELECT current_database() AS db')) as [{ db: string }];
    expect(a.endsWith(`/${db}`)).toBe(true);
    expect(await query(a, "SELECT 1 FROM pg_tables WHERE schemaname = 'public'")).toEqual([]);

    await query(a, 'CREATE TABLE notes (body text); INSERT INTO notes VALUES ($$hello$$)');
    expect(await query(a, 'SELECT body FROM notes')).toEqual([{ body: 'hello' }]);
    // The other database does not see it.
    expect(await query(b, "SELECT 1 FROM pg_tables WHERE tablename = 'notes'")).toEqual([]);

    await dropPostgresDatabase(a);
    expect(await query(process.env[PG_URL_ENV] ?? '', `SELECT 1 FROM pg_database WHERE datname = '${db}'`)).toEqual([]);
  });
});

describe('a cluster of its own', () => {
  it('keeps its data across a restart and an immediate stop, and destroy removes it', async () => {
    const cluster = await startPostgresCluster({ fsync: false });
    cleanups.push(() => cluster.destroy());
    const url = await cluster.createDatabase('restart');
    await query(url, 'CREATE TABLE t (n int); INSERT INTO t VALUES (1)');

    await cluster.restart();
    expect(await query(url, 'SELECT n FROM t')).toEqual([{ n: 1 }]);

    await cluster.stop('immediate');
    await expect(query(url, 'SELECT 1')).rejects.toThrow(/ECONNREFUSED/);
    await cluster.start();
    await query(url, 'INSERT INTO t VALUES (2)');
    expect(await query(url, 'SELECT n FROM t ORDER BY n')).toEqual([{ n: 1 }, { n: 2 }]);

    await cluster.destroy();
    expect(existsSync(cluster.dir)).toBe(false);
  });
});

interface Node {
  readonly name: string;
  readonly url: string;
  readonly server: Server;
  /** Cookie headers the node received, to see what HAProxy forwards. */
  readonly cookies: string[];
  readonly forwardedFor: string[];
}

/** A stand-in hub: /healthz answers 200, anything else says which node answered. */
async function startNode(name: string): Promise<Node> {
  const cookies: string[] = [];
  const forwardedFor: string[] = [];
  const server = createServer((request, response) => {
    if (request.url === '/healthz') return response.end('ok');
    cookies.push(request.headers.cookie ?? '');
    forwardedFor.push(String(request.headers['x-forwarded-for']));
    response.setHeader('content-type', 'application/json');
    // Makes the response cacheable by heuristics, so `nocache` has something to mark private.
    response.setHeader('last-modified', new Date(0).toUTCString());
    response.end(JSON.stringify({ node: name }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return { name, url: `http://127.0.0.1:${port}`, server, cookies, forwardedFor };
}

async function get(url: string, cookie?: string): Promise<{ node: string; setCookie: string | null; cache: string }> {
  const response = await fetch(`${url}/socket.io/?EIO=4&transport=polling`, {
    headers: cookie ? { cookie } : {},
  });
  expect(response.status).toBe(200);
  const { node } = (await response.json()) as { node: string };
  return { node, setCookie: response.headers.get('set-cookie'), cache: response.headers.get('cache-control') ?? '' };
}

describe('haproxy with docs/haproxy.cfg', () => {
  it('keeps the documented server options and swaps only addresses', async () => {
    const documented = await readFile(new URL('../../docs/haproxy.cfg', import.meta.url), 'utf8');
    const config = testConfig(documented, 1234, [{ name: 'a', url: 'http://127.0.0.1:5001' }], '/tmp/x.sock');
    expect(config).toMatch(/^\s+bind 127\.0\.0\.1:1234$/m);
    expect(config).toMatch(/^\s+server a 127\.0\.0\.1:5001 check cookie a$/m);
    expect(config).not.toMatch(/node[123]|:8080|:410\d/);
    expect(config).toMatch(/^\s+default-server inter 1s fall 2 rise 2$/m);
    expect(config).toMatch(/^\s+stats socket \/tmp\/x\.sock mode 600 level admin$/m);
    expect(documented).not.toMatch(/^\s*stats socket/m);
  });

  it('sticks a client to a node by cookie, and moves it when health checks find that node down', async () => {
    const nodes = [await startNode('node1'), await startNode('node2')];
    const haproxy = await startHaproxy(nodes);
    cleanups.push(() => haproxy.stop());
    await haproxy.waitForServer('node1', 'UP');
    await haproxy.waitForServer('node2', 'UP');
    expect(await haproxy.serverState()).toEqual([
      { name: 'node1', status: 'UP', up: true },
      { name: 'node2', status: 'UP', up: true },
    ]);

    // A first request gets the node that answered as its cookie, on a response no shared cache may keep (nocache).
    const first = await get(haproxy.url);
    expect(first.setCookie).toMatch(new RegExp(`^WARROOM_NODE=${first.node}(;|$)`));
    expect(first.cache).toContain('private');
    const sticky = nodes.find((n) => n.name === first.node) as Node;
    const other = nodes.find((n) => n !== sticky) as Node;

    // The cookie, not luck: each request goes to the node it names, and only that cookie sends it there.
    for (let i = 0; i < 4; i++) {
      expect((await get(haproxy.url, `WARROOM_NODE=${sticky.name}`)).node).toBe(sticky.name);
      expect((await get(haproxy.url, `WARROOM_NODE=${other.name}; theme=dark`)).node).toBe(other.name);
    }
    // indirect: the hubs never see HAProxy's cookie, only the application's; forwardfor: they see the client.
    expect(sticky.cookies.every((c) => !c.includes('WARROOM_NODE'))).toBe(true);
    expect(other.cookies).toContain('theme=dark');
    expect(new Set([...sticky.forwardedFor, ...other.forwardedFor])).toEqual(new Set(['127.0.0.1']));

    sticky.server.closeAllConnections();
    await new Promise((resolve) => sticky.server.close(resolve));
    await haproxy.waitForServer(sticky.name, 'DOWN');
    expect((await haproxy.serverState()).find((s) => s.name === other.name)).toMatchObject({ up: true });

    const moved = await get(haproxy.url, `WARROOM_NODE=${sticky.name}`);
    expect(moved.node).toBe(other.name);
    expect(moved.setCookie).toMatch(new RegExp(`^WARROOM_NODE=${other.name}(;|$)`));
  });
});
