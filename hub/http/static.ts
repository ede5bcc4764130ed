import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { escapeHtml } from './escape-html.js';
import { parseRequestUrl } from './request-url.js';

/** The same policy as the page's meta tag; as a header it also covers frame-ancestors, which a meta tag cannot. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self' ws: wss: http: https:",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Where the built web client is: dist/renderer. Compiled, this file is dist/hub/http/static.js; run from source
 * (tests), it is hub/http/static.ts. Either way the answer is the built output, never the renderer's sources.
 */
export function defaultRendererDir(): string {
  const fromSource = import.meta.url.endsWith('.ts');
  return fileURLToPath(new URL(fromSource ? '../../dist/renderer/' : '../../renderer/', import.meta.url));
}

export type StaticHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/**
 * Serves the web client's files from `rootDir` (GET and HEAD). `/` is index.html. Paths are decoded, resolved
 * and then checked to stay inside `rootDir` (also through symlinks); dot-files are never served. Returns false
 * for other methods, so the caller answers them.
 */
export function createStaticHandler(rootDir: string): StaticHandler {
  const root = resolve(rootDir);
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const url = parseRequestUrl(req.url);
    if (!url) return false; // startHub answers malformed URLs before any handler
    const { pathname } = url;
    const relative = pathname === '/' ? '/index.html' : decodePath(pathname);
    if (relative === null) {
      sendPage(res, req, 400, 'Bad request', 'That address is not a valid path.');
      return true;
    }
    if (relative === '/index.html' && !(await isFile(join(root, 'index.html')))) {
      sendPage(
        res,
        req,
        503,
        'Web client not built',
        'This hub has no web client to serve yet: dist/renderer was never built. In the Warroom folder, run ' +
          '`npm run build:renderer` (or `npm run build`), then reload this page. The hub API and the desktop app work without it.',
      );
      return true;
    }
    const file = await containedFile(root, relative);
    if (!file) {
      sendPage(res, req, 404, 'Not found', 'There is no such page here. The war room is at /.');
      return true;
    }
    const type = CONTENT_TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream';
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': type,
      'content-length': String(file.size),
      // Vite names assets by content hash: they never change. Everything else must be revalidated.
      'cache-control': relative.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
      return true;
    }
    try {
      await pipeline(createReadStream(file.path), res);
    } catch {
      res.destroy(); // the client went away mid-file (or the file vanished): nothing more to say to it
    }
    return true;
  };
}

/** The decoded path, or null when it cannot be decoded or holds characters no file of ours has. */
function decodePath(pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  return /[\0\\]/.test(decoded) ? null : decoded;
}

/** A regular file inside root (after resolving `..` and symlinks), not hidden; otherwise null. */
async function containedFile(root: string, relative: string): Promise<{ path: string; size: number } | null> {
  if (relative.split('/').some((segment) => segment.startsWith('.'))) return null; // also "..", ".env", ".git"
  const candidate = resolve(root, `.${relative}`);
  if (!inside(root, candidate)) return null;
  try {
    const [real, realRoot] = await Promise.all([realpath(candidate), realpath(root)]);
    if (!inside(realRoot, real)) return null;
    const info = await stat(real);
    return info.isFile() ? { path: real, size: info.size } : null;
  } catch {
    return null;
  }
}

function inside(root: string, path: string): boolean {
  return path.startsWith(root.endsWith(sep) ? root : root + sep);
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function sendPage(res: ServerResponse, req: IncomingMessage, status: number, title: string, message: string): void {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title} · Warroom</title></head>
<body><h1>${title}</h1><p>${escapeHtml(message)}</p></body></html>
`;
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'text/html; charset=utf-8',
    'content-length': String(Buffer.byteLength(html)),
    'cache-control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : html);
}
