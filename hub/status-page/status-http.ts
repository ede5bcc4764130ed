import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseRequestUrl } from '../http/request-url.js';
import type { PublicCache } from './public-cache.js';

/**
 * Browsers and proxies may keep a copy for 30 s: a visitor storm during an incident then mostly never reaches the
 * hub, while a new update still shows within half a minute. `public`: nothing on these pages is per person.
 */
const CACHE_CONTROL = 'public, max-age=30';

/**
 * The page runs no script (there is none to run), loads only its own stylesheet, posts its subscribe form only to
 * the hub, and cannot be framed (clickjacking a "subscribe" button).
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  // The page's links to other sites (a feed reader, a company site) learn nothing about where the reader came from.
  'referrer-policy': 'no-referrer',
} as const;

/**
 * GET and HEAD of the public page's resources (/status, /status.json, /status/feed.atom, /status/style.css), from
 * the cache only: no token, no store read. A matching If-None-Match gets 304 without the body. False for other
 * paths (the subscribers' routes under /status/ come after).
 */
export function handleStatusHttp(req: IncomingMessage, res: ServerResponse, cache: PublicCache): boolean {
  const url = parseRequestUrl(req.url);
  const cached = url ? cache.get(url.pathname) : undefined;
  if (!cached) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
    res.end('Only GET and HEAD are allowed here.\n');
    return true;
  }
  // Compressed for clients that say they take gzip (every browser), as it is for others; caches keep both apart.
  const gzip = acceptsGzip(req.headers['accept-encoding']);
  const { body, etag } = gzip ? cached.gzip : cached;
  const headers = {
    'cache-control': CACHE_CONTROL,
    etag,
    vary: 'Accept-Encoding',
    // The JSON and the feed are read by other sites' widgets and feed readers: public data, any origin.
    'access-control-allow-origin': '*',
    ...SECURITY_HEADERS,
  };
  if (matches(req.headers['if-none-match'], etag)) {
    res.writeHead(304, headers);
    res.end();
    return true;
  }
  res.writeHead(200, {
    ...headers,
    'content-type': cached.contentType,
    'content-length': body.length,
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}

/** `Accept-Encoding` names gzip with a weight above zero (`gzip;q=0` refuses it). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    if (name.trim() !== 'gzip' && name.trim() !== '*') return false;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    return q === undefined || Number(q) > 0;
  });
}

/** If-None-Match compares weakly (RFC 9110 13.1.2): `W/"x"` matches `"x"`; `*` matches anything. */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}
