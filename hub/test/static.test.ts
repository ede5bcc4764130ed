import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../hub.js';
import { CONTENT_SECURITY_POLICY } from '../http/static.js';
import { startHubProcess, type HubProcess } from './support/hub-process.js';

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A request with the path exactly as given: fetch would normalise `..` and `%2e` away before sending. */
function raw(baseUrl: string, path: string, method = 'GET'): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function expectSecurityHeaders(headers: IncomingHttpHeaders): void {
  expect(headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy']).toContain("script-src 'self'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['x-frame-options']).toBe('DENY');
}

const INDEX =
  '<!doctype html><title>Warroom</title><div id="root"></div><script type="module" src="./assets/app-1a2b.js"></script>';
const SECRET = 'TOP SECRET: outside the web root';

describe('the hub serves the web client from its folder', () => {
  let base: string;
  let hub: RunningHub;

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'warroom-static-'));
    const root = join(base, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), INDEX);
    writeFileSync(join(root, 'assets', 'app-1a2b.js'), 'console.log("warroom");');
    writeFileSync(join(root, 'assets', 'app-1a2b.css'), 'body { color: white; }');
    writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(root, 'data.bin'), 'bytes');
    writeFileSync(join(root, '.env'), SECRET);
    writeFileSync(join(base, 'secret.txt'), SECRET);
    writeFileSync(join(base, 'renderer-evil.txt'), SECRET); // a sibling whose name starts like the root
    symlinkSync(join(base, 'secret.txt'), join(root, 'leak.txt'));
    const dataDir = join(base, 'data');
    mkdirSync(dataDir);
    hub = await startHub({ dataDir, port: 0, rendererDir: root });
  });

  afterAll(async () => {
    await hub?.close();
    rmSync(base, { recursive: true, force: true });
  });

  it('answers / with index.html, the security headers and no caching', async () => {
    const res = await raw(hub.url, '/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toBe(INDEX);
    expectSecurityHeaders(res.headers);
    expect((await raw(hub.url, '/index.html')).body).toBe(INDEX);
    // A sign-in link's #token never reaches the server; a query string does not change the page.
    expect((await raw(hub.url, '/?from=cli')).body).toBe(INDEX);
  });

  it.each([
    ['/assets/app-1a2b.js', 'text/javascript; charset=utf-8', 'public, max-age=31536000, immutable'],
    ['/assets/app-1a2b.css', 'text/css; charset=utf-8', 'public, max-age=31536000, immutable'],
    ['/favicon.svg', 'image/svg+xml', 'no-cache'],
    ['/data.bin', 'application/octet-stream', 'no-cache'],
  ])('serves %s as %s', async (path, type, cache) => {
    const res = await raw(hub.url, path);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['cache-control']).toBe(cache);
    expectSecurityHeaders(res.headers);
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await raw(hub.url, '/', 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(INDEX)));
    expect(res.body).toBe('');
  });

  it.each([
    '/../secret.txt',
    '/../../../../etc/passwd',
    '/%2e%2e/secret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/..%5csecret.txt',
    '/%5c..%5csecret.txt',
    '/..%2frenderer-evil.txt',
    '/leak.txt',
    '/.env',
    '/%2eenv',
    '/assets/../.env',
    '/index.html%00.js',
    '/%',
  ])('never serves a file outside the web root or a hidden one: %s', async (path) => {
    const res = await raw(hub.url, path);
    expect([400, 404]).toContain(res.status);
    expect(res.body).not.toContain('TOP SECRET');
    expectSecurityHeaders(res.headers);
  });

  it('answers 404 for a missing file or a folder', async () => {
    for (const path of ['/nothing.js', '/assets/', '/assets']) {
      const res = await raw(hub.url, path);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).toContain('Not found');
    }
  });

  it('leaves the API and other methods to the API', async () => {
    const health = await raw(hub.url, '/healthz');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ ok: true });
    const api = await raw(hub.url, '/api/incidents');
    expect(api.status).toBe(401);
    expect(api.headers['content-type']).toBe('application/json; charset=utf-8');
    const post = await raw(hub.url, '/', 'POST');
    expect(post.status).toBe(404);
    expect(JSON.parse(post.body)).toMatchObject({ error: { code: 'not_found' } });
  });
});

describe('the hub without a built web client', () => {
  let base: string;
  let hub: RunningHub;

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'warroom-static-'));
    hub = await startHub({ dataDir: base, port: 0, rendererDir: join(base, 'never-built') });
  });

  afterAll(async () => {
    await hub?.close();
    rmSync(base, { recursive: true, force: true });
  });

  it('explains with a 503 page how to build it', async () => {
    for (const path of ['/', '/index.html']) {
      const res = await raw(hub.url, path);
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).toContain('Web client not built');
      expect(res.body).toContain('npm run build:renderer');
      expectSecurityHeaders(res.headers);
    }
  });

  it('still answers 404 for other files, and the API as usual', async () => {
    expect((await raw(hub.url, '/assets/app.js')).status).toBe(404);
    expect((await raw(hub.url, '/healthz')).status).toBe(200);
  });
});

describe('the built CLI serves the built web client from dist/renderer', () => {
  const distRenderer = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));
  let dataDir: string;
  let hub: HubProcess;

  beforeAll(async () => {
    // `npm test` builds first; build here too when run alone. Vitest sets NODE_ENV=test: build for production.
    if (!existsSync(join(distRenderer, 'index.html')))
      execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
        stdio: 'inherit',
        env: { ...process.env, NODE_ENV: 'production' },
      });
    dataDir = mkdtempSync(join(tmpdir(), 'warroom-static-cli-'));
    hub = await startHubProcess(dataDir, ['--no-local-token']);
  });

  afterAll(async () => {
    await hub?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves index.html at / and the script it loads', async () => {
    const page = await raw(hub.url, '/');
    expect(page.status).toBe(200);
    expect(page.body).toBe(readFileSync(join(distRenderer, 'index.html'), 'utf8'));
    expect(page.body).toContain('<div id="root"></div>');
    expect(page.body).toContain('http-equiv="Content-Security-Policy"');
    expectSecurityHeaders(page.headers);

    const script = /<script type="module" crossorigin src="\.\/(assets\/[^"]+\.js)"/.exec(page.body)?.[1];
    expect(script).toBeDefined();
    const js = await raw(hub.url, `/${script ?? ''}`);
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.body.length).toBeGreaterThan(1000);
  });
});
